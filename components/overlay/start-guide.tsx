/**
 * Lifecycle of the in-page guide: mounted while the tab shows Bitget's API
 * key page, removed (observers, listeners, the captured passphrase and all)
 * when the single-page app routes away, and mounted again when it comes
 * back. Never more than one overlay.
 */
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { isApiKeyPage } from '@/utils/bitget/route';
import { request } from '@/utils/messaging';
import { GuideContext } from './context';
import { GuideController } from './controller';
import { GuidePanel } from './GuidePanel';
import overlayCss from './overlay.css?inline';
import { createGuideStore } from './store';

export const OVERLAY_HOST_NAME = 'mantix-guide';

interface Mounted {
  root: Root;
  controller: GuideController;
}

export async function startGuide(ctx: ContentScriptContext): Promise<void> {
  let ui: ShadowRootContentScriptUi<Mounted> | undefined;
  let mounting = false;

  /** `url`: where the tab is going (WXT reports a route change before `location` shows it). */
  const mount = async (url: string | URL = location.href) => {
    if (ui || mounting || ctx.isInvalid || !isApiKeyPage(url)) return;
    mounting = true;
    try {
      // An overlay left behind by an earlier, invalidated copy of this script.
      for (const stale of Array.from(document.querySelectorAll(OVERLAY_HOST_NAME))) stale.remove();
      const created = await createShadowRootUi<Mounted>(ctx, {
        name: OVERLAY_HOST_NAME,
        position: 'inline',
        anchor: 'body',
        append: 'last',
        mode: 'open',
        css: overlayCss,
        onMount(container, _shadow, host) {
          const store = createGuideStore();
          const controller = new GuideController(store, {
            document,
            window,
            host,
            request,
            connect: (name) => browser.runtime.connect({ name }),
            copy: (text) => navigator.clipboard.writeText(text),
          });
          const root = createRoot(container);
          root.render(
            <GuideContext.Provider value={{ store, actions: controller.actions }}>
              <GuidePanel />
            </GuideContext.Provider>,
          );
          controller.start();
          return { root, controller };
        },
        onRemove(mounted) {
          mounted?.controller.destroy();
          mounted?.root.unmount();
        },
      });
      if (ui || ctx.isInvalid || !isApiKeyPage(location.href)) return;
      ui = created;
      ui.mount();
    } finally {
      mounting = false;
    }
  };

  const unmount = () => {
    ui?.remove();
    ui = undefined;
  };

  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (isApiKeyPage(newUrl)) void mount(newUrl);
    else unmount();
  });
  ctx.onInvalidated(unmount);
  await mount();
}

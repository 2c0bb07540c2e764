/**
 * Lifecycle of the in-page guide: mounted while the tab shows Bitget's API
 * key page, removed (observers and all) when the single-page app routes away,
 * and mounted again when it comes back. Never more than one overlay.
 */
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { isApiKeyPage } from '@/utils/bitget/route';
import { GuidePanel } from './GuidePanel';
import overlayCss from './overlay.css?inline';

export const OVERLAY_HOST_NAME = 'mantix-guide';

export async function startGuide(ctx: ContentScriptContext): Promise<void> {
  let ui: ShadowRootContentScriptUi<Root> | undefined;

  const mount = async () => {
    if (ui || !isApiKeyPage(location.href)) return;
    const created = await createShadowRootUi<Root>(ctx, {
      name: OVERLAY_HOST_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      css: overlayCss,
      onMount(container) {
        const root = createRoot(container);
        root.render(<GuidePanel />);
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    if (ui || ctx.isInvalid) return;
    ui = created;
    ui.mount();
  };

  const unmount = () => {
    ui?.remove();
    ui = undefined;
  };

  ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
    if (isApiKeyPage(newUrl)) void mount();
    else unmount();
  });
  ctx.onInvalidated(unmount);
  await mount();
}

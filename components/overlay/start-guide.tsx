/**
 * Lifecycle of the in-page guide, injected by the background into Bitget's
 * API key page (entrypoints/bitget-guide). Mounted while the tab shows the
 * API key page, removed (observers, listeners, the captured passphrase and
 * all) when the single-page app routes away, and mounted again when it comes
 * back; the loader (utils/loader) calls `sync()` on every route change. Never
 * more than one overlay.
 *
 * No WXT content-script context: its end can be forged by the page (a
 * `…:wxt:content-script-started` event on `document`), and its location
 * watcher trusts the event's `newUrl`. Here nothing the page dispatches ends
 * or moves the guide; each decision re-reads `location.href`, and the guide
 * goes only when the extension's own context is gone.
 */
import { createRoot, type Root } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { isApiKeyPage } from '@/utils/bitget/route';
import { currentGuide, extensionAlive, type GuideHandle, setCurrentGuide } from '@/utils/loader/handle';
import { pageRequest } from '@/utils/page-protocol';
import { GuideContext } from './context';
import { GuideController } from './controller';
import { GuidePanel } from './GuidePanel';
import overlayCss from './overlay.css?inline';
import { createGuideStore } from './store';

export const OVERLAY_HOST_NAME = 'mantix-guide';

/**
 * Closed outside test builds, so Bitget's scripts cannot reach into the guide.
 * Test builds keep it open: Playwright's locators (tests/e2e/pages/overlay.ts)
 * and the bench's probe read the overlay through it.
 */
export const SHADOW_MODE: ShadowRootMode = import.meta.env.MODE === 'test' ? 'open' : 'closed';

interface Mounted {
  host: HTMLElement;
  root: Root;
  controller: GuideController;
}

const HOST_STYLE =
  'all:initial!important;position:fixed!important;inset:0!important;z-index:2147483646!important;' +
  'pointer-events:none!important;contain:strict!important';

function mountOverlay(): Mounted {
  // An overlay left behind by an earlier, orphaned copy of the guide.
  for (const stale of Array.from(document.querySelectorAll(OVERLAY_HOST_NAME))) stale.remove();
  const host = document.createElement(OVERLAY_HOST_NAME);
  const shadow = host.attachShadow({ mode: SHADOW_MODE });
  const style = document.createElement('style');
  // The host is a box over the viewport that lets every press through (the
  // panel and its tab take them back) and contains its layout, style and
  // paint: a re-render of the panel never makes the browser lay out Bitget's
  // page again. It is also the containing block of the fixed panel, at the
  // viewport's own place and size, so the panel's corners stay where they were.
  style.textContent = `:host{${HOST_STYLE}}\n${overlayCss}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.body.append(host);

  const store = createGuideStore();
  const controller = new GuideController(store, {
    document,
    window,
    host,
    request: pageRequest,
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
  return { host, root, controller };
}

function unmountOverlay(mounted: Mounted): void {
  mounted.controller.destroy();
  mounted.root.unmount();
  mounted.host.remove();
}

export function startGuide(): GuideHandle {
  const previous = currentGuide();
  if (previous?.alive()) {
    // Injected twice into the same document: the first copy stays.
    previous.sync();
    return previous;
  }
  previous?.destroy();

  let mounted: Mounted | undefined;
  let destroyed = false;

  const unmount = () => {
    const current = mounted;
    mounted = undefined;
    if (current) unmountOverlay(current);
  };

  const handle: GuideHandle = {
    alive: () => !destroyed && extensionAlive(),
    sync() {
      if (!handle.alive()) {
        handle.destroy();
        return;
      }
      if (!isApiKeyPage(location.href)) unmount();
      else if (!mounted && document.body) mounted = mountOverlay();
    },
    destroy() {
      destroyed = true;
      unmount();
      if (currentGuide() === handle) setCurrentGuide(undefined);
    },
  };
  setCurrentGuide(handle);
  handle.sync();
  return handle;
}

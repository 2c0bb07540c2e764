/**
 * Calls `onChange` when the tab's URL may have changed: a full load is the
 * caller's own start; in-app routes (pushState/replaceState from Bitget's own
 * scripts, Back/Forward, hash changes) come from here.
 *
 * The isolated world cannot see the page's `history.pushState` calls. Where
 * the Navigation API exists (Chromium), its `currententrychange` event fires
 * for every same-document navigation, whoever made it. Elsewhere (Firefox
 * before the Navigation API) `popstate`/`hashchange` cover Back/Forward and
 * anchors, and a cheap check of `location.href` every 250 ms covers
 * pushState. Nothing here touches the DOM; the caller re-reads
 * `location.href` and never trusts an event's data.
 */

export const FALLBACK_POLL_MS = 250;

interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

export interface RouteWatchEnv {
  window: Pick<Window, 'addEventListener' | 'removeEventListener' | 'setInterval' | 'clearInterval'>;
  navigation?: NavigationLike | undefined;
}

export function watchRoute(onChange: () => void, env: RouteWatchEnv = defaultEnv()): () => void {
  const { window: win, navigation } = env;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', onChange);
    return () => navigation.removeEventListener('currententrychange', onChange);
  }
  win.addEventListener('popstate', onChange);
  win.addEventListener('hashchange', onChange);
  const timer = win.setInterval(onChange, FALLBACK_POLL_MS);
  return () => {
    win.removeEventListener('popstate', onChange);
    win.removeEventListener('hashchange', onChange);
    win.clearInterval(timer);
  };
}

function defaultEnv(): RouteWatchEnv {
  return { window, navigation: (globalThis as { navigation?: NavigationLike }).navigation };
}

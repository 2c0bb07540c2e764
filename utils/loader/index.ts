/**
 * The loader: the only script the manifest puts on Bitget's pages (top frame).
 * It watches the route and nothing else (no DOM observer); on the API key
 * page it asks the background to inject the guide (utils/background/inject.ts),
 * once per document, and afterwards tells the guide when the route changed.
 * On every other Bitget page it costs a URL comparison per navigation.
 */
import { isApiKeyPage } from '../bitget/route';
import { currentGuide, extensionAlive, GUIDE_PORT } from './handle';
import { type RouteWatchEnv, watchRoute } from './route-watch';

interface LoaderRuntime {
  connect(info: { name: string }): { onDisconnect: { addListener(cb: () => void): void } };
}

export interface LoaderEnv {
  location: Pick<Location, 'href'>;
  runtime: () => LoaderRuntime | undefined;
  watch?: RouteWatchEnv;
}

export function startLoader(env: LoaderEnv = defaultEnv()): () => void {
  let lastHref: string | undefined;
  let asked = false;

  const askForGuide = () => {
    asked = true;
    try {
      const port = env.runtime()?.connect({ name: GUIDE_PORT });
      // The background closes the port once the guide has run (or was refused): ask again on a
      // later navigation if no guide came.
      port?.onDisconnect.addListener(() => {
        asked = currentGuide() !== undefined;
      });
      if (!port) asked = false;
    } catch {
      asked = false;
    }
  };

  const check = () => {
    if (!extensionAlive()) {
      // The extension was reloaded or removed: this copy and its guide are orphans.
      currentGuide()?.destroy();
      stop();
      return;
    }
    const href = env.location.href;
    if (href === lastHref) return;
    lastHref = href;
    const guide = currentGuide();
    if (guide) guide.sync();
    else if (!asked && isApiKeyPage(href)) askForGuide();
  };

  const stop = watchRoute(check, env.watch);
  check();
  return stop;
}

function defaultEnv(): LoaderEnv {
  return {
    location,
    runtime: () => (globalThis as { chrome?: { runtime?: LoaderRuntime } }).chrome?.runtime,
  };
}

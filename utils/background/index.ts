/**
 * The background's composition root: the services are made here (or handed
 * in by a test), each feature registers its handlers and listeners in one
 * scope, and `destroy()` removes them all again.
 */
import { browser } from 'wxt/browser';
import { config } from '../config';
import { mantixHandoffApi } from '../handoff/api';
import type { HandoffApi } from '../handoff/ports';
import { createMantixClient, type MantixClient } from '../mantix';
import { handle } from '../messaging';
import { registerCaptureHandlers } from './capture';
import { createDisposer, type Disposer } from './disposer';
import { registerGuidePositionHandlers } from './guide-position';
import { registerGuideInjection } from './inject';
import { createLinkService, type LinkService, registerLinkHandlers } from './link';
import { registerPopupHandlers } from './popup';

/** What the background talks to: Mantix, for linking and for the handoff. */
export interface BackgroundServices {
  link: LinkService;
  handoff: HandoffApi;
}

/** The services of this build: one Mantix client, shared by linking and the handoff. */
export function productionServices(client: MantixClient = createMantixClient()): BackgroundServices {
  return {
    link: createLinkService({ client }),
    handoff: mantixHandoffApi(client, config.ingestPins),
  };
}

function registerCoreHandlers(scope: Disposer): void {
  scope.add(
    handle('ping', (_data, context) => ({
      version: browser.runtime.getManifest().version,
      sender: context.sender,
    })),
  );
}

export interface Background {
  /** Removes every handler, listener and timer the background set up. */
  destroy(): void;
}

export function startBackground(services: BackgroundServices): Background {
  const scope = createDisposer();
  registerGuideInjection(scope);
  registerCoreHandlers(scope);
  registerLinkHandlers(scope, services.link);
  registerCaptureHandlers(scope, services.handoff);
  registerPopupHandlers(scope);
  registerGuidePositionHandlers(scope);
  return { destroy: () => scope.dispose() };
}

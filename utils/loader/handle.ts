/**
 * What the loader and the injected guide share. Both run in the extension's
 * isolated world on Bitget's page, so a symbol in that world's own registry
 * is out of the page's reach (the page's scripts run in another world).
 */

/** The runtime port the loader opens to ask the background for the guide. */
export const GUIDE_PORT = 'mantix-guide-inject';

/** The guide's file in the build (entrypoints/bitget-guide), injected by the background. */
export const GUIDE_FILE = '/bitget-guide.js';

export interface GuideHandle {
  /** Re-reads `location.href`: mounts the guide on the API key page, removes it elsewhere. */
  sync(): void;
  /** Removes the guide for good (the extension was reloaded or removed). */
  destroy(): void;
  /** False once this copy's extension context is gone. */
  alive(): boolean;
}

const KEY = Symbol.for('mantix-connect.guide');

type Holder = { [KEY]?: GuideHandle };

export function currentGuide(): GuideHandle | undefined {
  return (globalThis as Holder)[KEY];
}

export function setCurrentGuide(handle: GuideHandle | undefined): void {
  (globalThis as Holder)[KEY] = handle;
}

/** The extension behind this script still exists (not reloaded, updated or removed meanwhile). */
export function extensionAlive(): boolean {
  try {
    const api = (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome;
    return typeof api?.runtime?.id === 'string';
  } catch {
    return false;
  }
}

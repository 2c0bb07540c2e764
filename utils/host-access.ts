/**
 * Host access: the sites the extension must reach (Bitget's API page for the
 * guide and the capture, the Mantix API for linking and the hand-off).
 *
 * Chrome grants the manifest's `host_permissions` at install. Firefox MV3
 * treats them as the user's choice: granted at install since Firefox 127,
 * but the user can withdraw them (about:addons → Permissions, or the
 * extensions menu), and older or managed set-ups may never have granted them.
 * Then the content script does not run on Bitget and requests to Mantix
 * fail, so the popup and the options page say so and offer a button that
 * asks for exactly these origins (`permissions.request` must run in a click).
 */
import { browser } from 'wxt/browser';
import { BITGET_ORIGIN_PATTERN } from './bitget/origin';
import { apiHostPattern } from './build-config';
import { config } from './config';

/** The origins the extension needs: Bitget's site and the Mantix API of this build. */
export function requiredOrigins(): string[] {
  return [BITGET_ORIGIN_PATTERN, apiHostPattern(config.apiUrl)];
}

/** The needed origins the browser has not granted (empty when all are granted). */
export async function missingOrigins(origins: readonly string[] = requiredOrigins()): Promise<string[]> {
  const missing: string[] = [];
  for (const origin of origins) {
    if (!(await browser.permissions.contains({ origins: [origin] }))) missing.push(origin);
  }
  return missing;
}

/**
 * Whether the browser lets the extension reach the Mantix API of this build.
 * A browser that cannot answer counts as yes: the request then fails (or not) on its own.
 */
export async function hasMantixAccess(): Promise<boolean> {
  try {
    return (await missingOrigins([apiHostPattern(config.apiUrl)])).length === 0;
  } catch {
    return true;
  }
}

/**
 * Asks the user for `origins` (the missing ones, read beforehand). Call it
 * straight from a click, with no `await` before it: Firefox accepts the
 * request only while it is handling the user's input.
 */
export function requestHostAccess(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...origins] });
}

/** Calls `listener` whenever the browser grants or withdraws a permission; returns the unsubscribe. */
export function watchHostAccess(listener: () => void): () => void {
  try {
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
  } catch {
    // No permission events here (a test double): the state is read once.
    return () => undefined;
  }
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}

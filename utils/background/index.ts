/**
 * The background's bootstrap: plain services wired together. Each feature
 * registers its own message handlers from its own module.
 */
import { browser } from 'wxt/browser';
import { handle } from '../messaging';
import { registerCaptureHandlers } from './capture';
import { registerLinkHandlers } from './link';

export function registerCoreHandlers(): void {
  handle('ping', (_data, context) => ({
    version: browser.runtime.getManifest().version,
    sender: context.sender,
  }));
}

export function startBackground(): void {
  registerCoreHandlers();
  registerLinkHandlers();
  registerCaptureHandlers();
}

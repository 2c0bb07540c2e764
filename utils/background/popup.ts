/**
 * The panel's "Send to Mantix…": the background opens the toolbar popup in
 * the window of the Bitget tab that asked. Browsers that refuse (no
 * `action.openPopup`, no focused window, an older Chrome that wants a user
 * gesture) answer `opened: false`, and the panel shows how to open and pin
 * the toolbar icon instead.
 */
import { browser } from 'wxt/browser';
import { handle } from '../messaging';
import type { Disposer } from './disposer';

type OpenPopup = (options?: { windowId?: number }) => Promise<void>;

export function registerPopupHandlers(scope: Disposer): void {
  scope.add(
    handle('popup:open', async (_data, context) => {
      const openPopup = (browser.action as { openPopup?: OpenPopup }).openPopup;
      if (typeof openPopup !== 'function') return { opened: false };
      try {
        const tab = context.tabId === undefined ? undefined : await browser.tabs.get(context.tabId);
        await openPopup.call(browser.action, tab?.windowId === undefined ? {} : { windowId: tab.windowId });
        return { opened: true };
      } catch {
        return { opened: false };
      }
    }),
  );
}

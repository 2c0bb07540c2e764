/**
 * Injects the guide (entrypoints/bitget-guide) when the loader asks, over a
 * port that carries no message: the sender is all there is to check. Only
 * the top frame of Bitget's API key page gets it (the same checks as the
 * capture port), into the asking document only where the browser can say
 * which one (Chrome's `documentId`), else into the tab's top frame.
 */
import { type Browser, browser } from 'wxt/browser';
import { isApiKeyPage } from '../bitget/route';
import { GUIDE_FILE, GUIDE_PORT } from '../loader/handle';
import { classifySender, senderPageUrl } from '../sender';
import type { Disposer } from './disposer';

type Sender = Browser.runtime.MessageSender & { documentId?: string };

type InjectionTarget = { tabId: number; documentIds: string[] } | { tabId: number; frameIds: number[] };

/** Where to inject for this sender, or why not. */
export function guideTarget(
  sender: Sender | undefined,
  self: { id: string; baseUrl: string },
): { ok: true; target: InjectionTarget } | { ok: false; reason: string } {
  if (!sender) return { ok: false, reason: 'no sender' };
  const checked = classifySender(sender, self);
  if (!checked.ok) return checked;
  if (checked.kind !== 'bitget-content' || checked.tabId === undefined) {
    return { ok: false, reason: 'not a Bitget content script' };
  }
  if (!isApiKeyPage(senderPageUrl(sender))) return { ok: false, reason: 'not the API key page' };
  return {
    ok: true,
    target: sender.documentId
      ? { tabId: checked.tabId, documentIds: [sender.documentId] }
      : { tabId: checked.tabId, frameIds: [0] },
  };
}

export function registerGuideInjection(scope: Disposer): void {
  scope.listen(browser.runtime.onConnect, (port: Browser.runtime.Port) => {
    if (port.name !== GUIDE_PORT) return;
    const decision = guideTarget(port.sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') });
    if (!decision.ok) {
      port.disconnect();
      return;
    }
    const scripting = (browser as unknown as { scripting: typeof chrome.scripting }).scripting;
    void scripting
      .executeScript({ target: decision.target, files: [GUIDE_FILE] })
      .catch((error: unknown) => console.warn('Mantix Connect: could not start the guide', error))
      .finally(() => port.disconnect());
  });
}

/**
 * Who may talk to the background. Nothing from a content script is trusted:
 * each message type names the kinds of sender it accepts, and the background
 * checks the sender before it parses the payload.
 */
import type { Browser } from 'wxt/browser';
import { BITGET_ORIGIN } from './bitget/origin';
import type { SENDER_KINDS } from './protocol-values';

export type SenderKind = (typeof SENDER_KINDS)[number];

export type SenderCheck = { ok: true; kind: SenderKind; tabId?: number } | { ok: false; reason: string };

interface Self {
  id: string;
  /** The extension's own origin, e.g. `chrome-extension://abc/`. */
  baseUrl: string;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function classifySender(sender: Browser.runtime.MessageSender, self: Self): SenderCheck {
  if (sender.id !== self.id) return { ok: false, reason: 'message from another extension' };
  const selfOrigin = originOf(self.baseUrl);
  const url = sender.url;
  const origin = sender.origin ?? originOf(url);
  if (origin && origin === selfOrigin) {
    return { ok: true, kind: 'extension-page' };
  }
  if (sender.tab?.id === undefined) return { ok: false, reason: 'message from an unknown context' };
  if (origin !== BITGET_ORIGIN || originOf(url) !== BITGET_ORIGIN) {
    return { ok: false, reason: `message from a page that is not ${BITGET_ORIGIN}` };
  }
  if (sender.frameId !== 0) return { ok: false, reason: 'message from a sub-frame' };
  return { ok: true, kind: 'bitget-content', tabId: sender.tab.id };
}

/**
 * The address the sender's frame shows now. Chromium's `sender.url` is the
 * address the document was loaded at and does not follow the single-page
 * app's in-app routes (pushState); for the top frame the tab's `url` does
 * (visible to the extension through its Bitget host permission). Checked
 * after `classifySender`, which holds the origin and the frame.
 */
export function senderPageUrl(sender: Browser.runtime.MessageSender): string {
  if (sender.frameId === 0 && sender.tab?.url) return sender.tab.url;
  return sender.url ?? '';
}

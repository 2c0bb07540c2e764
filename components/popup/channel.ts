/**
 * The popup's two ports to the background (utils/protocol.ts):
 * - VIEW_PORT: the background pushes the masked view on connect and on every change;
 * - POPUP_SECRET_PORT: one message with what the user typed (pasted keys, a
 *   re-entered Passphrase), one reply, closed. Never sendMessage for secrets.
 * Everything received is parsed with zod.
 */
import { browser } from 'wxt/browser';
import { HandoffView } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { requestOnce } from '@/utils/port';
import { CaptureReply, POPUP_SECRET_PORT, type PopupSecretMessage, VIEW_PORT } from '@/utils/protocol';

const SECRET_REPLY_TIMEOUT_MS = 15_000;

/** Follows the background's view until `disconnect()`; `onLost` when the port closes (e.g. the worker stopped). */
export function connectView(onView: (view: HandoffView) => void, onLost: () => void): () => void {
  const port = browser.runtime.connect({ name: VIEW_PORT });
  let open = true;
  port.onMessage.addListener((raw: unknown) => {
    const view = HandoffView.safeParse(raw);
    if (view.success) onView(view.data);
  });
  port.onDisconnect.addListener(() => {
    if (!open) return;
    open = false;
    onLost();
  });
  return () => {
    if (!open) return;
    open = false;
    port.disconnect();
  };
}

const noAnswer = (): CaptureReply => ({ type: 'capture:result', status: 'rejected', message: t('popup_secretLost') });

/** Hands what the user typed to the background, once; resolves with its reply (never echoes a secret). */
export function sendSecret(message: PopupSecretMessage): Promise<CaptureReply> {
  return new Promise((resolve) => {
    const port = browser.runtime.connect({ name: POPUP_SECRET_PORT });
    requestOnce(port, message, SECRET_REPLY_TIMEOUT_MS, (raw) => {
      const reply = CaptureReply.safeParse(raw);
      resolve(reply.success ? reply.data : noAnswer());
    });
  });
}

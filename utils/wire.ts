/**
 * The asking end of the extension's messages, without any schema library:
 * sends `{ id, type, data, timestamp }` to the background and hands the
 * answer to the caller's parser. `request` (utils/messaging.ts, zod) and
 * `pageRequest` (utils/page-protocol.ts, checked by hand for the guide on
 * Bitget's page) are both built on it, so both fail the same way.
 */
import { browser } from 'wxt/browser';
import { t } from './i18n';
import type { Result } from './protocol';

export interface WireMessage {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

/** A parser's verdict on the background's answer: the result, or why it is not one. */
export type Parsed = { ok: true; result: Result<unknown> } | { ok: false; detail: string };

let nextId = Math.floor(Math.random() * 10_000);

export async function sendWire(type: string, data: unknown, parse: (raw: unknown) => Parsed): Promise<Result<unknown>> {
  let raw: unknown;
  try {
    const message: WireMessage = { id: nextId++, type, data, timestamp: Date.now() };
    const answer: unknown = await browser.runtime.sendMessage(message);
    if (typeof answer !== 'object' || answer === null || !('res' in answer)) throw new Error('No response');
    raw = answer.res;
  } catch (error) {
    return {
      ok: false,
      error: { code: 'background_unreachable', message: t('messaging_unreachable'), detail: String(error) },
    };
  }
  const parsed = parse(raw);
  if (!parsed.ok) {
    return {
      ok: false,
      error: { code: 'bad_message', message: t('messaging_badAnswer'), detail: parsed.detail.slice(0, 2000) },
    };
  }
  return parsed.result;
}

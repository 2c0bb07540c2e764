/**
 * Typed, validated messaging: a small router of our own on
 * `runtime.sendMessage` / `runtime.onMessage`.
 *
 * - `request(type, data)` sends to the background from an extension page and
 *   parses the answer (never trusts it); the guide on Bitget's page uses
 *   `pageRequest` (./page-protocol.ts), which checks its answers by hand.
 * - `handle(type, handler)` (background only) checks the sender against the
 *   message's allow-list, parses the payload, and turns every failure into
 *   an `ErrorInfo` the caller can show.
 *
 * Wire format: `{ id, type, data, timestamp }` → `{ res }` (the format of
 * @webext-core/messaging, which this replaced; tests speak it). Handlers live
 * in a `Map`, so a message typed `constructor` or `__proto__` finds nothing
 * and is answered `unknown_message`.
 */
import { type Browser, browser } from 'wxt/browser';
import { t } from './i18n';
import {
  type ErrorInfo,
  type MessageType,
  type ParsedRequestOf,
  protocol,
  type RequestOf,
  type ResponseOf,
  type Result,
  resultSchema,
} from './protocol';
import { classifySender, type SenderKind } from './sender';
import { sendWire, type WireMessage } from './wire';

export class MessageError extends Error {
  override name = 'MessageError';
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

/** Sends a request to the background and returns its parsed result. */
export function request<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  const answer = resultSchema(protocol[type].response);
  return sendWire(type, data, (raw) => {
    const parsed = answer.safeParse(raw);
    return parsed.success
      ? { ok: true, result: parsed.data as Result<unknown> }
      : { ok: false, detail: parsed.error.message };
  }) as Promise<Result<ResponseOf<K>>>;
}

/** Like `request`, but throws a `MessageError` instead of returning a failed result. */
export async function call<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const result = await request(type, data);
  if (!result.ok) throw new MessageError(result.error);
  return result.value;
}

export interface HandlerContext {
  sender: SenderKind;
  /** The tab of a content script sender. */
  tabId?: number;
}

type Handler<K extends MessageType> = (
  data: ParsedRequestOf<K>,
  context: HandlerContext,
) => Promise<ResponseOf<K>> | ResponseOf<K>;

/** Turns any thrown value into an ErrorInfo (MessageError keeps its sentence). */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof MessageError) return error.info;
  return {
    code: 'internal_error',
    message: t('messaging_internal'),
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

type WireHandler = (data: unknown, sender: Browser.runtime.MessageSender) => Promise<Result<unknown>>;

const handlers = new Map<string, WireHandler>();
let removeRoot: (() => void) | undefined;

/** The one `runtime.onMessage` listener: a message in the wire format goes to its type's handler. */
function root(message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (answer: unknown) => void) {
  if (typeof message !== 'object' || message === null) return false;
  const { type, timestamp, data } = message as Partial<WireMessage>;
  if (typeof type !== 'string' || typeof timestamp !== 'number') return false;
  const handler = handlers.get(type);
  if (!handler) {
    const error: ErrorInfo = { code: 'unknown_message', message: t('messaging_malformed'), detail: 'unknown type' };
    sendResponse({ res: { ok: false, error } });
    return false;
  }
  void handler(data, sender).then(
    (res) => sendResponse({ res }),
    // `handle()` turns every failure into a result; anything else still gets an answer.
    (error: unknown) => sendResponse({ res: { ok: false, error: toErrorInfo(error) } }),
  );
  return true;
}

function listen(type: string, handler: WireHandler): () => void {
  if (handlers.has(type)) throw new Error(`Only one handler per message type: ${type}`);
  handlers.set(type, handler);
  if (!removeRoot) {
    browser.runtime.onMessage.addListener(root);
    removeRoot = () => browser.runtime.onMessage.removeListener(root);
  }
  return () => {
    if (handlers.get(type) !== handler) return;
    handlers.delete(type);
    if (handlers.size === 0) {
      removeRoot?.();
      removeRoot = undefined;
    }
  };
}

/** Registers the background's handler for one message type. */
export function handle<K extends MessageType>(type: K, handler: Handler<K>): () => void {
  const spec = protocol[type];
  return listen(type, async (raw, from): Promise<Result<ResponseOf<K>>> => {
    const sender = classifySender(from, {
      id: browser.runtime.id,
      baseUrl: browser.runtime.getURL('/'),
    });
    if (!sender.ok) {
      return {
        ok: false,
        error: { code: 'forbidden', message: t('messaging_forbidden'), detail: sender.reason },
      };
    }
    if (!(spec.senders as readonly SenderKind[]).includes(sender.kind)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: t('messaging_forbidden'),
          detail: `not accepted from ${sender.kind}`,
        },
      };
    }
    const data = spec.request.safeParse(raw);
    if (!data.success) {
      return {
        ok: false,
        error: {
          code: 'bad_request',
          message: t('messaging_malformed'),
          detail: data.error.message.slice(0, 2000),
        },
      };
    }
    try {
      const value = await handler(data.data as ParsedRequestOf<K>, {
        sender: sender.kind,
        ...(sender.tabId !== undefined ? { tabId: sender.tabId } : {}),
      });
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  });
}

/**
 * Typed, validated messaging: a small router of our own on
 * `runtime.sendMessage` / `runtime.onMessage`.
 *
 * - `request(type, data)` sends to the background from any extension context
 *   or the content script, and parses the answer (never trusts it).
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
  type MessageSpec,
  type MessageType,
  type PageMessageType,
  type ParsedRequestOf,
  pageProtocol,
  protocol,
  type RequestOf,
  type ResponseOf,
  type Result,
  resultSchema,
} from './protocol';
import { classifySender, type SenderKind } from './sender';

interface WireMessage {
  id: number;
  type: string;
  data: unknown;
  timestamp: number;
}

let nextId = Math.floor(Math.random() * 10_000);

export class MessageError extends Error {
  override name = 'MessageError';
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

/** Sends a request to the background and returns its parsed result. */
export function request<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  return requestIn(protocol, type, data) as Promise<Result<ResponseOf<K>>>;
}

/**
 * `request` for the guide on Bitget's page: only the messages it may send,
 * so that the other messages' schemas stay out of its script.
 */
export function pageRequest<K extends PageMessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  return requestIn(pageProtocol, type, data) as Promise<Result<ResponseOf<K>>>;
}

async function requestIn(table: Record<string, MessageSpec>, type: string, data: unknown): Promise<Result<unknown>> {
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
  const spec = table[type];
  const parsed = spec ? resultSchema(spec.response).safeParse(raw) : undefined;
  if (!parsed?.success) {
    return {
      ok: false,
      error: {
        code: 'bad_message',
        message: t('messaging_badAnswer'),
        detail: (parsed?.error.message ?? 'unknown type').slice(0, 2000),
      },
    };
  }
  return parsed.data as Result<unknown>;
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

/**
 * Typed, validated messaging on top of @webext-core/messaging.
 *
 * - `request(type, data)` sends to the background from any extension context
 *   or the content script, and parses the answer (never trusts it).
 * - `handle(type, handler)` (background only) checks the sender against the
 *   message's allow-list, parses the payload, and turns every failure into
 *   an `ErrorInfo` the caller can show.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
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

/**
 * The library's view of the wire: payloads are `unknown` until zod has parsed
 * them, so the generic typing is narrowed to that on purpose.
 */
interface Wire {
  sendMessage(type: MessageType, data: unknown): Promise<unknown>;
  onMessage(
    type: MessageType,
    onReceived: (message: { data: unknown; sender: Browser.runtime.MessageSender }) => Promise<unknown>,
  ): () => void;
}

const messenger = defineExtensionMessaging() as unknown as Wire;

export class MessageError extends Error {
  override name = 'MessageError';
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

/** Sends a request to the background and returns its parsed result. */
export async function request<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  let raw: unknown;
  try {
    raw = await messenger.sendMessage(type, data);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'background_unreachable', message: t('messaging_unreachable'), detail: String(error) },
    };
  }
  const parsed = resultSchema(protocol[type].response).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'bad_message',
        message: t('messaging_badAnswer'),
        detail: parsed.error.message.slice(0, 2000),
      },
    };
  }
  return parsed.data as Result<ResponseOf<K>>;
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

let guarding = false;

/**
 * @webext-core/messaging looks its listeners up in a plain object, so a
 * message of type `constructor` or `__proto__` reaches Object.prototype (the
 * first is answered with an echo of the message, the second with a
 * TypeError). This listener, registered before the library's, answers every
 * message in the library's format whose type is not the protocol's own with
 * an error; Chrome keeps the first answer and drops the library's.
 */
function guardUnknownTypes(): void {
  if (guarding) return;
  guarding = true;
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || Object.hasOwn(protocol, type)) return false;
    const error: ErrorInfo = { code: 'unknown_message', message: t('messaging_malformed'), detail: 'unknown type' };
    sendResponse({ res: { ok: false, error } });
    return false;
  });
}

/** Registers the background's handler for one message type. */
export function handle<K extends MessageType>(type: K, handler: Handler<K>): () => void {
  const spec = protocol[type];
  guardUnknownTypes();
  return messenger.onMessage(type, async (message): Promise<Result<ResponseOf<K>>> => {
    const sender = classifySender(message.sender, {
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
    const data = spec.request.safeParse(message.data);
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

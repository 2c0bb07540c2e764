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

const UNREACHABLE: ErrorInfo = {
  code: 'background_unreachable',
  message: 'Mantix Connect could not reach its background service. Reload the page or restart the browser.',
};

/** Sends a request to the background and returns its parsed result. */
export async function request<K extends MessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  let raw: unknown;
  try {
    raw = await messenger.sendMessage(type, data);
  } catch (error) {
    return { ok: false, error: { ...UNREACHABLE, detail: String(error) } };
  }
  const parsed = resultSchema(protocol[type].response).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'bad_message',
        message: 'Mantix Connect got an answer it did not understand. Reload the page and try again.',
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
    message: 'Something went wrong inside Mantix Connect. Try again; if it keeps happening, reload the extension.',
    detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

/** Registers the background's handler for one message type. */
export function handle<K extends MessageType>(type: K, handler: Handler<K>): () => void {
  const spec = protocol[type];
  return messenger.onMessage(type, async (message): Promise<Result<ResponseOf<K>>> => {
    const sender = classifySender(message.sender, {
      id: browser.runtime.id,
      baseUrl: browser.runtime.getURL('/'),
    });
    if (!sender.ok) {
      return {
        ok: false,
        error: { code: 'forbidden', message: 'This request is not allowed.', detail: sender.reason },
      };
    }
    if (!(spec.senders as readonly SenderKind[]).includes(sender.kind)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'This request is not allowed.',
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
          message: 'This request was malformed.',
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

/**
 * The guide's side of the protocol, checked by hand: the guide runs in
 * Bitget's page, where every byte of its script is paid (issue 11 §2 allows
 * "hand-checked plain types" there), so it carries no schema library.
 *
 * What it checks: the background's answers to the seven messages the guide
 * may send (`pageProtocol` in ./protocol.ts), the background's one reply on
 * the capture port, and the capture message before it leaves. Each check
 * builds a new value of the known fields only (what zod's `object` does).
 * The zod schemas in ./protocol.ts stay the contract: the background parses
 * every request with them, the extension pages every answer, and
 * tests/unit/page-protocol.test.ts holds both forms to the same verdicts.
 */
import { API_KEY_SHAPE, PASSPHRASE_SHAPE, SECRET_KEY_SHAPE } from './bitget/shapes';
import type {
  CaptureMessage,
  CaptureReply,
  ErrorInfo,
  GuidePosition,
  Observed,
  PageMessageType,
  RequestOf,
  ResponseOf,
  Result,
} from './protocol';
import { ACCOUNT_MODES, CAPTURE_STATUSES, LIMITS, SENDER_KINDS } from './protocol-values';
import { type Parsed, sendWire } from './wire';

function fail(problem: string): never {
  throw new TypeError(problem);
}

type Fields = Record<string, unknown>;

function record(value: unknown, what: string, strictKeys?: readonly string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${what}: not an object`);
  const extra = strictKeys && Object.keys(value).find((key) => !strictKeys.includes(key));
  if (extra) fail(`${what}: unexpected key ${extra}`);
  return value as Fields;
}

function text(value: unknown, what: string, max = Number.POSITIVE_INFINITY): string {
  return typeof value === 'string' && value.length <= max ? value : fail(`${what}: not a text of at most ${max}`);
}

function flag(value: unknown, what: string): boolean {
  return typeof value === 'boolean' ? value : fail(`${what}: not true or false`);
}

function oneOf<T>(value: unknown, options: readonly T[], what: string): T {
  return options.includes(value as T) ? (value as T) : fail(`${what}: not one of ${options.join(', ')}`);
}

function list<T>(value: unknown, what: string, max: number, item: (v: unknown, what: string) => T, min = 0): T[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) fail(`${what}: not a list of ${min}–${max}`);
  return value.map((v, i) => item(v, `${what}[${i}]`));
}

const shortText = (max: number) => (value: unknown, what: string) => text(value, what, max);

/** A fraction 0…1 (NaN fails both comparisons). */
function fraction(value: unknown, what: string): number {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : fail(`${what}: not a number from 0 to 1`);
}

function position(value: unknown): GuidePosition {
  const o = record(value, 'position', ['x', 'y']);
  return { x: fraction(o.x, 'x'), y: fraction(o.y, 'y') };
}

const saved = (value: unknown) => ({ saved: oneOf(record(value, 'answer').saved, [true] as const, 'saved') });

/** The answer each message may get, checked (the hand-written twin of the zod table's `response`). */
const ANSWERS: { [K in PageMessageType]: (value: unknown) => ResponseOf<K> } = {
  ping: (value) => {
    const o = record(value, 'answer');
    return {
      version: text(o.version, 'version'),
      sender: oneOf(o.sender, SENDER_KINDS, 'sender'),
    };
  },
  'serverIps:get': (value) => {
    const o = record(value, 'answer');
    return { ips: list(o.ips, 'ips', LIMITS.serverIps, text, 1), updatedAt: text(o.updatedAt, 'updatedAt') };
  },
  'options:open': (value) => ({ opened: oneOf(record(value, 'answer').opened, [true] as const, 'opened') }),
  'popup:open': (value) => ({ opened: flag(record(value, 'answer').opened, 'opened') }),
  'guidePosition:get': (value) => {
    const found = record(value, 'answer').position;
    return { position: found === null ? null : position(found) };
  },
  'guidePosition:set': saved,
  'guidePosition:reset': saved,
};

function errorInfo(value: unknown): ErrorInfo {
  const o = record(value, 'error');
  return {
    code: text(o.code, 'code', LIMITS.errorCode),
    message: text(o.message, 'message', LIMITS.message),
    ...(o.detail === undefined ? {} : { detail: text(o.detail, 'detail', LIMITS.errorDetail) }),
  };
}

/** Checks the background's answer to `type`: a result with the message's value, or why not. */
export function checkAnswer(type: PageMessageType, raw: unknown): Parsed {
  try {
    const o = record(raw, 'answer');
    if (o.ok === true) return { ok: true, result: { ok: true, value: ANSWERS[type](o.value) } };
    if (o.ok === false) return { ok: true, result: { ok: false, error: errorInfo(o.error) } };
    return fail('ok: not true or false');
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/**
 * `request` for the guide on Bitget's page: only the messages it may send,
 * their answers checked by hand (see above).
 */
export function pageRequest<K extends PageMessageType>(type: K, data: RequestOf<K>): Promise<Result<ResponseOf<K>>> {
  return sendWire(type, data, (raw) => checkAnswer(type, raw)) as Promise<Result<ResponseOf<K>>>;
}

/** The background's one reply on the capture port, or undefined when it is not one. */
export function checkCaptureReply(value: unknown): CaptureReply | undefined {
  try {
    const o = record(value, 'reply');
    return {
      type: oneOf(o.type, ['capture:result'] as const, 'type'),
      status: oneOf(o.status, CAPTURE_STATUSES, 'status'),
      message: text(o.message, 'message', LIMITS.message),
    };
  } catch {
    return undefined;
  }
}

function observed(value: unknown): Observed {
  const o = record(value, 'observed', [
    'account_mode',
    'permissions',
    'transfer_enabled',
    'withdraw_enabled',
    'ip_whitelist',
  ]);
  return {
    account_mode: oneOf(o.account_mode, ACCOUNT_MODES, 'account_mode'),
    permissions: list(o.permissions, 'permissions', LIMITS.permissions, shortText(LIMITS.observedText)),
    transfer_enabled: flag(o.transfer_enabled, 'transfer_enabled'),
    withdraw_enabled: flag(o.withdraw_enabled, 'withdraw_enabled'),
    ip_whitelist: list(o.ip_whitelist, 'ip_whitelist', LIMITS.ipWhitelist, shortText(LIMITS.observedText)),
  };
}

const shaped = (shape: RegExp) => (value: unknown) =>
  typeof value === 'string' && shape.test(value) ? value : fail('shape');

/** Each field of the capture message and its check. */
const CAPTURE_FIELDS: Record<Exclude<keyof CaptureMessage, 'type'>, (value: unknown) => unknown> = {
  apiKey: shaped(API_KEY_SHAPE),
  secretKey: shaped(SECRET_KEY_SHAPE),
  passphrase: shaped(PASSPHRASE_SHAPE),
  note: (value) => (value === undefined ? undefined : text(value, 'note', LIMITS.note)),
  observed,
};

/**
 * The capture message before it leaves: the message, or the names of the
 * fields that do not fit (never their values).
 */
export function checkCapture(
  input: Omit<CaptureMessage, 'type'>,
): { ok: true; message: CaptureMessage } | { ok: false; fields: string[] } {
  const message: Fields = { type: 'capture' };
  const fields: string[] = [];
  for (const [field, check] of Object.entries(CAPTURE_FIELDS)) {
    try {
      const value = check((input as Fields)[field]);
      if (value !== undefined) message[field] = value;
    } catch {
      fields.push(field);
    }
  }
  return fields.length ? { ok: false, fields } : { ok: true, message: message as CaptureMessage };
}

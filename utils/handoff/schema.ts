/**
 * Shapes of the handoff: what the background keeps in `storage.session`, what
 * it tells the popup (masked only), and what Mantix answers. zod schemas are
 * the types.
 */
import * as z from 'zod/mini';
import { API_KEY_SHAPE, PASSPHRASE_SHAPE, SECRET_KEY_SHAPE } from '../bitget/shapes';
import { ErrorInfo, Observed } from '../protocol';

const Uuid = z.uuid();
const Millis = z.int().check(z.nonnegative());

/* ------------------------------------------- stored in storage.session -- */

export const Confirmations = z.strictObject({ passphraseSaved: z.boolean(), secretSaved: z.boolean() });
export type Confirmations = z.infer<typeof Confirmations>;

/**
 * One captured key set. Holds the Secret Key and the Passphrase: kept ONLY in
 * `storage.session` (memory, trusted contexts), never sent to a page or the
 * popup, wiped on expiry, on "Discard", on `active` and on a failure that
 * needs a new key.
 */
export const CaptureRecord = z.strictObject({
  id: Uuid,
  apiKey: z.string().check(z.regex(API_KEY_SHAPE)),
  secretKey: z.string().check(z.regex(SECRET_KEY_SHAPE)),
  passphrase: z.string().check(z.regex(PASSPHRASE_SHAPE)),
  source: z.enum(['page', 'manual']),
  /** What the page showed (rights, IPs); `null` for pasted keys. */
  observed: z.nullable(Observed),
  /** The key's note on Bitget, when the page showed it (not secret). */
  note: z.optional(z.string().check(z.maxLength(64))),
  capturedAt: Millis,
  expiresAt: Millis,
  /** The Idempotency-Key of this key set's handoff (uuid v4), the same for every retry. */
  idempotencyKey: Uuid,
  confirmations: Confirmations,
});
export type CaptureRecord = z.infer<typeof CaptureRecord>;

export const Balance = z.strictObject({
  totalUsdt: z.string().check(z.maxLength(40)),
  updatedAt: z.string().check(z.maxLength(64)),
});
export type Balance = z.infer<typeof Balance>;

/**
 * The handoff's state machine (no secret in it). `runId` ties timers and
 * in-flight work to one run: "Discard" or a new send changes it, and work of
 * an older run stops at its next step. `captureId` binds a run to the key set
 * it sends: its verdict wipes (or records as handed off) that key set only,
 * never one captured after it; a run without one wipes nothing.
 */
export const RunState = z.discriminatedUnion('phase', [
  z.strictObject({ phase: z.literal('idle') }),
  z.strictObject({
    phase: z.enum(['encrypting', 'sending']),
    runId: Uuid,
    captureId: z.optional(Uuid),
    /** 1-based number of this try of the POST. */
    attempt: z.int().check(z.gte(1)),
    /** How often `key_rotated` made us fetch the key again in this run (at most once). */
    keyRotations: z.int().check(z.gte(0)),
    apiKeyMasked: z.string(),
  }),
  z.strictObject({
    phase: z.literal('retrying'),
    runId: Uuid,
    captureId: z.optional(Uuid),
    /** Tries that failed so far. */
    attempt: z.int().check(z.gte(1)),
    keyRotations: z.int().check(z.gte(0)),
    nextAttemptAt: Millis,
    error: ErrorInfo,
    apiKeyMasked: z.string(),
  }),
  z.strictObject({
    phase: z.literal('verifying'),
    runId: Uuid,
    captureId: z.optional(Uuid),
    connectionId: z.string().check(z.minLength(1), z.maxLength(200)),
    pollStartedAt: Millis,
    nextPollAt: Millis,
    apiKeyMasked: z.string(),
    /** The last polling error, while polling goes on. */
    lastError: z.optional(ErrorInfo),
  }),
  z.strictObject({
    phase: z.literal('active'),
    connectionId: z.string(),
    apiKeyMasked: z.string(),
    balance: z.nullable(Balance),
    at: Millis,
  }),
  z.strictObject({
    phase: z.literal('failed'),
    captureId: z.optional(Uuid),
    apiKeyMasked: z.string(),
    at: Millis,
    /** The keys were wiped because they cannot work any more. */
    keysWiped: z.boolean(),
    reason: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('verification'),
        connectionId: z.string(),
        code: z.string().check(z.maxLength(64)),
        message: z.string().check(z.maxLength(500)),
      }),
      z.strictObject({ kind: z.literal('send'), error: ErrorInfo, connectionId: z.optional(z.string()) }),
    ]),
  }),
  z.strictObject({ phase: z.literal('expired'), at: Millis }),
]);
export type RunState = z.infer<typeof RunState>;
export type Phase = RunState['phase'];

export const HandoffRecord = z.strictObject({
  run: RunState,
  /** API keys (not secret) that became `active` in this browser session: shown again → 'duplicate'. */
  handedOff: z.array(z.string().check(z.regex(API_KEY_SHAPE))).check(z.maxLength(50)),
});
export type HandoffRecord = z.infer<typeof HandoffRecord>;

export const IDLE: HandoffRecord = { run: { phase: 'idle' }, handedOff: [] };

const IN_FLIGHT: ReadonlySet<Phase> = new Set(['encrypting', 'sending', 'retrying', 'verifying']);

/** A run that has not reached its end (a verdict, a failure, expiry). */
export function isInFlight(run: RunState): boolean {
  return IN_FLIGHT.has(run.phase);
}

/* ------------------------------------------------ the popup's (masked) view -- */

export const CaptureSummary = z.strictObject({
  /** The whole API Key: not a secret, shown so the user can check it against Bitget's key list. */
  apiKey: z.string().check(z.regex(API_KEY_SHAPE)),
  note: z.optional(z.string().check(z.maxLength(64))),
  apiKeyMasked: z.string(),
  secretMasked: z.string(),
  /** How long the hidden Secret Key is (a sanity hint the view says in words). */
  secretLength: z.int().check(z.nonnegative()),
  passphraseMasked: z.string(),
  source: z.enum(['page', 'manual']),
  observed: z.nullable(Observed),
  capturedAt: Millis,
  expiresAt: Millis,
  confirmations: Confirmations,
});
export type CaptureSummary = z.infer<typeof CaptureSummary>;

/** Everything the popup shows. Built by the background; no secret in it, ever. */
export const HandoffView = z.strictObject({
  linked: z.nullable(z.strictObject({ displayName: z.string(), email: z.string() })),
  capture: z.nullable(CaptureSummary),
  /** A different key captured while `capture` waits: the user chooses. */
  pending: z.nullable(z.strictObject({ apiKeyMasked: z.string(), capturedAt: Millis })),
  run: RunState,
  ttlMinutes: z.int().check(z.positive()),
  /** Keys were waiting when the browser closed, and are gone (memory only, by design). */
  lostAtRestart: z.optional(z.boolean()),
});
export type HandoffView = z.infer<typeof HandoffView>;

/* ------------------------------------------------------ Mantix's answers -- */

export const ConnectionAccepted = z.object({
  connection_id: z.string().check(z.minLength(1), z.maxLength(200)),
  status: z.literal('verifying'),
});
export type ConnectionAccepted = z.infer<typeof ConnectionAccepted>;

export const ConnectionStatus = z.object({
  connection_id: z.string().check(z.minLength(1), z.maxLength(200)),
  exchange: z.string(),
  status: z.enum(['verifying', 'active', 'failed']),
  balance: z.optional(
    z.object({
      total_usdt: z.string().check(z.regex(/^-?\d+(\.\d+)?$/)),
      updated_at: z.string().check(z.maxLength(64)),
    }),
  ),
  failure: z.optional(
    z.object({ code: z.string().check(z.maxLength(64)), message: z.string().check(z.maxLength(500)) }),
  ),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/**
 * `observed` as Mantix reads it (contract v1.1): what the page showed, with
 * `source: "page"`; for pasted keys `source: "pasted"` and every other field
 * `null` (not observed — never a made-up "unknown" or "off").
 */
export const ObservedForMantix = z.union([
  z.strictObject({ source: z.literal('page'), ...Observed.shape }),
  z.strictObject({
    source: z.literal('pasted'),
    account_mode: z.null(),
    permissions: z.null(),
    transfer_enabled: z.null(),
    withdraw_enabled: z.null(),
    ip_whitelist: z.null(),
  }),
]);
export type ObservedForMantix = z.infer<typeof ObservedForMantix>;

export function observedForMantix(capture: Pick<CaptureRecord, 'source' | 'observed'>): ObservedForMantix {
  if (capture.source === 'page' && capture.observed) return { source: 'page', ...capture.observed };
  return {
    source: 'pasted',
    account_mode: null,
    permissions: null,
    transfer_enabled: null,
    withdraw_enabled: null,
    ip_whitelist: null,
  };
}

/** The body of `POST /v1/exchange-connections`. */
export const ConnectionRequest = z.strictObject({
  exchange: z.literal('bitget'),
  label: z.string().check(z.minLength(1), z.maxLength(100)),
  credentials: z.string().check(z.minLength(1)),
  observed: ObservedForMantix,
});
export type ConnectionRequest = z.infer<typeof ConnectionRequest>;

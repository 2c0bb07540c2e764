/**
 * Shapes of the handoff: what the background keeps in `storage.session`, what
 * it tells the popup (masked only), and what Mantix answers. zod schemas are
 * the types.
 */
import { z } from 'zod';
import { API_KEY_SHAPE, ErrorInfo, Observed, PASSPHRASE_SHAPE, SECRET_KEY_SHAPE } from '../protocol';

const Uuid = z.uuid();
const Millis = z.number().int().nonnegative();

/* ------------------------------------------- stored in storage.session -- */

export const Confirmations = z.object({ passphraseSaved: z.boolean(), secretSaved: z.boolean() }).strict();
export type Confirmations = z.infer<typeof Confirmations>;

/**
 * One captured key set. Holds the Secret Key and the Passphrase: kept ONLY in
 * `storage.session` (memory, trusted contexts), never sent to a page or the
 * popup, wiped on expiry, on "Discard", on `active` and on a failure that
 * needs a new key.
 */
export const CaptureRecord = z
  .object({
    id: Uuid,
    apiKey: z.string().regex(API_KEY_SHAPE),
    secretKey: z.string().regex(SECRET_KEY_SHAPE),
    passphrase: z.string().regex(PASSPHRASE_SHAPE),
    source: z.enum(['page', 'manual']),
    /** What the page showed (rights, IPs); `null` for pasted keys. */
    observed: Observed.nullable(),
    capturedAt: Millis,
    expiresAt: Millis,
    /** The Idempotency-Key of this key set's handoff (uuid v4), the same for every retry. */
    idempotencyKey: Uuid,
    confirmations: Confirmations,
  })
  .strict();
export type CaptureRecord = z.infer<typeof CaptureRecord>;

export const Balance = z.object({ totalUsdt: z.string().max(40), updatedAt: z.string().max(64) }).strict();
export type Balance = z.infer<typeof Balance>;

/**
 * The handoff's state machine (no secret in it). `runId` ties timers and
 * in-flight work to one run: "Discard" or a new send changes it, and work of
 * an older run stops at its next step.
 */
export const RunState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z
    .object({
      phase: z.enum(['encrypting', 'sending']),
      runId: Uuid,
      /** 1-based number of this try of the POST. */
      attempt: z.number().int().min(1),
      /** How often `key_rotated` made us fetch the key again in this run (at most once). */
      keyRotations: z.number().int().min(0),
      apiKeyMasked: z.string(),
    })
    .strict(),
  z
    .object({
      phase: z.literal('retrying'),
      runId: Uuid,
      /** Tries that failed so far. */
      attempt: z.number().int().min(1),
      keyRotations: z.number().int().min(0),
      nextAttemptAt: Millis,
      error: ErrorInfo,
      apiKeyMasked: z.string(),
    })
    .strict(),
  z
    .object({
      phase: z.literal('verifying'),
      runId: Uuid,
      connectionId: z.string().min(1).max(200),
      pollStartedAt: Millis,
      nextPollAt: Millis,
      apiKeyMasked: z.string(),
      /** The last polling error, while polling goes on. */
      lastError: ErrorInfo.optional(),
    })
    .strict(),
  z
    .object({
      phase: z.literal('active'),
      connectionId: z.string(),
      apiKeyMasked: z.string(),
      balance: Balance.nullable(),
      at: Millis,
    })
    .strict(),
  z
    .object({
      phase: z.literal('failed'),
      apiKeyMasked: z.string(),
      at: Millis,
      /** The keys were wiped because they cannot work any more. */
      keysWiped: z.boolean(),
      reason: z.discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('verification'),
            connectionId: z.string(),
            code: z.string().max(64),
            message: z.string().max(500),
          })
          .strict(),
        z.object({ kind: z.literal('send'), error: ErrorInfo, connectionId: z.string().optional() }).strict(),
      ]),
    })
    .strict(),
  z.object({ phase: z.literal('expired'), at: Millis }).strict(),
]);
export type RunState = z.infer<typeof RunState>;
export type Phase = RunState['phase'];

export const HandoffRecord = z
  .object({
    run: RunState,
    /** API keys (not secret) that became `active` in this browser session: shown again → 'duplicate'. */
    handedOff: z.array(z.string().regex(API_KEY_SHAPE)).max(50),
  })
  .strict();
export type HandoffRecord = z.infer<typeof HandoffRecord>;

export const IDLE: HandoffRecord = { run: { phase: 'idle' }, handedOff: [] };

const IN_FLIGHT: ReadonlySet<Phase> = new Set(['encrypting', 'sending', 'retrying', 'verifying']);

/** A run that has not reached its end (a verdict, a failure, expiry). */
export function isInFlight(run: RunState): boolean {
  return IN_FLIGHT.has(run.phase);
}

/* ------------------------------------------------ the popup's (masked) view -- */

export const CaptureSummary = z
  .object({
    apiKeyMasked: z.string(),
    secretMasked: z.string(),
    passphraseMasked: z.string(),
    source: z.enum(['page', 'manual']),
    observed: Observed.nullable(),
    capturedAt: Millis,
    expiresAt: Millis,
    confirmations: Confirmations,
  })
  .strict();
export type CaptureSummary = z.infer<typeof CaptureSummary>;

/** Everything the popup shows. Built by the background; no secret in it, ever. */
export const HandoffView = z
  .object({
    linked: z.object({ displayName: z.string(), email: z.string() }).strict().nullable(),
    capture: CaptureSummary.nullable(),
    /** A different key captured while `capture` waits: the user chooses. */
    pending: z.object({ apiKeyMasked: z.string(), capturedAt: Millis }).strict().nullable(),
    run: RunState,
    ttlMinutes: z.number().int().positive(),
    /** Keys were waiting when the browser closed, and are gone (memory only, by design). */
    lostAtRestart: z.boolean().optional(),
  })
  .strict();
export type HandoffView = z.infer<typeof HandoffView>;

/* ------------------------------------------------------ Mantix's answers -- */

export const ConnectionAccepted = z.object({
  connection_id: z.string().min(1).max(200),
  status: z.literal('verifying'),
});
export type ConnectionAccepted = z.infer<typeof ConnectionAccepted>;

export const ConnectionStatus = z.object({
  connection_id: z.string().min(1).max(200),
  exchange: z.string(),
  status: z.enum(['verifying', 'active', 'failed']),
  balance: z
    .object({
      total_usdt: z.string().regex(/^-?\d+(\.\d+)?$/),
      updated_at: z.string().max(64),
    })
    .optional(),
  failure: z.object({ code: z.string().max(64), message: z.string().max(500) }).optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

/** The body of `POST /v1/exchange-connections`. */
export interface ConnectionRequest {
  exchange: 'bitget';
  label: string;
  credentials: string;
  observed: Observed;
}

/**
 * The handoff of a captured key set, as a state machine kept in
 * `storage.session` so that it survives the popup closing and the service
 * worker being stopped: capture → (confirm) → encrypt → send (back-off,
 * `key_rotated`) → verify (poll) → active | failed. Pure of browser APIs: the
 * background wires storage, the Mantix client and timers in
 * (utils/background/capture.ts); unit tests wire fakes.
 *
 * Secrets: the Secret Key and Passphrase live only in the capture record
 * (session storage). They leave this module only inside the JWE; no error,
 * reply or view carries them, and nothing here logs.
 */

import { t } from '../i18n';
import type { CaptureReply, ErrorInfo, Observed } from '../protocol';
import type { TypedItem } from '../storage';
import { handoffError, verificationAdvice } from './failures';
import { encryptCredentials, type IngestKey } from './jwe';
import { maskApiKey, maskPassphrase, maskSecret } from './mask';
import { mayPollAgain, nextTryAt, POLL_INTERVAL_MS } from './retry';
import {
  type CaptureRecord,
  type Confirmations,
  type ConnectionAccepted,
  type ConnectionRequest,
  type ConnectionStatus,
  type HandoffRecord,
  type HandoffView,
  isInFlight,
  type RunState,
} from './schema';

/** A failed call to Mantix, as the handoff needs to see it. */
export interface ApiFailure {
  /** The Mantix client's code (e.g. `server_error`, `untrusted_ingest_key`). */
  code: string;
  /** Sentence + detail for the user. */
  info: ErrorInfo;
  retryable: boolean;
  status?: number;
  /** The `error` of a 4xx body, e.g. `key_rotated`. */
  serverError?: string;
}

export class HandoffApiError extends Error {
  override name = 'HandoffApiError';
  constructor(readonly failure: ApiFailure) {
    super(failure.info.message);
  }
}

/** The three calls of the handoff; each throws a HandoffApiError. */
export interface HandoffApi {
  pinnedIngestKey(): Promise<IngestKey>;
  createConnection(body: ConnectionRequest, idempotencyKey: string): Promise<ConnectionAccepted>;
  connection(id: string): Promise<ConnectionStatus>;
}

export interface HandoffDeps {
  items: {
    capture: TypedItem<CaptureRecord | null>;
    pending: TypedItem<CaptureRecord | null>;
    handoff: TypedItem<HandoffRecord>;
  };
  api: HandoffApi;
  /** The linked account, or null. */
  account(): Promise<{ accountId: string; displayName: string; email: string } | null>;
  ttlMinutes(): Promise<number>;
  now(): number;
  /** A fresh uuid v4. */
  newId(): string;
  /** Run `drive()` again at `when` (a timer, and something that survives a worker restart). */
  wakeAt(when: number): void;
  /** Nothing to wake for any more. */
  cancelWake(): void;
}

export type CaptureInput = {
  apiKey: string;
  secretKey: string;
  passphrase: string;
} & ({ source: 'page'; observed: Observed } | { source: 'manual'; observed: null });

/** A request the user cannot make in the current state; `message` is the sentence to show. */
export class HandoffRefusal extends Error {
  override name = 'HandoffRefusal';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Phases that still need the plaintext keys. */
const NEEDS_KEYS: ReadonlySet<RunState['phase']> = new Set(['encrypting', 'sending', 'retrying']);
const MAX_HANDED_OFF = 50;
/** A send not finished by then is looked at again (it may have died with its worker). */
const SEND_WATCHDOG_MS = 5_000;

/** The `observed` part of the POST for pasted keys: nothing was seen. */
const NOTHING_OBSERVED: Observed = {
  account_mode: 'unknown',
  permissions: [],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: [],
};

export class Handoff {
  #queue: Promise<unknown> = Promise.resolve();
  #driving: Promise<void> | undefined;
  #again = false;

  constructor(private readonly deps: HandoffDeps) {}

  /** Runs `work` after every earlier state change of this worker (read-modify-write safety). */
  #locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /* ---------------------------------------------------------- capture -- */

  /** A key set from the page (or pasted): stored, ignored as a duplicate, or held until the user chooses. */
  accept(input: CaptureInput): Promise<CaptureReply> {
    return this.#locked(async () => {
      await this.#expireNow();
      const { capture, pending, handoff } = await this.#read();
      const reply = (status: CaptureReply['status'], message: string): CaptureReply => ({
        type: 'capture:result',
        status,
        message,
      });
      if (handoff.handedOff.includes(input.apiKey)) return reply('duplicate', t('reply_handedOff'));
      if (capture?.apiKey === input.apiKey || pending?.apiKey === input.apiKey) {
        return reply('duplicate', t('reply_duplicate'));
      }
      const record = await this.#newRecord(input);
      if (capture) {
        await this.deps.items.pending.setValue(record);
        return reply('needs-confirmation', t('reply_needsConfirmation'));
      }
      await this.deps.items.capture.setValue(record);
      if (!isInFlight(handoff.run)) await this.#setRun({ phase: 'idle' });
      return reply('stored', t('reply_stored'));
    });
  }

  async #newRecord(input: CaptureInput): Promise<CaptureRecord> {
    const now = this.deps.now();
    const ttl = await this.deps.ttlMinutes();
    return {
      id: this.deps.newId(),
      apiKey: input.apiKey,
      secretKey: input.secretKey,
      passphrase: input.passphrase,
      source: input.source,
      observed: input.observed,
      capturedAt: now,
      expiresAt: now + ttl * 60_000,
      idempotencyKey: this.deps.newId(),
      confirmations: { passphraseSaved: false, secretSaved: false },
    };
  }

  /** The user re-entered the Passphrase: it replaces the captured one (a new handoff, a new Idempotency-Key). */
  setPassphrase(passphrase: string): Promise<CaptureReply> {
    return this.#locked(async () => {
      await this.#expireNow();
      const { capture, handoff } = await this.#read();
      if (!capture) throw new HandoffRefusal('no_capture', t('refusal_noCapture'));
      if (isInFlight(handoff.run)) {
        throw new HandoffRefusal('in_flight', t('refusal_inFlight'));
      }
      await this.deps.items.capture.setValue({ ...capture, passphrase, idempotencyKey: this.deps.newId() });
      await this.#setRun({ phase: 'idle' });
      return { type: 'capture:result', status: 'stored', message: t('reply_passphrase') };
    });
  }

  confirm(confirmations: Confirmations): Promise<boolean> {
    return this.#locked(async () => {
      const capture = await this.deps.items.capture.getValue();
      if (!capture) return false;
      await this.deps.items.capture.setValue({ ...capture, confirmations });
      return true;
    });
  }

  /** The user's choice about a different key captured while one waited. */
  replace(replace: boolean): Promise<boolean> {
    return this.#locked(async () => {
      await this.#expireNow();
      const { pending, handoff } = await this.#read();
      if (!pending) return false;
      if (!replace) {
        await this.deps.items.pending.setValue(null);
        return false;
      }
      if (isInFlight(handoff.run)) {
        throw new HandoffRefusal('in_flight', t('refusal_replaceInFlight'));
      }
      await this.deps.items.capture.setValue(pending);
      await this.deps.items.pending.setValue(null);
      await this.#setRun({ phase: 'idle' });
      return true;
    });
  }

  /** "Discard keys": wipes the plaintext at once and stops a send that has not reached Mantix. */
  discard(): Promise<void> {
    return this.#locked(async () => {
      await this.deps.items.capture.setValue(null);
      await this.deps.items.pending.setValue(null);
      const { run } = await this.deps.items.handoff.getValue();
      // A verdict about keys Mantix already holds still arrives; everything else stops here.
      if (run.phase !== 'verifying') {
        await this.#setRun({ phase: 'idle' });
        this.deps.cancelWake();
      }
    });
  }

  /** Wipes what has expired (the alarm calls this; every change checks it too). */
  expire(): Promise<void> {
    return this.#locked(() => this.#expireNow());
  }

  async #expireNow(): Promise<void> {
    const now = this.deps.now();
    const { capture, pending, handoff } = await this.#read();
    if (pending && pending.expiresAt <= now) await this.deps.items.pending.setValue(null);
    if (!capture || capture.expiresAt > now) return;
    await this.deps.items.capture.setValue(null);
    const phase = handoff.run.phase;
    if (phase !== 'verifying' && phase !== 'active') {
      await this.#setRun({ phase: 'expired', at: now });
      if (NEEDS_KEYS.has(phase)) this.deps.cancelWake();
    }
  }

  /** The earliest time something expires (for the alarm), or null. */
  async nextExpiry(): Promise<number | null> {
    const { capture, pending } = await this.#read();
    const times = [capture?.expiresAt, pending?.expiresAt].filter((t): t is number => t !== undefined);
    return times.length > 0 ? Math.min(...times) : null;
  }

  /* ------------------------------------------------------------ send -- */

  /** "Send to …": starts a run in the background and returns at once. */
  send(): Promise<void> {
    return this.#locked(async () => {
      await this.#expireNow();
      const { capture, handoff } = await this.#read();
      if (!capture) throw new HandoffRefusal('no_capture', t('refusal_noCapture'));
      if (!(await this.deps.account())) throw new HandoffRefusal('not_linked', handoffError('not_linked').message);
      if (!capture.confirmations.passphraseSaved || !capture.confirmations.secretSaved) {
        throw new HandoffRefusal('not_confirmed', t('refusal_notConfirmed'));
      }
      if (isInFlight(handoff.run)) return;
      // A 202 binds the Idempotency-Key to its connection: sending again after a
      // verdict needs a new key, or Mantix would answer with the old connection.
      if (connectionOf(handoff.run)) {
        await this.deps.items.capture.setValue({ ...capture, idempotencyKey: this.deps.newId() });
      }
      await this.#setRun({
        phase: 'encrypting',
        runId: this.deps.newId(),
        attempt: 1,
        keyRotations: 0,
        apiKeyMasked: maskApiKey(capture.apiKey),
      });
    }).then(() => {
      void this.drive();
    });
  }

  /** Ask Mantix again about a connection it already has (poll timeout, `exchange_unavailable`). */
  checkAgain(): Promise<void> {
    return this.#locked(async () => {
      const { run } = await this.deps.items.handoff.getValue();
      const connectionId = connectionOf(run);
      if (!connectionId || run.phase !== 'failed') {
        throw new HandoffRefusal('nothing_to_check', t('refusal_nothingToCheck'));
      }
      const now = this.deps.now();
      await this.#setRun({
        phase: 'verifying',
        runId: this.deps.newId(),
        connectionId,
        pollStartedAt: now,
        nextPollAt: now,
        apiKeyMasked: run.apiKeyMasked,
      });
    }).then(() => {
      void this.drive();
    });
  }

  /**
   * Moves the run forward until it waits (a timer is set) or ends. Safe to
   * call at any time and repeatedly: on worker start, from timers and alarms.
   */
  drive(): Promise<void> {
    if (this.#driving) {
      this.#again = true;
      return this.#driving;
    }
    this.#driving = (async () => {
      try {
        do {
          this.#again = false;
          await this.#loop();
        } while (this.#again);
      } catch (error) {
        // Storage or a bug, never a secret (no error here carries one). The
        // next wake (timer, alarm, worker start) tries again.
        console.error('Mantix Connect: the handoff paused:', error instanceof Error ? error.name : 'error');
      } finally {
        this.#driving = undefined;
      }
    })();
    return this.#driving;
  }

  async #loop(): Promise<void> {
    for (;;) {
      await this.expire();
      const { run } = await this.deps.items.handoff.getValue();
      const now = this.deps.now();
      switch (run.phase) {
        case 'encrypting':
        case 'sending':
          await this.#trySend(run);
          break;
        case 'retrying':
          if (now < run.nextAttemptAt) {
            this.deps.wakeAt(run.nextAttemptAt);
            return;
          }
          await this.#update(run.runId, () => ({
            phase: 'encrypting',
            runId: run.runId,
            attempt: run.attempt + 1,
            keyRotations: run.keyRotations,
            apiKeyMasked: run.apiKeyMasked,
          }));
          break;
        case 'verifying':
          if (now < run.nextPollAt) {
            this.deps.wakeAt(run.nextPollAt);
            return;
          }
          await this.#poll(run);
          break;
        default:
          this.deps.cancelWake();
          return;
      }
    }
  }

  async #trySend(run: Extract<RunState, { phase: 'encrypting' | 'sending' }>): Promise<void> {
    const capture = await this.deps.items.capture.getValue();
    const account = await this.deps.account();
    if (!capture) {
      await this.#fail(run.runId, run.apiKeyMasked, false, { error: handoffError('keys_gone') });
      return;
    }
    if (!account) {
      await this.#fail(run.runId, run.apiKeyMasked, false, { error: handoffError('not_linked') });
      return;
    }
    // If the worker is stopped mid-send, this wakes a new one to send again (same Idempotency-Key).
    this.deps.wakeAt(this.deps.now() + SEND_WATCHDOG_MS);
    try {
      if (!(await this.#update(run.runId, () => ({ ...run, phase: 'encrypting' })))) return;
      const ingestKey = await this.deps.api.pinnedIngestKey();
      const credentials = await encryptCredentials({
        accountId: account.accountId,
        ingestKey,
        credentials: { apiKey: capture.apiKey, secretKey: capture.secretKey, passphrase: capture.passphrase },
        now: this.deps.now(),
      });
      if (!(await this.#update(run.runId, () => ({ ...run, phase: 'sending' })))) return;
      const accepted = await this.deps.api.createConnection(
        { exchange: 'bitget', label: 'Mantix', credentials, observed: capture.observed ?? NOTHING_OBSERVED },
        capture.idempotencyKey,
      );
      const now = this.deps.now();
      await this.#update(run.runId, () => ({
        phase: 'verifying',
        runId: run.runId,
        connectionId: accepted.connection_id,
        pollStartedAt: now,
        nextPollAt: now,
        apiKeyMasked: run.apiKeyMasked,
      }));
    } catch (error) {
      await this.#sendFailed(run, failureOf(error));
    }
  }

  async #sendFailed(run: Extract<RunState, { phase: 'encrypting' | 'sending' }>, failure: ApiFailure): Promise<void> {
    if (failure.serverError === 'key_rotated') {
      // The contract: fetch the key again; if it is pinned, retry once with a
      // new JWE and the same Idempotency-Key. (An unpinned one fails the fetch.)
      if (run.keyRotations < 1) {
        await this.#update(run.runId, () => ({ ...run, phase: 'encrypting', keyRotations: run.keyRotations + 1 }));
        return;
      }
      await this.#fail(run.runId, run.apiKeyMasked, false, {
        error: { ...handoffError('key_rotated_twice'), detail: failure.info.detail ?? failure.info.message },
      });
      return;
    }
    if (failure.retryable) {
      const now = this.deps.now();
      const at = nextTryAt(run.attempt, now);
      if (at === undefined) {
        await this.#fail(run.runId, run.apiKeyMasked, false, {
          error: { ...handoffError('retries_exhausted'), detail: detailOf(failure) },
        });
        return;
      }
      await this.#update(run.runId, () => ({
        phase: 'retrying',
        runId: run.runId,
        attempt: run.attempt,
        keyRotations: run.keyRotations,
        nextAttemptAt: at,
        error: failure.info,
        apiKeyMasked: run.apiKeyMasked,
      }));
      return;
    }
    if (failure.status === 400 && failure.serverError) {
      await this.#fail(run.runId, run.apiKeyMasked, false, {
        error: { ...handoffError('refused'), detail: detailOf(failure) },
      });
      return;
    }
    await this.#fail(run.runId, run.apiKeyMasked, false, { error: failure.info });
  }

  async #poll(run: Extract<RunState, { phase: 'verifying' }>): Promise<void> {
    let status: ConnectionStatus;
    try {
      status = await this.deps.api.connection(run.connectionId);
    } catch (error) {
      const failure = failureOf(error);
      if (failure.retryable && mayPollAgain(run.pollStartedAt, this.deps.now())) {
        const next = this.deps.now() + POLL_INTERVAL_MS;
        await this.#update(run.runId, () => ({ ...run, nextPollAt: next, lastError: failure.info }));
        return;
      }
      await this.#fail(run.runId, run.apiKeyMasked, false, {
        error: failure.retryable ? { ...handoffError('poll_timeout'), detail: detailOf(failure) } : failure.info,
        connectionId: run.connectionId,
      });
      return;
    }
    const now = this.deps.now();
    if (status.status === 'verifying') {
      if (!mayPollAgain(run.pollStartedAt, now)) {
        await this.#fail(run.runId, run.apiKeyMasked, false, {
          error: handoffError('poll_timeout'),
          connectionId: run.connectionId,
        });
        return;
      }
      const { lastError: _ignored, ...rest } = run;
      await this.#update(run.runId, () => ({ ...rest, nextPollAt: now + POLL_INTERVAL_MS }));
      return;
    }
    if (status.status === 'active') {
      await this.#locked(async () => {
        const { capture, handoff } = await this.#read();
        if (!isRun(handoff.run, run.runId)) return;
        // Mantix holds the key now: the plaintext goes.
        await this.deps.items.capture.setValue(null);
        const handedOff = capture ? [...handoff.handedOff, capture.apiKey].slice(-MAX_HANDED_OFF) : handoff.handedOff;
        await this.deps.items.handoff.setValue({
          handedOff,
          run: {
            phase: 'active',
            connectionId: run.connectionId,
            apiKeyMasked: run.apiKeyMasked,
            balance: status.balance
              ? { totalUsdt: status.balance.total_usdt, updatedAt: status.balance.updated_at }
              : null,
            at: now,
          },
        });
      });
      return;
    }
    const code = status.failure?.code ?? 'unknown';
    const advice = verificationAdvice(code, status.failure?.message);
    await this.#fail(run.runId, run.apiKeyMasked, advice.wipeKeys, {
      verification: { code, message: status.failure?.message ?? '', connectionId: run.connectionId },
    });
  }

  /* --------------------------------------------------------- helpers -- */

  async #fail(
    runId: string,
    apiKeyMasked: string,
    wipeKeys: boolean,
    reason:
      | { error: ErrorInfo; connectionId?: string }
      | { verification: { code: string; message: string; connectionId: string } },
  ): Promise<void> {
    await this.#locked(async () => {
      const handoff = await this.deps.items.handoff.getValue();
      if (!isRun(handoff.run, runId)) return;
      if (wipeKeys) await this.deps.items.capture.setValue(null);
      const capture = await this.deps.items.capture.getValue();
      await this.deps.items.handoff.setValue({
        ...handoff,
        run: {
          phase: 'failed',
          apiKeyMasked,
          at: this.deps.now(),
          keysWiped: capture === null,
          reason:
            'verification' in reason
              ? { kind: 'verification', ...reason.verification }
              : {
                  kind: 'send',
                  error: reason.error,
                  ...(reason.connectionId ? { connectionId: reason.connectionId } : {}),
                },
        },
      });
    });
    this.deps.cancelWake();
  }

  /** Replaces the run if it is still run `runId`; false when it was discarded or replaced meanwhile. */
  #update(runId: string, next: () => RunState): Promise<boolean> {
    return this.#locked(async () => {
      const handoff = await this.deps.items.handoff.getValue();
      if (!isRun(handoff.run, runId)) return false;
      await this.deps.items.handoff.setValue({ ...handoff, run: next() });
      return true;
    });
  }

  async #setRun(run: RunState): Promise<void> {
    const handoff = await this.deps.items.handoff.getValue();
    await this.deps.items.handoff.setValue({ ...handoff, run });
  }

  async #read(): Promise<{ capture: CaptureRecord | null; pending: CaptureRecord | null; handoff: HandoffRecord }> {
    const [capture, pending, handoff] = await Promise.all([
      this.deps.items.capture.getValue(),
      this.deps.items.pending.getValue(),
      this.deps.items.handoff.getValue(),
    ]);
    return { capture, pending, handoff };
  }

  /* ------------------------------------------------------------ view -- */

  /** What the popup shows: masked values only. */
  async view(): Promise<HandoffView> {
    const [{ capture, pending, handoff }, account, ttlMinutes] = await Promise.all([
      this.#read(),
      this.deps.account(),
      this.deps.ttlMinutes(),
    ]);
    return buildView({ capture, pending, run: handoff.run, account, ttlMinutes });
  }
}

/** The popup's view of the state (exported for tests): every secret masked or left out. */
export function buildView(state: {
  capture: CaptureRecord | null;
  pending: CaptureRecord | null;
  run: RunState;
  account: { displayName: string; email: string } | null;
  ttlMinutes: number;
}): HandoffView {
  const { capture, pending } = state;
  return {
    linked: state.account ? { displayName: state.account.displayName, email: state.account.email } : null,
    capture: capture
      ? {
          apiKeyMasked: maskApiKey(capture.apiKey),
          secretMasked: maskSecret(capture.secretKey),
          passphraseMasked: maskPassphrase(capture.passphrase),
          source: capture.source,
          observed: capture.observed,
          capturedAt: capture.capturedAt,
          expiresAt: capture.expiresAt,
          confirmations: capture.confirmations,
        }
      : null,
    pending: pending ? { apiKeyMasked: maskApiKey(pending.apiKey), capturedAt: pending.capturedAt } : null,
    run: state.run,
    ttlMinutes: state.ttlMinutes,
  };
}

function isRun(run: RunState, runId: string): boolean {
  return 'runId' in run && run.runId === runId;
}

function connectionOf(run: RunState): string | undefined {
  if (run.phase === 'failed') {
    return run.reason.kind === 'verification' ? run.reason.connectionId : run.reason.connectionId;
  }
  if (run.phase === 'active' || run.phase === 'verifying') return run.connectionId;
  return undefined;
}

function detailOf(failure: ApiFailure): string {
  return [failure.info.message, failure.info.detail].filter(Boolean).join(' · ').slice(0, 2000);
}

function failureOf(error: unknown): ApiFailure {
  if (error instanceof HandoffApiError) return error.failure;
  return {
    code: 'internal',
    retryable: false,
    info: {
      ...handoffError('internal'),
      detail: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 2000) : 'unknown error',
    },
  };
}

/**
 * The run driver: starts a send, moves the run forward through
 * encrypt → send (back-off, `key_rotated`) → verify (poll) → active | failed,
 * and stores each step. The decisions are ./transitions.ts; here are the
 * calls, the lock and the timers. The keys leave only inside the JWE.
 */
import { coalesce } from '../coalesce';
import { t } from '../i18n';
import { failureOf, HandoffRefusal } from './errors';
import { handoffError } from './failures';
import type { Inbox } from './inbox';
import { encryptCredentials } from './jwe';
import { maskApiKey } from './mask';
import type { HandoffDeps } from './ports';
import { type ConnectionStatus, isInFlight, observedForMantix } from './schema';
import type { HandoffStore } from './store';
import {
  activeRun,
  afterPollFailure,
  afterSendFailure,
  afterStatus,
  connectionOf,
  type FailReason,
  failedRun,
  isRun,
  nextAttempt,
  type SendingRun,
  type Step,
  type VerifyingRun,
  verifying,
} from './transitions';

const MAX_HANDED_OFF = 50;
/** A send not finished by then is looked at again (it may have died with its worker). */
const SEND_WATCHDOG_MS = 5_000;

export class RunDriver {
  readonly #drive = coalesce(() => this.#loop());

  constructor(
    private readonly deps: HandoffDeps,
    private readonly store: HandoffStore,
    private readonly inbox: Inbox,
  ) {}

  /** "Send to …": starts a run in the background and returns at once. */
  send(): Promise<void> {
    return this.store
      .locked(async () => {
        const [{ capture, handoff }, account] = await Promise.all([this.inbox.expireNow(), this.deps.account()]);
        if (!capture) throw new HandoffRefusal('no_capture', t('refusal_noCapture'));
        if (!account) throw new HandoffRefusal('not_linked', handoffError('not_linked').message);
        if (!capture.confirmations.passphraseSaved || !capture.confirmations.secretSaved) {
          throw new HandoffRefusal('not_confirmed', t('refusal_notConfirmed'));
        }
        if (isInFlight(handoff.run)) return;
        // A 202 binds the Idempotency-Key to its connection: sending again after a
        // verdict needs a new key, or Mantix would answer with the old connection.
        if (connectionOf(handoff.run)) {
          await this.deps.items.capture.setValue({ ...capture, idempotencyKey: this.deps.newId() });
        }
        // (`handoff` was read inside this lock: written back without reading it again.)
        // The run starts at once; the popup hears of it when the write is stored.
        const written = this.deps.items.handoff.setValue({
          ...handoff,
          run: {
            phase: 'encrypting',
            runId: this.deps.newId(),
            captureId: capture.id,
            attempt: 1,
            keyRotations: 0,
            apiKeyMasked: maskApiKey(capture.apiKey),
          },
        });
        written.catch(() => undefined);
        // (Wrapped: an async function returning the promise itself would wait for it.)
        return { written };
      })
      .then((started) => {
        void this.drive();
        return started?.written;
      });
  }

  /** Ask Mantix again about a connection it already has (poll timeout, `exchange_unavailable`). */
  checkAgain(): Promise<void> {
    return this.store
      .locked(async () => {
        const { run } = await this.deps.items.handoff.getValue();
        const connectionId = connectionOf(run);
        if (!connectionId || run.phase !== 'failed') {
          throw new HandoffRefusal('nothing_to_check', t('refusal_nothingToCheck'));
        }
        const now = this.deps.now();
        await this.store.setRun({
          phase: 'verifying',
          runId: this.deps.newId(),
          ...(run.captureId ? { captureId: run.captureId } : {}),
          connectionId,
          pollStartedAt: now,
          nextPollAt: now,
          apiKeyMasked: run.apiKeyMasked,
        });
      })
      .then(() => {
        void this.drive();
      });
  }

  /** "Retry now" while retrying: the next try starts at once. */
  retryNow(): Promise<boolean> {
    return this.store
      .locked(async () => {
        const { run } = await this.deps.items.handoff.getValue();
        if (run.phase !== 'retrying') return false;
        await this.store.setRun({ ...run, nextAttemptAt: this.deps.now() });
        return true;
      })
      .then((started) => {
        if (started) void this.drive();
        return started;
      });
  }

  /** "Stop" while retrying: no more tries; the keys stay (until they expire or are discarded). */
  stop(): Promise<boolean> {
    return this.store.locked(async () => {
      const { run } = await this.deps.items.handoff.getValue();
      if (run.phase !== 'retrying') return false;
      await this.store.setRun({ phase: 'idle' });
      this.deps.cancelWake();
      return true;
    });
  }

  /**
   * Moves the run forward until it waits (a timer is set) or ends. Safe to
   * call at any time and repeatedly: on worker start, from timers and alarms.
   */
  drive(): Promise<void> {
    return this.#drive().catch((error: unknown) => {
      // Storage or a bug, never a secret (no error here carries one). The
      // next wake (timer, alarm, worker start) tries again.
      console.error('Mantix Connect: the handoff paused:', error instanceof Error ? error.name : 'error');
    });
  }

  async #loop(): Promise<void> {
    for (;;) {
      const { run } = (await this.inbox.expire()).handoff;
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
          await this.store.update(run.runId, () => nextAttempt(run));
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

  /**
   * One try of the POST. Send is the user's click: only what must come
   * before the POST happens before it (the key set and the link, read
   * together; the JWE, while one guarded write of the phase is made).
   */
  async #trySend(run: SendingRun): Promise<void> {
    const [stored, account] = await Promise.all([this.deps.items.capture.getValue(), this.deps.account()]);
    // Only the key set this run was started for is ever sent.
    const capture = stored && stored.id === run.captureId ? stored : null;
    if (!capture) {
      await this.#fail(run, run.apiKeyMasked, false, { error: handoffError('keys_gone') });
      return;
    }
    if (!account) {
      await this.#fail(run, run.apiKeyMasked, false, { error: handoffError('not_linked') });
      return;
    }
    // If the worker is stopped mid-send, this wakes a new one to send again (same Idempotency-Key).
    this.deps.wakeAt(this.deps.now() + SEND_WATCHDOG_MS);
    try {
      const encrypted = this.deps.api.pinnedIngestKey().then((ingestKey) =>
        encryptCredentials({
          accountId: account.accountId,
          ingestKey,
          credentials: { apiKey: capture.apiKey, secretKey: capture.secretKey, passphrase: capture.passphrase },
          now: this.deps.now(),
        }),
      );
      // Not rejected before the guard below is settled (no unhandled rejection).
      encrypted.catch(() => undefined);
      // The guard: this run is still the current one (not discarded, replaced or
      // stopped since the loop read it). Only then do the keys leave, in the JWE.
      // The POST does not wait for the phase to be stored (a worker stopped
      // meanwhile sends again, with the same Idempotency-Key).
      if (!(await this.store.claim(run.runId, () => ({ ...run, phase: 'sending' })))) return;
      const credentials = await encrypted;
      const accepted = await this.deps.api.createConnection(
        { exchange: 'bitget', label: 'Mantix', credentials, observed: observedForMantix(capture) },
        capture.idempotencyKey,
      );
      const now = this.deps.now();
      await this.store.update(run.runId, () => verifying(run, accepted.connection_id, now));
    } catch (error) {
      await this.#apply(run, afterSendFailure(run, failureOf(error), this.deps.now()));
    }
  }

  async #poll(run: VerifyingRun): Promise<void> {
    let status: ConnectionStatus;
    try {
      status = await this.deps.api.connection(run.connectionId);
    } catch (error) {
      await this.#apply(run, afterPollFailure(run, failureOf(error), this.deps.now()));
      return;
    }
    const now = this.deps.now();
    if (status.status !== 'active') {
      await this.#apply(run, afterStatus(run, status, now));
      return;
    }
    await this.store.locked(async () => {
      const { capture, handoff } = await this.store.read();
      if (!isRun(handoff.run, run.runId)) return;
      // Mantix holds the key now: its plaintext goes. A key set captured
      // after this run's one was discarded or expired is not this verdict's.
      const sent = capture && capture.id === run.captureId ? capture : null;
      if (sent) await this.deps.items.capture.setValue(null);
      const handedOff = sent ? [...handoff.handedOff, sent.apiKey].slice(-MAX_HANDED_OFF) : handoff.handedOff;
      await this.deps.items.handoff.setValue({ handedOff, run: activeRun(run, status, now) });
    });
  }

  /** Stores the step `transitions` chose for this run. */
  async #apply(run: SendingRun | VerifyingRun, step: Step): Promise<void> {
    if ('next' in step) {
      const next = step.next;
      await this.store.update(run.runId, () => next);
      return;
    }
    await this.#fail(run, run.apiKeyMasked, step.wipeKeys, step.fail);
  }

  async #fail(
    run: { runId: string; captureId?: string },
    apiKeyMasked: string,
    wipeKeys: boolean,
    reason: FailReason,
  ): Promise<void> {
    await this.store.locked(async () => {
      const handoff = await this.deps.items.handoff.getValue();
      if (!isRun(handoff.run, run.runId)) return;
      // Only this run's key set is wiped, never one captured after it.
      const stored = await this.deps.items.capture.getValue();
      const mine = stored !== null && stored.id === run.captureId;
      if (wipeKeys && mine) await this.deps.items.capture.setValue(null);
      await this.deps.items.handoff.setValue({
        ...handoff,
        run: failedRun(run, apiKeyMasked, this.deps.now(), !mine || wipeKeys, reason),
      });
    });
    this.deps.cancelWake();
  }
}

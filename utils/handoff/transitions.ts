/**
 * The run's state machine as pure functions: given a run and what just
 * happened (a failed call, Mantix's verdict, the clock), the next state.
 * No storage, no timers, no secrets; ./run.ts applies the result.
 */
import type { ErrorInfo } from '../protocol';
import { type ApiFailure, detailOf } from './errors';
import { handoffError, verificationAdvice } from './failures';
import { mayPollAgain, nextTryAt, POLL_INTERVAL_MS } from './retry';
import type { ConnectionStatus, RunState } from './schema';

export type SendingRun = Extract<RunState, { phase: 'encrypting' | 'sending' }>;
export type RetryingRun = Extract<RunState, { phase: 'retrying' }>;
export type VerifyingRun = Extract<RunState, { phase: 'verifying' }>;

/** Why a run failed: a send error (maybe about a connection Mantix has), or Mantix's verdict. */
export type FailReason =
  | { error: ErrorInfo; connectionId?: string }
  | { verification: { code: string; message: string; connectionId: string } };

/** What to do with a run: replace it, or fail it (and maybe wipe its keys). */
export type Step = { next: RunState } | { fail: FailReason; wipeKeys: boolean };

/** Phases that still need the plaintext keys. */
export const NEEDS_KEYS: ReadonlySet<RunState['phase']> = new Set(['encrypting', 'sending', 'retrying']);

export function isRun(run: RunState, runId: string): boolean {
  return 'runId' in run && run.runId === runId;
}

/** The `captureId` of a run, to carry into its next state. */
export function captureOf(run: { captureId?: string }): { captureId?: string } {
  return run.captureId ? { captureId: run.captureId } : {};
}

/** The connection Mantix holds for this run, if any. */
export function connectionOf(run: RunState): string | undefined {
  if (run.phase === 'failed') {
    return run.reason.kind === 'verification' ? run.reason.connectionId : run.reason.connectionId;
  }
  if (run.phase === 'active' || run.phase === 'verifying') return run.connectionId;
  return undefined;
}

/** A retry whose time has come: the next try of the POST. */
export function nextAttempt(run: RetryingRun): SendingRun {
  return {
    phase: 'encrypting',
    runId: run.runId,
    ...captureOf(run),
    attempt: run.attempt + 1,
    keyRotations: run.keyRotations,
    apiKeyMasked: run.apiKeyMasked,
  };
}

/** Mantix accepted the key set (202): poll its verdict from now. */
export function verifying(run: SendingRun, connectionId: string, now: number): VerifyingRun {
  return {
    phase: 'verifying',
    runId: run.runId,
    ...captureOf(run),
    connectionId,
    pollStartedAt: now,
    nextPollAt: now,
    apiKeyMasked: run.apiKeyMasked,
  };
}

/** The POST (or the key fetch before it) failed. */
export function afterSendFailure(run: SendingRun, failure: ApiFailure, now: number): Step {
  if (failure.serverError === 'key_rotated') {
    // The contract: fetch the key again; if it is pinned, retry once with a
    // new JWE and the same Idempotency-Key. (An unpinned one fails the fetch.)
    if (run.keyRotations < 1) {
      return { next: { ...run, phase: 'encrypting', keyRotations: run.keyRotations + 1 } };
    }
    return {
      fail: { error: { ...handoffError('key_rotated_twice'), detail: failure.info.detail ?? failure.info.message } },
      wipeKeys: false,
    };
  }
  if (failure.retryable) {
    const at = nextTryAt(run.attempt, now);
    if (at === undefined) {
      return { fail: { error: { ...handoffError('retries_exhausted'), detail: detailOf(failure) } }, wipeKeys: false };
    }
    return {
      next: {
        phase: 'retrying',
        runId: run.runId,
        ...captureOf(run),
        attempt: run.attempt,
        keyRotations: run.keyRotations,
        nextAttemptAt: at,
        error: failure.info,
        apiKeyMasked: run.apiKeyMasked,
      },
    };
  }
  if (failure.status === 400 && failure.serverError) {
    return { fail: { error: { ...handoffError('refused'), detail: detailOf(failure) } }, wipeKeys: false };
  }
  return { fail: { error: failure.info }, wipeKeys: false };
}

/** Asking Mantix for the verdict failed. */
export function afterPollFailure(run: VerifyingRun, failure: ApiFailure, now: number): Step {
  if (failure.retryable && mayPollAgain(run.pollStartedAt, now)) {
    return { next: { ...run, nextPollAt: now + POLL_INTERVAL_MS, lastError: failure.info } };
  }
  return {
    fail: {
      error: failure.retryable ? { ...handoffError('poll_timeout'), detail: detailOf(failure) } : failure.info,
      connectionId: run.connectionId,
    },
    wipeKeys: false,
  };
}

/** Mantix's answer while verifying, other than `active` (see `activeRun`). */
export function afterStatus(run: VerifyingRun, status: ConnectionStatus, now: number): Step {
  if (status.status === 'verifying') {
    if (!mayPollAgain(run.pollStartedAt, now)) {
      return { fail: { error: handoffError('poll_timeout'), connectionId: run.connectionId }, wipeKeys: false };
    }
    const { lastError: _ignored, ...rest } = run;
    return { next: { ...rest, nextPollAt: now + POLL_INTERVAL_MS } };
  }
  const code = status.failure?.code ?? 'unknown';
  const advice = verificationAdvice(code, status.failure?.message);
  return {
    fail: { verification: { code, message: status.failure?.message ?? '', connectionId: run.connectionId } },
    wipeKeys: advice.wipeKeys,
  };
}

/** Mantix's verdict `active`. */
export function activeRun(run: VerifyingRun, status: ConnectionStatus, now: number): RunState {
  return {
    phase: 'active',
    connectionId: run.connectionId,
    apiKeyMasked: run.apiKeyMasked,
    balance: status.balance ? { totalUsdt: status.balance.total_usdt, updatedAt: status.balance.updated_at } : null,
    at: now,
  };
}

/** The run's end in failure. */
export function failedRun(
  run: { captureId?: string },
  apiKeyMasked: string,
  now: number,
  keysWiped: boolean,
  reason: FailReason,
): RunState {
  return {
    phase: 'failed',
    ...captureOf(run),
    apiKeyMasked,
    at: now,
    keysWiped,
    reason:
      'verification' in reason
        ? { kind: 'verification', ...reason.verification }
        : {
            kind: 'send',
            error: reason.error,
            ...(reason.connectionId ? { connectionId: reason.connectionId } : {}),
          },
  };
}

/**
 * The handoff's two errors: a failed call to Mantix as the engine reads it
 * (thrown by ./api.ts, read by ./run.ts), and a request the user cannot make
 * in the current state. No error here carries a secret.
 */
import type { ErrorInfo } from '../protocol';
import { handoffError } from './failures';

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

/** Any error of a Mantix call as an ApiFailure (a bug becomes `internal`, not retryable). */
export function failureOf(error: unknown): ApiFailure {
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

/** The failure's sentence and detail in one line, for an error's `detail`. */
export function detailOf(failure: ApiFailure): string {
  return [failure.info.message, failure.info.detail].filter(Boolean).join(' · ').slice(0, 2000);
}

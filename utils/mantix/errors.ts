/**
 * Every failure of a call to Mantix, as one error type with a sentence for
 * the user (`message`), the technical detail for the "Details" disclosure,
 * and whether trying again later can help (`retryable`).
 */
import * as oauth from 'oauth4webapi';
import * as z from 'zod/mini';
import { t } from '../i18n';
import type { ErrorInfo } from '../protocol';

export type MantixErrorCode =
  /** Network error or timeout: Mantix could not be reached. */
  | 'unreachable'
  /** Mantix answered with a 5xx. */
  | 'server_error'
  /** A response that does not match its schema (never treated as success). */
  | 'unexpected_answer'
  /** A 4xx with a well-formed error body; see `serverError`. */
  | 'rejected'
  /** No link (or its device key is gone). */
  | 'not_linked'
  /** The refresh failed, or the refreshed token was refused too. */
  | 'link_expired'
  /** 403 insufficient_scope. */
  | 'insufficient_scope'
  /** The DPoP proof was refused again after correcting the clock skew. */
  | 'clock_skew'
  /** The DPoP proof was refused although this clock agrees with the server's. */
  | 'proof_refused'
  /** The ingest key's thumbprint is not pinned by this build. */
  | 'untrusted_ingest_key'
  /** The caller's AbortSignal fired (e.g. linking was cancelled). */
  | 'cancelled'
  /** A bug or an unforeseen failure inside the extension. */
  | 'internal';

/** The sentence for each code: `mantixError_<code>` in public/_locales. */
function sentence(code: MantixErrorCode): string {
  return t(`mantixError_${code}`);
}

const RETRYABLE: ReadonlySet<MantixErrorCode> = new Set(['unreachable', 'server_error']);

export interface MantixErrorOptions {
  message?: string;
  detail?: string;
  status?: number;
  /** The `error` field of a `{error, message}` (or RFC 6749) error body. */
  serverError?: string;
  cause?: unknown;
}

export class MantixError extends Error {
  override name = 'MantixError';
  readonly code: MantixErrorCode;
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly serverError: string | undefined;

  constructor(code: MantixErrorCode, options: MantixErrorOptions = {}) {
    super(options.message ?? sentence(code), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.detail = options.detail;
    this.retryable = RETRYABLE.has(code);
    this.status = options.status;
    this.serverError = options.serverError;
  }

  /** The protocol's ErrorInfo (sentence + detail), ready for a page. */
  toErrorInfo(): ErrorInfo {
    const detail = [this.status === undefined ? undefined : `HTTP ${this.status}`, this.detail]
      .filter(Boolean)
      .join(' · ');
    return { code: this.code, message: this.message, ...(detail ? { detail: detail.slice(0, 2000) } : {}) };
  }
}

/** The error body of a `/v1` endpoint (contract §4). */
export const ApiErrorBody = z.object({
  error: z.string().check(z.maxLength(200)),
  message: z.string().check(z.maxLength(2000)),
});

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}: ${error.message}`;
  }
  return String(error);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

/**
 * A network failure from `fetch`: a TypeError without oauth4webapi's `code`
 * (oauth4webapi's own TypeErrors carry one, e.g. ERR_INVALID_ARG_VALUE).
 */
function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && (error as { code?: unknown }).code === undefined;
}

/**
 * Turns anything thrown while talking to Mantix into a MantixError.
 * `signal` is the caller's own signal: when it fired, the call was cancelled.
 */
export function toMantixError(error: unknown, signal?: AbortSignal): MantixError {
  if (error instanceof MantixError) return error;
  if (signal?.aborted && (isAbort(error) || isTimeout(error) || error === signal.reason)) {
    return new MantixError('cancelled', { detail: describeError(error), cause: error });
  }
  if (isTimeout(error) || isAbort(error)) {
    return new MantixError('unreachable', {
      detail: `Mantix did not answer in time. ${describeError(error)}`,
      cause: error,
    });
  }
  if (isNetworkError(error)) {
    const cause = error instanceof Error && error.cause ? ` (${describeError(error.cause)})` : '';
    return new MantixError('unreachable', { detail: `${describeError(error)}${cause}`, cause: error });
  }
  if (error instanceof oauth.ResponseBodyError) {
    const detail = `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
    return error.status >= 500
      ? new MantixError('server_error', { status: error.status, serverError: error.error, detail, cause: error })
      : new MantixError('rejected', { status: error.status, serverError: error.error, detail, cause: error });
  }
  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0]?.parameters;
    const detail = `${challenge?.error ?? 'challenge'}${challenge?.error_description ? `: ${challenge.error_description}` : ''}`;
    return new MantixError('rejected', { status: error.status, serverError: challenge?.error, detail, cause: error });
  }
  if (error instanceof oauth.OperationProcessingError) {
    const status = error.cause instanceof Response ? error.cause.status : undefined;
    if (status !== undefined && status >= 500) {
      return new MantixError('server_error', { status, detail: describeError(error), cause: error });
    }
    return new MantixError('unexpected_answer', { status, detail: describeError(error), cause: error });
  }
  if (
    error instanceof oauth.UnsupportedOperationError ||
    error instanceof z.core.$ZodError ||
    error instanceof SyntaxError
  ) {
    return new MantixError('unexpected_answer', { detail: describeError(error), cause: error });
  }
  return new MantixError('internal', { detail: describeError(error), cause: error });
}

/**
 * DPoP proofs for the device key, and the two retries every proof-carrying
 * call shares (token endpoint and `/v1` alike): once with the server's nonce
 * on `use_dpop_nonce`, and once after correcting the clock from the server's
 * `Date` on `invalid_dpop_proof` (then `clock_skew` or `proof_refused`).
 */
import * as oauth from 'oauth4webapi';
import { MantixError, toMantixError } from './errors';

/** A clock this far from the server's is worth correcting (the server allows ±60 s). */
const SKEW_WORTH_CORRECTING_S = 5;

/** What went wrong with a proof: the server wants its nonce, or refused the proof. */
export type ProofProblem = 'nonce' | 'proof' | undefined;

/** The `error` of a DPoP challenge (401/403 with `WWW-Authenticate: DPoP error=…`). */
export function challengeOf(error: unknown): string | undefined {
  if (!(error instanceof oauth.WWWAuthenticateChallengeError)) return undefined;
  const dpop = error.cause.find((challenge) => challenge.scheme === 'dpop') ?? error.cause[0];
  return dpop?.parameters.error;
}

/** The `error` of a token endpoint's 4xx body. */
export function bodyErrorOf(error: unknown): string | undefined {
  return error instanceof oauth.ResponseBodyError ? error.error : undefined;
}

function responseOf(error: unknown): Response | undefined {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError) {
    return error.response;
  }
  return undefined;
}

/** A token endpoint's proof problem (the error is in the body). */
export function tokenEndpointProblem(error: unknown): ProofProblem {
  if (oauth.isDPoPNonceError(error)) return 'nonce';
  return bodyErrorOf(error) === 'invalid_dpop_proof' ? 'proof' : undefined;
}

/** A resource server's proof problem (the error is in `WWW-Authenticate`). */
export function resourceProblem(error: unknown): ProofProblem {
  const challenge = challengeOf(error);
  if (challenge === 'use_dpop_nonce') return 'nonce';
  return challenge === 'invalid_dpop_proof' ? 'proof' : undefined;
}

export interface RetryOptions {
  problemOf(error: unknown): ProofProblem;
  /** Any other error: true when the caller fixed it and the call is worth one more try (with a fresh nonce retry). */
  recover?(error: unknown): Promise<boolean>;
}

export class DpopProofs {
  #dpop: oauth.DPoPHandle | undefined;

  constructor(private readonly client: oauth.Client) {}

  /** Seconds added to this computer's clock in DPoP proofs (learned from the server's `Date`). */
  get clockSkew(): number {
    return this.client[oauth.clockSkew] ?? 0;
  }

  /** The DPoP handle for the device key (it keeps the server nonce between calls). */
  handle(keyPair: CryptoKeyPair): oauth.DPoPHandle {
    this.#dpop ??= oauth.DPoP(this.client, keyPair);
    return this.#dpop;
  }

  /** Forgets the handle (a new or removed device key). */
  reset(): void {
    this.#dpop = undefined;
  }

  /** Runs `attempt` with a proof, retrying on the server's nonce and after a clock correction. */
  async retrying<T>(
    keyPair: CryptoKeyPair,
    attempt: (dpop: oauth.DPoPHandle) => Promise<T>,
    options: RetryOptions,
  ): Promise<T> {
    let nonceRetried = false;
    let skewCorrected = false;
    for (;;) {
      try {
        return await attempt(this.handle(keyPair));
      } catch (error) {
        const problem = options.problemOf(error);
        if (problem === 'nonce' && !nonceRetried) {
          nonceRetried = true;
          continue;
        }
        if (problem === 'proof') {
          if (!skewCorrected && this.#correctSkew(responseOf(error))) {
            skewCorrected = true;
            nonceRetried = false;
            continue;
          }
          throw this.#proofRefused(skewCorrected, error);
        }
        if (options.recover && (await options.recover(error))) {
          nonceRetried = false;
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Learns the clock skew from the server's `Date` header. True when it
   * changed enough to be worth a retry (the DPoP handle is then rebuilt).
   */
  #correctSkew(response: Response | undefined): boolean {
    const date = response?.headers.get('date');
    const serverMs = date ? Date.parse(date) : Number.NaN;
    if (!Number.isFinite(serverMs)) return false;
    const skew = Math.round((serverMs - Date.now()) / 1000);
    if (Math.abs(skew - this.clockSkew) < SKEW_WORTH_CORRECTING_S) return false;
    this.client[oauth.clockSkew] = skew;
    this.#dpop = undefined;
    return true;
  }

  #proofRefused(corrected: boolean, error: unknown): MantixError {
    const detail = `${toMantixError(error).detail ?? ''} · clock skew applied: ${this.clockSkew} s`;
    return new MantixError(
      corrected || Math.abs(this.clockSkew) >= SKEW_WORTH_CORRECTING_S ? 'clock_skew' : 'proof_refused',
      {
        status: responseOf(error)?.status,
        serverError: 'invalid_dpop_proof',
        detail,
        cause: error,
      },
    );
  }
}

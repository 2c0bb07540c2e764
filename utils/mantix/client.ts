/**
 * The Mantix API client (background only). oauth4webapi does the protocol
 * work: RFC 8414 discovery, RFC 8628 device authorization and token polling
 * (the loop itself lives in utils/background/link.ts), refresh, RFC 7009
 * revocation, and RFC 9449 DPoP proofs and server nonces. This module adds
 * what the contract asks on top: timeouts, zod on every answer, the retry
 * rules of `fetch` (nonce, refresh, clock skew) and one refresh at a time.
 *
 * Its parts: the transport (./http.ts), discovery (./context.ts), the DPoP
 * retries (./dpop-retry.ts), the device flow (./device-flow.ts), the tokens
 * and their refresh (./tokens.ts) and the reading of answers (./read-answer.ts).
 */
import * as oauth from 'oauth4webapi';
import type * as z from 'zod/mini';
import { discover, type OAuthContext } from './context';
import {
  type PollResult,
  pollDeviceCode,
  type StartedDeviceAuthorization,
  startDeviceAuthorization,
} from './device-flow';
import { type DeviceKeyStore, generateDeviceKey } from './device-key';
import { challengeOf, DpopProofs, resourceProblem } from './dpop-retry';
import { MantixError, toMantixError } from './errors';
import { DEFAULT_TIMEOUT_MS, httpOptions } from './http';
import type { MantixTokens } from './items';
import { readAnswer } from './read-answer';
import { TokenRefresher, type TokenStore } from './tokens';

export type { PollResult, StartedDeviceAuthorization } from './device-flow';
export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES } from './http';

export interface MantixClientOptions {
  /** Origin of the Mantix API (also the OAuth issuer). */
  apiUrl: string;
  clientId: string;
  /** Plain http to loopback: development and test builds only, never production. */
  allowInsecureLoopback: boolean;
  keyStore: DeviceKeyStore;
  tokens: TokenStore;
  /** Per HTTP request. Default 15 s. */
  timeoutMs?: number;
}

/**
 * One authorized call to the Mantix API (`/v1/...`), see `MantixClient.fetch`.
 */
export interface MantixRequest<S extends z.ZodMiniType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path on the API origin, e.g. `/v1/ingest-key`. */
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Extra headers, e.g. `Idempotency-Key`. Authorization, DPoP and Content-Type are set here. */
  headers?: Record<string, string>;
  /** The schema of a 2xx body; a mismatch is a MantixError `unexpected_answer`. */
  schema: S;
  /** Cancels the call (a MantixError `cancelled`). Each HTTP request also has its own timeout. */
  signal?: AbortSignal;
}

export class MantixClient {
  readonly #options: MantixClientOptions;
  readonly #timeoutMs: number;
  readonly #issuer: URL;
  readonly #client: oauth.Client;
  readonly #proofs: DpopProofs;
  readonly #context: OAuthContext;
  readonly #refresher: TokenRefresher;
  #metadata: Promise<oauth.AuthorizationServer> | undefined;
  #keyPair: CryptoKeyPair | undefined;
  readonly #linkLostListeners = new Set<(error: MantixError) => void>();

  constructor(options: MantixClientOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#issuer = new URL(options.apiUrl);
    this.#client = { client_id: options.clientId };
    if (this.#issuer.protocol !== 'https:' && !options.allowInsecureLoopback) {
      throw new Error(`The Mantix API must use https: ${options.apiUrl}`);
    }
    this.#proofs = new DpopProofs(this.#client);
    this.#context = {
      client: this.#client,
      proofs: this.#proofs,
      allowInsecureLoopback: options.allowInsecureLoopback,
      as: (signal) => this.#as(signal),
      http: (signal) => this.#http(signal),
      loadKey: () => this.#loadKey(),
    };
    this.#refresher = new TokenRefresher(this.#context, options.tokens, (lost) => {
      for (const listener of this.#linkLostListeners) listener(lost);
    });
  }

  /** Seconds added to this computer's clock in DPoP proofs (learned from the server's `Date`). */
  get clockSkew(): number {
    return this.#proofs.clockSkew;
  }

  /**
   * Called when the server ended the link (the refresh token was refused):
   * the background then forgets the link locally.
   */
  onLinkLost(listener: (error: MantixError) => void): () => void {
    this.#linkLostListeners.add(listener);
    return () => this.#linkLostListeners.delete(listener);
  }

  /* ------------------------------------------------------------ plumbing -- */

  #http(signal?: AbortSignal) {
    return httpOptions(this.#timeoutMs, this.#options.allowInsecureLoopback, signal);
  }

  async #as(signal?: AbortSignal): Promise<oauth.AuthorizationServer> {
    this.#metadata ??= discover(this.#issuer, this.#http(signal));
    try {
      return await this.#metadata;
    } catch (error) {
      this.#metadata = undefined;
      throw toMantixError(error, signal);
    }
  }

  async #loadKey(): Promise<CryptoKeyPair | undefined> {
    this.#keyPair ??= await this.#options.keyStore.load();
    return this.#keyPair;
  }

  /* ------------------------------------------------------------- linking -- */

  /** Creates (and stores) a new device key, replacing any previous one. */
  async createDeviceKey(): Promise<CryptoKeyPair> {
    const keyPair = await generateDeviceKey();
    await this.#options.keyStore.save(keyPair);
    this.#keyPair = keyPair;
    this.#proofs.reset();
    return keyPair;
  }

  /** RFC 8628 §3.1–3.2: asks for a device code and a user code. */
  startDeviceAuthorization(signal?: AbortSignal): Promise<StartedDeviceAuthorization> {
    return startDeviceAuthorization(this.#context, signal);
  }

  /**
   * One poll of the token endpoint (RFC 8628 §3.4–3.5) with the device key.
   * The RFC's answers come back as a status; anything else is thrown.
   */
  pollDeviceCode(deviceCode: string, signal?: AbortSignal): Promise<PollResult> {
    return pollDeviceCode(this.#context, deviceCode, signal);
  }

  /** Whether tokens are stored (the link may still lack its account, see utils/background/link.ts). */
  async hasTokens(): Promise<boolean> {
    return (await this.#options.tokens.getValue()) !== null;
  }

  /** Stores the tokens of a new link (the device key is already stored). */
  async saveTokens(tokens: MantixTokens): Promise<void> {
    await this.#options.tokens.setValue(tokens);
  }

  /**
   * RFC 7009: revokes the refresh token (which ends the whole link at the
   * server). Throws a MantixError when the server could not be told.
   */
  async revoke(signal?: AbortSignal): Promise<void> {
    const tokens = await this.#options.tokens.getValue();
    if (!tokens) return;
    try {
      const as = await this.#as(signal);
      const response = await oauth.revocationRequest(as, this.#client, oauth.None(), tokens.refreshToken, {
        additionalParameters: { token_type_hint: 'refresh_token' },
        ...this.#http(signal),
      });
      await oauth.processRevocationResponse(response);
    } catch (error) {
      throw toMantixError(error, signal);
    }
  }

  /** Deletes the tokens and the device key (local only; see `revoke`). */
  async forget(): Promise<void> {
    this.#keyPair = undefined;
    this.#proofs.reset();
    await this.#options.tokens.removeValue();
    await this.#options.keyStore.remove();
  }

  /* ---------------------------------------------------------- resources -- */

  /**
   * One authorized call to the Mantix API, e.g.
   * `fetch({ method: 'GET', path: '/v1/account', schema: Account })`.
   *
   * - Sends `Authorization: DPoP <access token>` and a fresh DPoP proof.
   * - `401 use_dpop_nonce` → retried once with the server's nonce.
   * - `401 invalid_token` → the token is refreshed (one refresh at a time)
   *   and the call retried once; then MantixError `link_expired`.
   * - `401 invalid_dpop_proof` → the clock skew is corrected from the
   *   server's `Date` and the call retried once; then `clock_skew`.
   * - `403 insufficient_scope` → `insufficient_scope`.
   * - 2xx → the body parsed with `schema` (else `unexpected_answer`).
   * - other 4xx → `rejected`, with `status` and `serverError` (the body's
   *   `error`, e.g. `key_rotated`) for the caller to map; the server's
   *   `message` is in `detail`.
   * - 5xx, network error, timeout → `server_error` / `unreachable`, both
   *   `retryable: true` (the caller decides whether and when to retry).
   * - no link → `not_linked`.
   */
  async fetch<S extends z.ZodMiniType>(request: MantixRequest<S>): Promise<z.output<S>> {
    const { signal } = request;
    try {
      const stored = await this.#options.tokens.getValue();
      const keyPair = await this.#loadKey();
      if (!stored || !keyPair) {
        throw new MantixError('not_linked', { detail: stored ? 'the device key is missing' : 'no tokens' });
      }
      let tokens: MantixTokens = stored;
      const url = new URL(request.path, this.#issuer);
      if (url.origin !== this.#issuer.origin) throw new Error(`not a Mantix API path: ${request.path}`);
      const headers = new Headers(request.headers);
      headers.set('accept', 'application/json');
      let body: string | undefined;
      if (request.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(request.body);
      }
      let refreshed = false;
      const response = await this.#proofs.retrying(
        keyPair,
        (dpop) =>
          oauth.protectedResourceRequest(tokens.accessToken, request.method, url, headers, body, {
            DPoP: dpop,
            ...this.#http(signal),
          }),
        {
          problemOf: resourceProblem,
          recover: async (error) => {
            const challenge = challengeOf(error);
            if (challenge === 'invalid_token') {
              if (refreshed) {
                throw new MantixError('link_expired', {
                  detail: toMantixError(error).detail,
                  status: 401,
                  cause: error,
                });
              }
              tokens = await this.#refresher.refresh(tokens, keyPair, signal);
              refreshed = true;
              return true;
            }
            if (challenge === 'insufficient_scope') {
              throw new MantixError('insufficient_scope', {
                detail: toMantixError(error).detail,
                status: 403,
                cause: error,
              });
            }
            return false;
          },
        },
      );
      return await readAnswer(response, request.schema);
    } catch (error) {
      throw toMantixError(error, signal);
    }
  }
}

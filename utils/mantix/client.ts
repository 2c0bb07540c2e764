/**
 * The Mantix API client (background only). oauth4webapi does the protocol
 * work: RFC 8414 discovery, RFC 8628 device authorization and token polling
 * (the loop itself lives in utils/background/link.ts), refresh, RFC 7009
 * revocation, and RFC 9449 DPoP proofs and server nonces. This module adds
 * what the contract asks on top: timeouts, zod on every answer, the retry
 * rules of `fetch` (nonce, refresh, clock skew) and one refresh at a time.
 */
import * as oauth from 'oauth4webapi';
import type { z } from 'zod';
import type { MantixTokens, TypedItem } from '../storage';
import { type DeviceKeyStore, generateDeviceKey } from './device-key';
import { ApiErrorBody, MantixError, toMantixError } from './errors';
import { AuthorizationServerMetadata, DeviceAuthorization, SCOPE, TokenAnswer } from './schemas';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** A clock this far from the server's is worth correcting (the server allows ±60 s). */
const SKEW_WORTH_CORRECTING_S = 5;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The largest answer read from Mantix (its answers are a few kB); a larger one is `unexpected_answer`. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Statuses whose Response cannot carry a body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function tooLarge(status: number, size: string): MantixError {
  return new MantixError('unexpected_answer', {
    status,
    detail: `the answer (${size}) is larger than ${MAX_RESPONSE_BYTES} bytes`,
  });
}

/**
 * `fetch` with a cap on the size of the answer: a declared Content-Length
 * over the cap is refused at once, and a streamed body is cut off as soon as
 * it passes the cap (so a hostile server cannot make the worker buffer
 * megabytes).
 */
async function cappedFetch(url: string, init: oauth.CustomFetchOptions<string, unknown>): Promise<Response> {
  const response = await fetch(url, init as RequestInit);
  const { status } = response;
  if (!response.body || status < 200 || status > 599 || NULL_BODY_STATUSES.has(status)) return response;
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_RESPONSE_BYTES) {
    void response.body.cancel().catch(() => undefined);
    throw tooLarge(status, `${declared} bytes`);
  }
  let seen = 0;
  const capped = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > MAX_RESPONSE_BYTES) controller.error(tooLarge(status, `over ${seen} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
  const limited = new Response(capped, { status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(limited, 'url', { value: response.url });
  return limited;
}

export interface MantixClientOptions {
  /** Origin of the Mantix API (also the OAuth issuer). */
  apiUrl: string;
  clientId: string;
  /** Plain http to loopback: development and test builds only, never production. */
  allowInsecureLoopback: boolean;
  keyStore: DeviceKeyStore;
  tokens: Pick<TypedItem<MantixTokens | null>, 'getValue' | 'setValue' | 'removeValue'>;
  /** Per HTTP request. Default 15 s. */
  timeoutMs?: number;
}

/**
 * One authorized call to the Mantix API (`/v1/...`), see `MantixClient.fetch`.
 */
export interface MantixRequest<S extends z.ZodType> {
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

export interface StartedDeviceAuthorization {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresIn: number;
  interval: number;
}

export type PollResult =
  | { status: 'pending' }
  | { status: 'slow_down' }
  | { status: 'denied' }
  | { status: 'expired' }
  | { status: 'approved'; tokens: MantixTokens };

type Challenge = 'use_dpop_nonce' | 'invalid_token' | 'invalid_dpop_proof' | 'insufficient_scope';

/** The `error` of a DPoP challenge (401/403 with `WWW-Authenticate: DPoP error=…`). */
function challengeOf(error: unknown): Challenge | string | undefined {
  if (!(error instanceof oauth.WWWAuthenticateChallengeError)) return undefined;
  const dpop = error.cause.find((challenge) => challenge.scheme === 'dpop') ?? error.cause[0];
  return dpop?.parameters.error;
}

function bodyErrorOf(error: unknown): string | undefined {
  return error instanceof oauth.ResponseBodyError ? error.error : undefined;
}

function responseOf(error: unknown): Response | undefined {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.WWWAuthenticateChallengeError) {
    return error.response;
  }
  return undefined;
}

export class MantixClient {
  readonly #options: MantixClientOptions;
  readonly #timeoutMs: number;
  readonly #issuer: URL;
  readonly #client: oauth.Client;
  #metadata: Promise<oauth.AuthorizationServer> | undefined;
  #keyPair: CryptoKeyPair | undefined;
  #dpop: oauth.DPoPHandle | undefined;
  #refreshing: Promise<MantixTokens> | undefined;
  readonly #linkLostListeners = new Set<(error: MantixError) => void>();

  constructor(options: MantixClientOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#issuer = new URL(options.apiUrl);
    this.#client = { client_id: options.clientId };
    if (this.#issuer.protocol !== 'https:' && !options.allowInsecureLoopback) {
      throw new Error(`The Mantix API must use https: ${options.apiUrl}`);
    }
  }

  /** Seconds added to this computer's clock in DPoP proofs (learned from the server's `Date`). */
  get clockSkew(): number {
    return this.#client[oauth.clockSkew] ?? 0;
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

  /** Transport options for oauth4webapi: a fresh timeout per request, plus the caller's signal. */
  #http(signal?: AbortSignal) {
    return {
      signal: () =>
        signal ? AbortSignal.any([signal, AbortSignal.timeout(this.#timeoutMs)]) : AbortSignal.timeout(this.#timeoutMs),
      [oauth.customFetch]: cappedFetch,
      ...(this.#options.allowInsecureLoopback ? { [oauth.allowInsecureRequests]: true } : {}),
    };
  }

  async #as(signal?: AbortSignal): Promise<oauth.AuthorizationServer> {
    this.#metadata ??= (async () => {
      const response = await oauth.discoveryRequest(this.#issuer, { algorithm: 'oauth2', ...this.#http(signal) });
      const as = await oauth.processDiscoveryResponse(this.#issuer, response);
      const parsed = AuthorizationServerMetadata.safeParse(as);
      if (!parsed.success) {
        throw new MantixError('unexpected_answer', { detail: `metadata: ${parsed.error.message}` });
      }
      for (const endpoint of [as.device_authorization_endpoint, as.token_endpoint, as.revocation_endpoint]) {
        if (endpoint && new URL(endpoint).origin !== this.#issuer.origin) {
          throw new MantixError('unexpected_answer', {
            detail: `metadata: ${endpoint} is not on ${this.#issuer.origin}`,
          });
        }
      }
      return as;
    })();
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

  /** The DPoP handle for the device key (it keeps the server nonce between calls). */
  #dpopFor(keyPair: CryptoKeyPair): oauth.DPoPHandle {
    this.#dpop ??= oauth.DPoP(this.#client, keyPair);
    return this.#dpop;
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
    this.#client[oauth.clockSkew] = skew;
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

  /**
   * A token endpoint call with a DPoP proof: retried once on `use_dpop_nonce`,
   * and once after correcting the clock on `invalid_dpop_proof`.
   */
  async #withProof<T>(keyPair: CryptoKeyPair, attempt: (dpop: oauth.DPoPHandle) => Promise<T>): Promise<T> {
    let nonceRetried = false;
    let skewCorrected = false;
    for (;;) {
      try {
        return await attempt(this.#dpopFor(keyPair));
      } catch (error) {
        if (!nonceRetried && oauth.isDPoPNonceError(error)) {
          nonceRetried = true;
          continue;
        }
        if (bodyErrorOf(error) === 'invalid_dpop_proof') {
          if (!skewCorrected && this.#correctSkew(responseOf(error))) {
            skewCorrected = true;
            nonceRetried = false;
            continue;
          }
          throw this.#proofRefused(skewCorrected, error);
        }
        throw error;
      }
    }
  }

  #tokensFrom(answer: oauth.TokenEndpointResponse): MantixTokens {
    const parsed = TokenAnswer.safeParse(answer);
    if (!parsed.success) {
      throw new MantixError('unexpected_answer', { detail: `token answer: ${parsed.error.message}` });
    }
    const { access_token, refresh_token, expires_in, scope } = parsed.data;
    return {
      accessToken: access_token,
      refreshToken: refresh_token,
      expiresAt: Date.now() + expires_in * 1000,
      scope: scope ?? SCOPE,
    };
  }

  /** The verification page will be opened in a tab: https only (plain http to loopback in test builds). */
  #checkOpenable(uri: string): void {
    const url = new URL(uri);
    const loopbackHttp =
      this.#options.allowInsecureLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !loopbackHttp) {
      throw new MantixError('unexpected_answer', {
        detail: `verification URI is not https (or loopback http): ${uri}`,
      });
    }
  }

  /* ------------------------------------------------------------- linking -- */

  /** Creates (and stores) a new device key, replacing any previous one. */
  async createDeviceKey(): Promise<CryptoKeyPair> {
    const keyPair = await generateDeviceKey();
    await this.#options.keyStore.save(keyPair);
    this.#keyPair = keyPair;
    this.#dpop = undefined;
    return keyPair;
  }

  /** RFC 8628 §3.1–3.2: asks for a device code and a user code. */
  async startDeviceAuthorization(signal?: AbortSignal): Promise<StartedDeviceAuthorization> {
    try {
      const as = await this.#as(signal);
      const response = await oauth.deviceAuthorizationRequest(
        as,
        this.#client,
        oauth.None(),
        { scope: SCOPE },
        this.#http(signal),
      );
      const answer = DeviceAuthorization.parse(
        await oauth.processDeviceAuthorizationResponse(as, this.#client, response),
      );
      this.#checkOpenable(answer.verification_uri);
      this.#checkOpenable(answer.verification_uri_complete);
      return {
        deviceCode: answer.device_code,
        userCode: answer.user_code,
        verificationUri: answer.verification_uri,
        verificationUriComplete: answer.verification_uri_complete,
        expiresIn: answer.expires_in,
        interval: answer.interval ?? 5,
      };
    } catch (error) {
      throw toMantixError(error, signal);
    }
  }

  /**
   * One poll of the token endpoint (RFC 8628 §3.4–3.5) with the device key.
   * The RFC's answers come back as a status; anything else is thrown.
   */
  async pollDeviceCode(deviceCode: string, signal?: AbortSignal): Promise<PollResult> {
    try {
      const keyPair = await this.#loadKey();
      if (!keyPair) throw new MantixError('not_linked', { detail: 'the device key is missing' });
      const as = await this.#as(signal);
      const answer = await this.#withProof(keyPair, async (dpop) => {
        const response = await oauth.deviceCodeGrantRequest(as, this.#client, oauth.None(), deviceCode, {
          DPoP: dpop,
          ...this.#http(signal),
        });
        return oauth.processDeviceCodeResponse(as, this.#client, response);
      });
      return { status: 'approved', tokens: this.#tokensFrom(answer) };
    } catch (error) {
      switch (bodyErrorOf(error)) {
        case 'authorization_pending':
          return { status: 'pending' };
        case 'slow_down':
          return { status: 'slow_down' };
        case 'access_denied':
          return { status: 'denied' };
        case 'expired_token':
          return { status: 'expired' };
        default:
          throw toMantixError(error, signal);
      }
    }
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
    this.#dpop = undefined;
    await this.#options.tokens.removeValue();
    await this.#options.keyStore.remove();
  }

  /* ------------------------------------------------------------- refresh -- */

  /**
   * Refreshes the tokens, one refresh at a time: concurrent callers share
   * the running refresh, and a caller whose token was already replaced gets
   * the new one without a second refresh (two refreshes with one rotating
   * refresh token would look like theft to the server).
   */
  #refresh(stale: MantixTokens, keyPair: CryptoKeyPair, signal?: AbortSignal): Promise<MantixTokens> {
    this.#refreshing ??= this.#doRefresh(stale, keyPair, signal).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #doRefresh(stale: MantixTokens, keyPair: CryptoKeyPair, signal?: AbortSignal): Promise<MantixTokens> {
    const current = await this.#options.tokens.getValue();
    if (!current) throw new MantixError('not_linked', { detail: 'the link was removed during the call' });
    if (current.accessToken !== stale.accessToken) return current;
    try {
      const as = await this.#as(signal);
      const answer = await this.#withProof(keyPair, async (dpop) => {
        const response = await oauth.refreshTokenGrantRequest(as, this.#client, oauth.None(), current.refreshToken, {
          DPoP: dpop,
          ...this.#http(signal),
        });
        return oauth.processRefreshTokenResponse(as, this.#client, response);
      });
      const tokens = this.#tokensFrom(answer);
      await this.#options.tokens.setValue(tokens);
      return tokens;
    } catch (error) {
      if (bodyErrorOf(error) === 'invalid_grant') {
        const lost = new MantixError('link_expired', {
          detail: toMantixError(error).detail,
          status: 400,
          cause: error,
        });
        for (const listener of this.#linkLostListeners) listener(lost);
        throw lost;
      }
      throw toMantixError(error, signal);
    }
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
  async fetch<S extends z.ZodType>(request: MantixRequest<S>): Promise<z.output<S>> {
    const { signal } = request;
    try {
      let tokens = await this.#options.tokens.getValue();
      const keyPair = await this.#loadKey();
      if (!tokens || !keyPair) {
        throw new MantixError('not_linked', { detail: tokens ? 'the device key is missing' : 'no tokens' });
      }
      const url = new URL(request.path, this.#issuer);
      if (url.origin !== this.#issuer.origin) throw new Error(`not a Mantix API path: ${request.path}`);
      const headers = new Headers(request.headers);
      headers.set('accept', 'application/json');
      let body: string | undefined;
      if (request.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(request.body);
      }
      let nonceRetried = false;
      let refreshed = false;
      let skewCorrected = false;
      for (;;) {
        let response: Response;
        try {
          response = await oauth.protectedResourceRequest(tokens.accessToken, request.method, url, headers, body, {
            DPoP: this.#dpopFor(keyPair),
            ...this.#http(signal),
          });
        } catch (error) {
          const challenge = challengeOf(error);
          if (challenge === 'use_dpop_nonce' && !nonceRetried) {
            nonceRetried = true;
            continue;
          }
          if (challenge === 'invalid_token') {
            if (refreshed) {
              throw new MantixError('link_expired', { detail: toMantixError(error).detail, status: 401, cause: error });
            }
            tokens = await this.#refresh(tokens, keyPair, signal);
            refreshed = true;
            nonceRetried = false;
            continue;
          }
          if (challenge === 'invalid_dpop_proof') {
            if (!skewCorrected && this.#correctSkew(responseOf(error))) {
              skewCorrected = true;
              nonceRetried = false;
              continue;
            }
            throw this.#proofRefused(skewCorrected, error);
          }
          if (challenge === 'insufficient_scope') {
            throw new MantixError('insufficient_scope', {
              detail: toMantixError(error).detail,
              status: 403,
              cause: error,
            });
          }
          throw error;
        }
        return await this.#read(response, request.schema);
      }
    } catch (error) {
      throw toMantixError(error, signal);
    }
  }

  async #read<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
    const { status } = response;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The size cap (cappedFetch) or a body cut off midway.
      if (error instanceof MantixError) throw error;
      if (error instanceof Error && error.cause instanceof MantixError) throw error.cause;
      throw new MantixError('unexpected_answer', { status, detail: `the answer could not be read: ${String(error)}` });
    }
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (status >= 200 && status < 300) {
      const type = response.headers.get('content-type') ?? '';
      if (text !== '' && !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
        throw new MantixError('unexpected_answer', {
          status,
          detail: `${response.url}: the answer is ${type || 'untyped'}, not JSON`,
        });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new MantixError('unexpected_answer', { status, detail: `${response.url}: ${parsed.error.message}` });
      }
      return parsed.data;
    }
    const error = ApiErrorBody.safeParse(json);
    const detail = error.success ? `${error.data.error}: ${error.data.message}` : text.slice(0, 500);
    if (status >= 500) {
      throw new MantixError('server_error', {
        status,
        detail,
        ...(error.success ? { serverError: error.data.error } : {}),
      });
    }
    if (status >= 400 && error.success) {
      throw new MantixError('rejected', { status, serverError: error.data.error, detail });
    }
    throw new MantixError('unexpected_answer', { status, detail });
  }
}

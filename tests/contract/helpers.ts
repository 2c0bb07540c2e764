/**
 * Helpers of the contract tests: a DPoP proof maker (jose SignJWT, ES256), a
 * tiny client that keeps the server nonce, and shortcuts for linking and for
 * the development endpoints.
 */
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  EncryptJWT,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { z } from 'zod';
import { accessTokenHash } from '../mantix-server/dpop.ts';
import { type MantixServer, startMantixServer } from '../mantix-server/server.ts';

export const CLIENT_ID = 'mantix-extension';
export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ALL_SCOPES = 'connections:write ips:read account:read';
export const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** Starts one server per test file (port 0) and resets it before every test. */
export function startServerPerFile(): { readonly url: string; readonly server: MantixServer } {
  let server: MantixServer | undefined;
  beforeAll(async () => {
    server = await startMantixServer({ port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    server?.reset();
  });
  return {
    get url(): string {
      if (!server) throw new Error('server not started');
      return server.url;
    },
    get server(): MantixServer {
      if (!server) throw new Error('server not started');
      return server;
    },
  };
}

/** The reference server's test clock: expiries, intervals and delays pass without a real wait. */
export async function advanceClock(url: string, ms: number): Promise<void> {
  const response = await devPost(url, '/dev/clock', { advance_ms: ms });
  if (response.status !== 200) throw new Error(`/dev/clock answered ${response.status}`);
}
export const nowS = (): number => Math.floor(Date.now() / 1000);

export interface ProofOptions {
  method: string;
  url: string;
  nonce?: string | undefined;
  accessToken?: string;
  iat?: number;
  htu?: string;
  jti?: string;
  ath?: string;
}

/** A DPoP key pair (ES256) and the proofs it signs. */
export class DpopKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly jkt: string;

  private constructor(privateKey: CryptoKey, publicJwk: JWK, jkt: string) {
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.jkt = jkt;
  }

  static async create(): Promise<DpopKey> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = await exportJWK(publicKey);
    return new DpopKey(privateKey, jwk, await calculateJwkThumbprint(jwk));
  }

  proof(options: ProofOptions): Promise<string> {
    const url = new URL(options.url);
    const claims: JWTPayload = {
      htm: options.method,
      htu: options.htu ?? `${url.origin}${url.pathname}`,
      jti: options.jti ?? randomUUID(),
      iat: options.iat ?? nowS(),
    };
    if (options.nonce !== undefined) claims.nonce = options.nonce;
    const ath = options.ath ?? (options.accessToken ? accessTokenHash(options.accessToken) : undefined);
    if (ath !== undefined) claims.ath = ath;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: this.publicJwk })
      .sign(this.privateKey);
  }
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as an object ({} when it is not a JSON object). */
  json: Record<string, unknown>;
}

async function toTestResponse(response: Response): Promise<TestResponse> {
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) json = parsed as Record<string, unknown>;
  } catch {
    // not JSON (HTML page or empty body)
  }
  return { status: response.status, headers: response.headers, text, json };
}

export async function request(url: string, init: RequestInit = {}): Promise<TestResponse> {
  return toTestResponse(await fetch(url, init));
}

export function postForm(
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

export function devGet(base: string, path: string): Promise<TestResponse> {
  return request(`${base}${path}`);
}

export function devPost(base: string, path: string, body: unknown = {}): Promise<TestResponse> {
  return request(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function setScenario(base: string, scenario: Record<string, unknown>): Promise<void> {
  const response = await devPost(base, '/dev/scenario', scenario);
  if (response.status !== 200) throw new Error(`scenario refused: ${response.text}`);
}

export interface SendOptions {
  form?: Record<string, string>;
  json?: unknown;
  accessToken?: string;
  headers?: Record<string, string>;
  /** Changes to the proof (wrong htu, stale iat, …); `null` sends no proof. */
  proof?: Partial<ProofOptions> | null;
  /** Retry once after use_dpop_nonce, like the extension (default true). */
  retryNonce?: boolean;
}

/** Says whether an answer asks for the DPoP nonce (token endpoint body or resource challenge). */
export function isNonceChallenge(response: TestResponse): boolean {
  return (
    response.json.error === 'use_dpop_nonce' ||
    (response.headers.get('www-authenticate') ?? '').includes('error="use_dpop_nonce"')
  );
}

/** A DPoP client like the extension's: keeps the last DPoP-Nonce it got. */
export class TestClient {
  readonly base: string;
  readonly key: DpopKey;
  nonce: string | undefined;

  constructor(base: string, key: DpopKey) {
    this.base = base;
    this.key = key;
  }

  static async create(base: string): Promise<TestClient> {
    return new TestClient(base, await DpopKey.create());
  }

  async send(method: 'GET' | 'POST', path: string, options: SendOptions = {}): Promise<TestResponse> {
    const response = await this.#sendOnce(method, path, options);
    if ((options.retryNonce ?? true) && isNonceChallenge(response)) {
      return this.#sendOnce(method, path, options);
    }
    return response;
  }

  async #sendOnce(method: 'GET' | 'POST', path: string, options: SendOptions): Promise<TestResponse> {
    const url = `${this.base}${path}`;
    const headers: Record<string, string> = { ...options.headers };
    if (options.proof !== null) {
      const proofOptions: ProofOptions = { method, url, nonce: this.nonce, ...options.proof };
      if (options.accessToken) proofOptions.accessToken = options.accessToken;
      headers.DPoP = await this.key.proof(proofOptions);
    }
    if (options.accessToken) headers.Authorization = `DPoP ${options.accessToken}`;
    let body: string | undefined;
    if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await request(url, { method, headers, body });
    this.nonce = response.headers.get('dpop-nonce') ?? this.nonce;
    return response;
  }

  token(form: Record<string, string>, options: Omit<SendOptions, 'form'> = {}): Promise<TestResponse> {
    return this.send('POST', '/oauth/token', { ...options, form: { client_id: CLIENT_ID, ...form } });
  }

  get(path: string, accessToken: string, options: SendOptions = {}): Promise<TestResponse> {
    return this.send('GET', path, { ...options, accessToken });
  }
}

const DeviceAuthorization = z.object({
  device_code: z.string(),
  user_code: z.string(),
  verification_uri: z.string(),
  verification_uri_complete: z.string(),
  expires_in: z.number(),
  interval: z.number(),
});
export type DeviceAuthorization = z.infer<typeof DeviceAuthorization>;

export async function authorizeDevice(base: string, scope = ALL_SCOPES): Promise<DeviceAuthorization> {
  const response = await postForm(
    `${base}/oauth/device_authorization`,
    { client_id: CLIENT_ID, scope },
    { 'User-Agent': CHROME_UA },
  );
  return DeviceAuthorization.parse(response.json);
}

const Tokens = z.object({
  access_token: z.string(),
  token_type: z.literal('DPoP'),
  expires_in: z.number(),
  refresh_token: z.string(),
  scope: z.string(),
});
export type Tokens = z.infer<typeof Tokens>;

export function parseTokens(response: TestResponse): Tokens {
  return Tokens.parse(response.json);
}

export interface Linked {
  client: TestClient;
  tokens: Tokens;
  device: DeviceAuthorization;
}

/** Device authorization, approval via /dev/approve, then the token (with the nonce dance). */
export async function link(
  base: string,
  options: { scope?: string; accountId?: string; client?: TestClient } = {},
): Promise<Linked> {
  const client = options.client ?? (await TestClient.create(base));
  const device = await authorizeDevice(base, options.scope);
  const approval: Record<string, string> = { user_code: device.user_code };
  if (options.accountId) approval.account_id = options.accountId;
  const approved = await devPost(base, '/dev/approve', approval);
  if (approved.status !== 200) throw new Error(`approve failed: ${approved.text}`);
  const response = await client.token({ grant_type: DEVICE_GRANT, device_code: device.device_code });
  return { client, tokens: parseTokens(response), device };
}

export function refresh(
  client: TestClient,
  refreshToken: string,
  options: Omit<SendOptions, 'form'> = {},
): Promise<TestResponse> {
  return client.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, options);
}

const IngestKeyReply = z.object({
  kid: z.string(),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).loose(),
});
export type IngestKeyReply = z.infer<typeof IngestKeyReply>;

export async function fetchIngestKey(client: TestClient, accessToken: string): Promise<IngestKeyReply> {
  return IngestKeyReply.parse((await client.get('/v1/ingest-key', accessToken)).json);
}

export const DEMO_ACCOUNT_ID = 'acc_demo_0001';
export const SECOND_ACCOUNT_ID = 'acc_demo_0002';

export function credentialClaims(overrides: Record<string, unknown> = {}): JWTPayload {
  const iat = nowS();
  return {
    sub: DEMO_ACCOUNT_ID,
    aud: 'mantix-ingest',
    jti: randomUUID(),
    iat,
    exp: iat + 120,
    exchange: 'bitget',
    api_key: 'bg_test_0123456789abcdef',
    secret_key: 'secret-0123456789abcdef0123456789abcdef',
    passphrase: 'Passphrase-1',
    ...overrides,
  };
}

/** A compact JWE like the extension's: EncryptJWT, ECDH-ES + A256GCM, kid. */
export async function encryptCredentials(
  key: IngestKeyReply,
  claims: JWTPayload = credentialClaims(),
): Promise<string> {
  const publicKey = await importJWK(key.jwk, 'ECDH-ES');
  return new EncryptJWT(claims).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: key.kid }).encrypt(publicKey);
}

export const OBSERVED = {
  account_mode: 'classic',
  permissions: ['spot_trade', 'contract_order'],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: ['203.0.113.10'],
};

export function connectionBody(credentials: string, exchange = 'bitget'): Record<string, unknown> {
  return { exchange, label: 'Mantix', credentials, observed: OBSERVED };
}

export function postConnection(
  client: TestClient,
  accessToken: string,
  body: unknown,
  idempotencyKey: string | null = randomUUID(),
): Promise<TestResponse> {
  const headers: Record<string, string> = idempotencyKey === null ? {} : { 'Idempotency-Key': idempotencyKey };
  return client.send('POST', '/v1/exchange-connections', { accessToken, json: body, headers });
}

/** The `error` of a `WWW-Authenticate: DPoP error="…"` challenge. */
export function challengeError(response: TestResponse): string | undefined {
  return /error="([^"]+)"/.exec(response.headers.get('www-authenticate') ?? '')?.[1];
}

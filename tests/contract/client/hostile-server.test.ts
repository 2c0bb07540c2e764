// @vitest-environment node
/**
 * Hostile Mantix answers (issue 7): a tiny HTTP server on loopback that
 * answers every endpoint the client calls correctly, except the one under
 * attack, which gets non-JSON, JSON of the wrong shape, a huge body, a wrong
 * content type, a redirect to another origin or a slow answer. Each call must
 * end in a MantixError with a sentence — never a success, never an unhandled
 * rejection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionAccepted, ConnectionStatus } from '@/utils/handoff/schema';
import {
  Account,
  IngestKeyAnswer,
  MAX_RESPONSE_BYTES,
  type MantixClient,
  MantixError,
  SCOPE,
  ServerIpsAnswer,
} from '@/utils/mantix';
import { testClient } from './helpers';

type Mode =
  | 'non-json'
  | 'html-error'
  | 'wrong-shape'
  | 'array'
  | 'null'
  | 'proto-keys'
  | 'huge'
  | 'huge-chunked'
  | 'wrong-content-type'
  | 'redirect'
  | 'slow';

const MODES: readonly Mode[] = [
  'non-json',
  'html-error',
  'wrong-shape',
  'array',
  'null',
  'proto-keys',
  'huge',
  'huge-chunked',
  'wrong-content-type',
  'redirect',
  'slow',
];

const TIMEOUT_MS = 800; // generous: shared 2-core machines stall a huge body under load
const HUGE = 5 * 1024 * 1024;

let server: Server;
let base = '';
/** Path under attack → how it misbehaves. */
const attacks = new Map<string, Mode>();
/** Answers of `/v1/account` before the attack on the refresh (a 401 invalid_token first). */
let expireAccessToken = false;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

const P256 = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'B'.repeat(43) };

function valid(req: IncomingMessage, res: ServerResponse, path: string): unknown {
  switch (path) {
    case '/.well-known/oauth-authorization-server':
      return json(res, 200, {
        issuer: base,
        device_authorization_endpoint: `${base}/oauth/device`,
        token_endpoint: `${base}/oauth/token`,
        revocation_endpoint: `${base}/oauth/revoke`,
        grant_types_supported: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        dpop_signing_alg_values_supported: ['ES256'],
      });
    case '/oauth/device':
      return json(res, 200, {
        device_code: 'dc',
        user_code: 'ABCDEFGH',
        verification_uri: `${base}/device`,
        verification_uri_complete: `${base}/device?user_code=ABCDEFGH`,
        expires_in: 600,
        interval: 5,
      });
    case '/oauth/token':
      return json(res, 200, { access_token: 'at2', token_type: 'DPoP', expires_in: 600, refresh_token: 'rt2' });
    case '/oauth/revoke':
      res.writeHead(200);
      return void res.end();
    case '/v1/account':
      if (expireAccessToken && /DPoP at1$/.test(req.headers.authorization ?? '')) {
        res.writeHead(401, { 'www-authenticate': 'DPoP error="invalid_token"' });
        return void res.end();
      }
      return json(res, 200, { id: 'acc', display_name: 'A', email: 'a@example.test', plan: 'pro' });
    case '/v1/exchanges/bitget/server-ips':
      return json(res, 200, { ips: ['203.0.113.7'], updated_at: '2026-01-01T00:00:00Z' });
    case '/v1/ingest-key':
      return json(res, 200, { kid: 'k1', jwk: { ...P256, use: 'enc' } });
    case '/v1/exchange-connections':
      return json(res, 202, { connection_id: 'c1', status: 'verifying' });
    default:
      if (path.startsWith('/v1/exchange-connections/'))
        return json(res, 200, { connection_id: 'c1', exchange: 'bitget', status: 'verifying' });
      res.writeHead(404);
      res.end();
  }
}

function hostile(res: ServerResponse, mode: Mode): unknown {
  switch (mode) {
    case 'non-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"id": "acc", this is not json');
    case 'html-error':
      res.writeHead(502, { 'content-type': 'text/html' });
      return void res.end('<html><body>Bad gateway</body></html>');
    case 'wrong-shape':
      return json(res, 200, { id: 42, hello: 'world', ips: 'all', jwk: null, access_token: 7 });
    case 'array':
      return json(res, 200, [1, 2, 3]);
    case 'null':
      return json(res, 200, null);
    case 'proto-keys':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"__proto__":{"polluted":true,"id":"x"},"constructor":{"prototype":{"polluted":true}}}');
    case 'huge': {
      const body = JSON.stringify({ id: 'acc', display_name: 'x'.repeat(HUGE), email: 'a@example.test' });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      return void res.end(body);
    }
    case 'huge-chunked': {
      // No Content-Length: the cap must hold while the body streams in.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"acc","display_name":"');
      const chunk = 'y'.repeat(64 * 1024);
      let sent = 0;
      const more = () => {
        while (sent < HUGE) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end('","email":"a@example.test"}');
      };
      res.on('error', () => undefined);
      return more();
    }
    case 'wrong-content-type': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(JSON.stringify({ id: 'acc', display_name: 'A', email: 'a@example.test' }));
    }
    case 'redirect':
      res.writeHead(302, { location: 'https://evil.example.test/steal' });
      return void res.end();
    case 'slow': {
      const timer = setTimeout(() => json(res, 200, {}), TIMEOUT_MS * 20);
      res.on('close', () => clearTimeout(timer));
      return;
    }
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', base).pathname;
    req.resume();
    const mode = attacks.get(path);
    if (mode) hostile(res, mode);
    else valid(req, res, path);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  attacks.clear();
  expireAccessToken = false;
});

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

async function linkedClient(): Promise<MantixClient> {
  const client = testClient(base, { timeoutMs: TIMEOUT_MS });
  await client.createDeviceKey();
  await client.saveTokens({ accessToken: 'at1', refreshToken: 'rt1', expiresAt: Date.now() + 600_000, scope: SCOPE });
  return client;
}

interface Endpoint {
  name: string;
  /** The path attacked. */
  path: string;
  call(client: MantixClient): Promise<unknown>;
  /** Modes in which the endpoint cannot fail by design (e.g. RFC 7009 ignores the body of a 200). */
  bodyIgnored?: boolean;
  setup?(): void;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'discovery (RFC 8414)',
    path: '/.well-known/oauth-authorization-server',
    call: (client) => client.startDeviceAuthorization(),
  },
  { name: 'device authorization', path: '/oauth/device', call: (client) => client.startDeviceAuthorization() },
  { name: 'token poll', path: '/oauth/token', call: (client) => client.pollDeviceCode('dc') },
  {
    name: 'token refresh',
    path: '/oauth/token',
    setup: () => {
      expireAccessToken = true;
    },
    call: (client) => client.fetch({ method: 'GET', path: '/v1/account', schema: Account }),
  },
  { name: 'revocation', path: '/oauth/revoke', call: (client) => client.revoke(), bodyIgnored: true },
  {
    name: 'GET /v1/account',
    path: '/v1/account',
    call: (client) => client.fetch({ method: 'GET', path: '/v1/account', schema: Account }),
  },
  {
    name: 'GET /v1/exchanges/bitget/server-ips',
    path: '/v1/exchanges/bitget/server-ips',
    call: (client) => client.fetch({ method: 'GET', path: '/v1/exchanges/bitget/server-ips', schema: ServerIpsAnswer }),
  },
  {
    name: 'GET /v1/ingest-key',
    path: '/v1/ingest-key',
    call: (client) => client.fetch({ method: 'GET', path: '/v1/ingest-key', schema: IngestKeyAnswer }),
  },
  {
    name: 'POST /v1/exchange-connections',
    path: '/v1/exchange-connections',
    call: (client) =>
      client.fetch({ method: 'POST', path: '/v1/exchange-connections', body: { a: 1 }, schema: ConnectionAccepted }),
  },
  {
    name: 'GET /v1/exchange-connections/{id}',
    path: '/v1/exchange-connections/c1',
    call: (client) => client.fetch({ method: 'GET', path: '/v1/exchange-connections/c1', schema: ConnectionStatus }),
  },
];

/** Modes whose 200 body a body-ignoring endpoint (revocation) legitimately accepts: the body is never read. */
const BODY_MODES = new Set<Mode>([
  'huge-chunked',
  'non-json',
  'wrong-shape',
  'array',
  'null',
  'proto-keys',
  'wrong-content-type',
]);

const tried: string[] = [];

describe('every Mantix endpoint against hostile answers', () => {
  it('each endpoint works against the well-behaved server (the baseline)', async () => {
    for (const endpoint of ENDPOINTS) {
      endpoint.setup?.();
      await expect(endpoint.call(await linkedClient()), endpoint.name).resolves.not.toBeInstanceOf(Error);
      expireAccessToken = false;
    }
  });

  for (const endpoint of ENDPOINTS) {
    for (const mode of MODES) {
      if (endpoint.bodyIgnored && BODY_MODES.has(mode)) continue;
      it(`${endpoint.name}: ${mode} → a MantixError with a sentence`, async () => {
        endpoint.setup?.();
        attacks.set(endpoint.path, mode);
        const started = Date.now();
        let outcome: unknown;
        try {
          outcome = { success: await endpoint.call(await linkedClient()) };
        } catch (error) {
          outcome = error;
        }
        expect(outcome, `${endpoint.name} / ${mode} succeeded`).toBeInstanceOf(MantixError);
        const error = outcome as MantixError;
        expect(error.code).not.toBe('internal');
        expect(error.message.length).toBeGreaterThan(10);
        expect(error.toErrorInfo().message).toBe(error.message);
        if (mode === 'slow') {
          expect(error.code).toBe('unreachable');
          expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 10);
        }
        if (mode === 'huge' || mode === 'huge-chunked')
          expect(error.detail ?? '').toMatch(/larger than|too large|JSON/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        tried.push(`${endpoint.name}/${mode}`);
      });
    }
  }

  it('revocation ignores the body of a 200 by design (RFC 7009 §2.2)', async () => {
    attacks.set('/oauth/revoke', 'non-json');
    await expect((await linkedClient()).revoke()).resolves.toBeUndefined();
  });

  it('extra fields in an otherwise valid answer are dropped, never passed on', async () => {
    attacks.clear();
    const client = await linkedClient();
    const account = await client.fetch({ method: 'GET', path: '/v1/account', schema: Account });
    expect(Object.keys(account).sort()).toEqual(['display_name', 'email', 'id']);
    const key = await client.fetch({ method: 'GET', path: '/v1/ingest-key', schema: IngestKeyAnswer });
    expect(Object.keys(key.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });

  it('the response-size cap is well above a real answer', () => {
    expect(MAX_RESPONSE_BYTES).toBeGreaterThanOrEqual(64 * 1024);
    expect(MAX_RESPONSE_BYTES).toBeLessThan(HUGE);
  });

  it('left no unhandled rejection behind', () => {
    console.log(`hostile-server: ${tried.length} hostile answers tried, all ended in a MantixError`);
    expect(unhandled).toEqual([]);
  });
});

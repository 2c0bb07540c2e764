/**
 * Contract v1.1: `observed.source` with null "not observed" fields, scopes
 * per endpoint exactly as the table says, `Date` exposed to the extension.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  challengeError,
  connectionBody,
  credentialClaims,
  devGet,
  encryptCredentials,
  fetchIngestKey,
  type Linked,
  link,
  OBSERVED,
  postConnection,
  request,
  startServerPerFile,
  type TestResponse,
} from './helpers.ts';

const mantix = startServerPerFile();
const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const PASTED = {
  source: 'pasted',
  account_mode: null,
  permissions: null,
  transfer_enabled: null,
  withdraw_enabled: null,
  ip_whitelist: null,
};

async function post(observed: unknown) {
  const linked = await link(mantix.url);
  const key = await fetchIngestKey(linked.client, linked.tokens.access_token);
  const jwe = await encryptCredentials(key, credentialClaims());
  const body = { ...connectionBody(jwe), observed };
  return postConnection(linked.client, linked.tokens.access_token, body, randomUUID());
}

async function lastObserved(): Promise<unknown> {
  const received = (await devGet(mantix.url, '/dev/received')).json as unknown as Array<Record<string, unknown>>;
  return received.at(-1)?.body_observed;
}

describe('observed.source (v1.1)', () => {
  it('accepts a key captured on the page with source "page"', async () => {
    const response = await post({ source: 'page', ...OBSERVED });
    expect(response.status).toBe(202);
    expect(await lastObserved()).toEqual({ source: 'page', ...OBSERVED });
  });

  it('treats a missing source as "page" (a v1.0 client)', async () => {
    const response = await post(OBSERVED);
    expect(response.status).toBe(202);
    expect(await lastObserved()).toEqual({ source: 'page', ...OBSERVED });
  });

  it('accepts a pasted key with every observed field null', async () => {
    const response = await post(PASTED);
    expect(response.status).toBe(202);
    expect(await lastObserved()).toEqual(PASTED);
  });

  it.each([
    ['a pasted key claiming what it saw', { ...PASTED, transfer_enabled: false }],
    ['a pasted key with an empty list instead of null', { ...PASTED, ip_whitelist: [] }],
    ['a page key with a null field', { source: 'page', ...OBSERVED, permissions: null }],
    ['an unknown source', { ...OBSERVED, source: 'guess' }],
    ['a pasted key without its null fields', { source: 'pasted' }],
  ])('refuses %s with 400 invalid_request', async (_name, observed) => {
    const response = await post(observed);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_request');
  });
});

describe('scopes per endpoint (v1.1 table)', () => {
  const ALL = ['account:read', 'ips:read', 'connections:write'] as const;

  it('each endpoint needs exactly its scope: any other single scope gets 403 insufficient_scope', async () => {
    const full = await link(mantix.url);
    const key = await fetchIngestKey(full.client, full.tokens.access_token);
    const created = await postConnection(
      full.client,
      full.tokens.access_token,
      connectionBody(await encryptCredentials(key, credentialClaims())),
    );
    expect(created.status).toBe(202);
    const connectionPath = `/v1/exchange-connections/${String(created.json.connection_id)}`;
    const endpoints: Array<{ name: string; scope: (typeof ALL)[number]; call: (l: Linked) => Promise<TestResponse> }> =
      [
        { name: 'GET /v1/account', scope: 'account:read', call: (l) => callGet(l, '/v1/account') },
        {
          name: 'GET /v1/exchanges/bitget/server-ips',
          scope: 'ips:read',
          call: (l) => callGet(l, '/v1/exchanges/bitget/server-ips'),
        },
        { name: 'GET /v1/ingest-key', scope: 'connections:write', call: (l) => callGet(l, '/v1/ingest-key') },
        {
          name: 'POST /v1/exchange-connections',
          scope: 'connections:write',
          call: async (l) => {
            const jwe = await encryptCredentials(key, credentialClaims());
            return postConnection(l.client, l.tokens.access_token, connectionBody(jwe));
          },
        },
        {
          name: 'GET /v1/exchange-connections/{id}',
          scope: 'connections:write',
          call: (l) => callGet(l, connectionPath),
        },
      ];
    const linked = Object.fromEntries(
      await Promise.all(ALL.map(async (scope) => [scope, await link(mantix.url, { scope })] as const)),
    );
    for (const endpoint of endpoints) {
      for (const scope of ALL) {
        const response = await endpoint.call(linked[scope] as Linked);
        const label = `${endpoint.name} with ${scope}`;
        if (scope === endpoint.scope) {
          expect(response.status, label).toBeLessThan(300);
        } else {
          expect(response.status, label).toBe(403);
          expect(challengeError(response), label).toBe('insufficient_scope');
        }
      }
    }
  });
});

function callGet(l: Linked, path: string) {
  return l.client.get(path, l.tokens.access_token);
}

describe('CORS (v1.1)', () => {
  it('exposes Date, so the extension can correct its clock for DPoP', async () => {
    const response = await request(`${mantix.url}/v1/account`, { headers: { Origin: EXTENSION_ORIGIN } });
    const exposed = (response.headers.get('access-control-expose-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['date', 'dpop-nonce', 'www-authenticate']));
    expect(response.headers.get('date')).toBeTruthy();
  });
});

import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { accessTokenHash } from '../mantix-server/dpop.ts';
import { TEST_INGEST_KEY_THUMBPRINTS } from '../mantix-server/keys.ts';
import { challengeError, fetchIngestKey, link, nowS, request, setScenario, startServerPerFile } from './helpers.ts';

const mantix = startServerPerFile();

describe('DPoP at the resource endpoints', () => {
  it('answers 401 use_dpop_nonce with a DPoP-Nonce header to a proof without nonce', async () => {
    const { client, tokens } = await link(mantix.url);
    client.nonce = undefined;
    const response = await client.get('/v1/account', tokens.access_token, { retryNonce: false });
    expect(response.status).toBe(401);
    expect(challengeError(response)).toBe('use_dpop_nonce');
    expect(response.headers.get('www-authenticate')).toMatch(/^DPoP /);
    expect(response.headers.get('dpop-nonce')).toBeTruthy();
    expect(response.json).toMatchObject({ error: 'use_dpop_nonce', message: expect.any(String) });
    const retry = await client.get('/v1/account', tokens.access_token, { retryNonce: false });
    expect(retry.status).toBe(200);
  });

  it('answers invalid_dpop_proof to a wrong ath, a wrong htu and a stale iat, always with a Date header', async () => {
    const { client, tokens } = await link(mantix.url);
    const cases = [
      { ath: accessTokenHash('another token') },
      { htu: 'http://localhost:1/v1/account' },
      { iat: nowS() - 120 },
      { iat: nowS() + 120 },
      { method: 'POST' },
    ];
    for (const proof of cases) {
      const response = await client.get('/v1/account', tokens.access_token, { proof });
      expect(response.status, JSON.stringify(proof)).toBe(401);
      expect(challengeError(response), JSON.stringify(proof)).toBe('invalid_dpop_proof');
      expect(response.headers.get('date')).toBeTruthy();
    }
  });

  it('compares htu without query and fragment', async () => {
    const { client, tokens } = await link(mantix.url);
    const response = await client.get('/v1/account', tokens.access_token, {
      proof: { htu: `${mantix.url}/v1/account?x=1#y` },
    });
    expect(response.status).toBe(200);
  });

  it('refuses the Bearer scheme and a missing Authorization', async () => {
    const { tokens } = await link(mantix.url);
    const bearer = await request(`${mantix.url}/v1/account`, {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
    });
    expect(challengeError(bearer)).toBe('invalid_token');
    const none = await request(`${mantix.url}/v1/account`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^DPoP /);
  });

  it('answers 403 insufficient_scope for a call outside the granted scope', async () => {
    const { client, tokens } = await link(mantix.url, { scope: 'account:read' });
    expect(tokens.scope).toBe('account:read');
    const ips = await client.get('/v1/exchanges/bitget/server-ips', tokens.access_token);
    expect(ips.status).toBe(403);
    expect(challengeError(ips)).toBe('insufficient_scope');
    expect(ips.json.error).toBe('insufficient_scope');
    expect(challengeError(await client.get('/v1/ingest-key', tokens.access_token))).toBe('insufficient_scope');
  });

  it('follows the scenario clock (Date header and iat window)', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { clock_offset_s: 3600 });
    const refused = await client.get('/v1/account', tokens.access_token);
    expect(challengeError(refused)).toBe('invalid_dpop_proof');
    const serverNow = Date.parse(refused.headers.get('date') ?? '');
    expect(serverNow - Date.now()).toBeGreaterThan(3590_000);
    const skewed = await client.get('/v1/account', tokens.access_token, {
      proof: { iat: Math.floor(serverNow / 1000) },
    });
    // An hour later the access token (600 s) has expired: the clock moved for everything.
    expect(challengeError(skewed)).toBe('invalid_token');
  });
});

describe('GET /v1/account', () => {
  it('answers the linked account', async () => {
    const { client, tokens } = await link(mantix.url);
    const response = await client.get('/v1/account', tokens.access_token);
    expect(response.json).toEqual({ id: 'acc_demo_0001', display_name: 'Demo Trader', email: 'demo@mantix.test' });
  });
});

describe('GET /v1/exchanges/{exchange}/server-ips', () => {
  it('answers the default Bitget list with an ISO update time', async () => {
    const { client, tokens } = await link(mantix.url);
    const response = await client.get('/v1/exchanges/bitget/server-ips', tokens.access_token);
    expect(response.status).toBe(200);
    expect(response.json.ips).toEqual(['203.0.113.10', '203.0.113.11', '198.51.100.7']);
    expect(new Date(String(response.json.updated_at)).toISOString()).toBe(response.json.updated_at);
  });

  it('serves the scenario list as-is, even when invalid', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { ips: ['10.0.0.1', '10.0.0.1', 'not-an-ip'] });
    const response = await client.get('/v1/exchanges/bitget/server-ips', tokens.access_token);
    expect(response.json.ips).toEqual(['10.0.0.1', '10.0.0.1', 'not-an-ip']);
  });

  it('answers 404 for an unknown exchange', async () => {
    const { client, tokens } = await link(mantix.url);
    const response = await client.get('/v1/exchanges/kraken/server-ips', tokens.access_token);
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: 'not_found' });
  });
});

describe('GET /v1/ingest-key', () => {
  it('answers the current public key without a private part, pinned by thumbprint', async () => {
    const { client, tokens } = await link(mantix.url);
    const key = await fetchIngestKey(client, tokens.access_token);
    expect(key.kid).toBe('test-ingest-1');
    expect(Object.keys(key.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(TEST_INGEST_KEY_THUMBPRINTS[0]).toBe(await calculateJwkThumbprint(key.jwk, 'sha256'));
  });

  it('serves key 2 after rotate and an unpinned key after untrusted', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { ingest_key: 'rotate' });
    const rotated = await fetchIngestKey(client, tokens.access_token);
    expect(rotated.kid).toBe('test-ingest-2');
    expect(TEST_INGEST_KEY_THUMBPRINTS[1]).toBe(await calculateJwkThumbprint(rotated.jwk, 'sha256'));
    await setScenario(mantix.url, { ingest_key: 'untrusted' });
    const untrusted = await fetchIngestKey(client, tokens.access_token);
    expect(TEST_INGEST_KEY_THUMBPRINTS).not.toContain(await calculateJwkThumbprint(untrusted.jwk, 'sha256'));
  });
});

describe('fault injection', () => {
  it('fail_next answers the next n /v1 requests with the status', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { fail_next: 2, status: 502 });
    const first = await client.get('/v1/account', tokens.access_token);
    expect(first.status).toBe(502);
    expect(first.json).toMatchObject({ error: 'unavailable' });
    expect((await client.get('/v1/account', tokens.access_token)).status).toBe(502);
    expect((await client.get('/v1/account', tokens.access_token)).status).toBe(200);
  });

  it('garbage answers 200 with a body outside the schema', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { garbage: '/v1/account' });
    const response = await client.get('/v1/account', tokens.access_token);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ unexpected: true });
    await setScenario(mantix.url, { garbage: '/.well-known/' });
    expect((await request(`${mantix.url}/.well-known/oauth-authorization-server`)).json).toEqual({ unexpected: true });
  });

  it('delay_ms with delay_path delays only the matching answers', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { delay_ms: 300, delay_path: '/v1/account' });
    let started = Date.now();
    await client.get('/v1/account', tokens.access_token);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    started = Date.now();
    await client.get('/v1/ingest-key', tokens.access_token);
    expect(Date.now() - started).toBeLessThan(280);
  });
});

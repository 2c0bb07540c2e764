import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_INGEST_PINS } from '../../utils/build-config.ts';
import {
  computeTestIngestKeyThumbprints,
  readCommittedPublicJwk,
  TEST_INGEST_KEY_THUMBPRINTS,
  TEST_INGEST_KIDS,
} from '../mantix-server/keys.ts';
import { DEVICE_GRANT, devGet, devPost, link, request, startServerPerFile } from './helpers.ts';

const mantix = startServerPerFile();
const EXTENSION_ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('discovery (RFC 8414)', () => {
  it('serves the metadata the contract lists, with the server url as issuer', async () => {
    const response = await request(`${mantix.url}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      issuer: mantix.url,
      device_authorization_endpoint: `${mantix.url}/oauth/device_authorization`,
      token_endpoint: `${mantix.url}/oauth/token`,
      revocation_endpoint: `${mantix.url}/oauth/revoke`,
      response_types_supported: [],
      grant_types_supported: [DEVICE_GRANT, 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
      revocation_endpoint_auth_methods_supported: ['none'],
      dpop_signing_alg_values_supported: ['ES256'],
      scopes_supported: ['connections:write', 'ips:read', 'account:read'],
    });
  });
});

describe('CORS', () => {
  it('answers the preflight of an extension origin', async () => {
    for (const origin of [EXTENSION_ORIGIN, 'moz-extension://1b7e6c1e-52c4-4b0a-9a3e-7d0d6f1e2a3b']) {
      const response = await request(`${mantix.url}/v1/exchange-connections`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, dpop, idempotency-key, content-type',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'Authorization, DPoP, Idempotency-Key, Content-Type',
      );
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it('exposes DPoP-Nonce and WWW-Authenticate on answers to an extension origin', async () => {
    const response = await request(`${mantix.url}/v1/account`, { headers: { Origin: EXTENSION_ORIGIN } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('DPoP-Nonce');
    expect(response.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
  });

  it('gives other origins no CORS headers', async () => {
    const preflight = await request(`${mantix.url}/oauth/token`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const metadata = await request(`${mantix.url}/.well-known/oauth-authorization-server`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(metadata.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('committed test-only ingest keys', () => {
  it('are the keys development and test builds pin', () => {
    expect([...TEST_INGEST_PINS].sort()).toEqual([...TEST_INGEST_KEY_THUMBPRINTS].sort());
  });

  it('exports the RFC 7638 thumbprints of both committed public keys', async () => {
    expect(await computeTestIngestKeyThumbprints()).toEqual([...TEST_INGEST_KEY_THUMBPRINTS]);
    for (const kid of TEST_INGEST_KIDS) {
      const jwk = readCommittedPublicJwk(kid);
      expect(Object.keys(jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
      expect(TEST_INGEST_KEY_THUMBPRINTS).toContain(await calculateJwkThumbprint(jwk, 'sha256'));
    }
  });
});

describe('development endpoints', () => {
  it('refuses an unknown scenario key and lists the allowed ones', async () => {
    const response = await devPost(mantix.url, '/dev/scenario', { fail_nxt: 2 });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_request');
    expect(String(response.json.message)).toContain('fail_nxt');
    expect(response.json.allowed_keys).toEqual(expect.arrayContaining(['fail_next', 'ingest_key', 'clock_offset_s']));
  });

  it('refuses an invalid scenario value', async () => {
    const response = await devPost(mantix.url, '/dev/scenario', { interval: 0 });
    expect(response.status).toBe(400);
    expect(String(response.json.message)).toContain('interval');
  });

  it('merges scenario keys and resets them', async () => {
    await devPost(mantix.url, '/dev/scenario', { interval: 2 });
    await devPost(mantix.url, '/dev/scenario', { verification: 'ip_not_allowed' });
    expect((await devGet(mantix.url, '/dev/scenario')).json).toMatchObject({
      interval: 2,
      verification: 'ip_not_allowed',
    });
    await devPost(mantix.url, '/dev/reset');
    expect((await devGet(mantix.url, '/dev/scenario')).json).toMatchObject({ interval: 5, verification: 'active' });
  });

  it('logs requests without bodies or token values', async () => {
    const { tokens, client } = await link(mantix.url);
    await client.get('/v1/account', tokens.access_token, { headers: { Origin: EXTENSION_ORIGIN } });
    const log = (await devGet(mantix.url, '/dev/requests')).json as unknown as Array<Record<string, unknown>>;
    expect(log.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
      'POST /oauth/device_authorization 200',
      'POST /oauth/token 400',
      'POST /oauth/token 200',
      'GET /v1/account 200',
    ]);
    expect(log[1]).toMatchObject({ error: 'use_dpop_nonce' });
    expect(log[3]).toMatchObject({ origin: EXTENSION_ORIGIN, headers: { authorization: 'DPoP', dpop: true } });
    expect(JSON.stringify(log)).not.toContain(tokens.access_token);
    expect(JSON.stringify(log)).not.toContain(tokens.refresh_token);
  });

  it('refuses cross-origin calls to the development endpoints', async () => {
    const response = await request(`${mantix.url}/dev/reset`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await request(`${mantix.url}/nope`)).status).toBe(404);
    const wrongMethod = await request(`${mantix.url}/oauth/token`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});

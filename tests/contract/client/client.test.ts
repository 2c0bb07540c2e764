// @vitest-environment node
/**
 * The Mantix API client against the reference server, over real HTTP on
 * loopback, with real DPoP proofs (Node's WebCrypto) and real tokens.
 */
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { TEST_INGEST_PINS } from '@/utils/build-config';
import { Account, fetchPinnedIngestKeyWith, type MantixClient, MantixError, ServerIpsAnswer } from '@/utils/mantix';
import { mantixTokensItem } from '@/utils/mantix/items';
import { TokenAnswer } from '@/utils/mantix/schemas';
import { dev, grants, requests, scenario, testClient, withMantixServer } from './helpers';

const server = withMantixServer();

async function rejection(promise: Promise<unknown>): Promise<MantixError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MantixError) return error;
    throw error;
  }
  throw new Error('expected a MantixError, got success');
}

/** Links `client` through the device flow, approved via the development endpoint. */
async function link(client: MantixClient): Promise<string> {
  const authorization = await client.startDeviceAuthorization();
  const keyPair = await client.createDeviceKey();
  await dev(server.url, '/dev/approve', { user_code: authorization.userCode });
  const result = await client.pollDeviceCode(authorization.deviceCode);
  if (result.status !== 'approved') throw new Error(`not approved: ${result.status}`);
  await client.saveTokens(result.tokens);
  return calculateJwkThumbprint(await exportJWK(keyPair.publicKey), 'sha256');
}

const getAccount = (client: MantixClient) => client.fetch({ method: 'GET', path: '/v1/account', schema: Account });

describe('device authorization and polling', () => {
  it('gets a user code and a verification page for the contract scopes', async () => {
    const client = testClient(server.url);
    const authorization = await client.startDeviceAuthorization();
    expect(authorization.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(authorization.verificationUriComplete).toBe(`${server.url}/device?user_code=${authorization.userCode}`);
    expect(authorization.interval).toBe(5);
    expect(authorization.expiresIn).toBe(600);
  });

  it('polls pending, then slow_down when too fast (the interval grows by 5 s)', async () => {
    const client = testClient(server.url);
    const authorization = await client.startDeviceAuthorization();
    const keyPair = await client.createDeviceKey();
    expect(keyPair.privateKey.extractable).toBe(false);
    expect(await client.pollDeviceCode(authorization.deviceCode)).toEqual({ status: 'pending' });
    expect(await client.pollDeviceCode(authorization.deviceCode)).toEqual({ status: 'slow_down' });
    // The immediate retry after use_dpop_nonce never counted as a poll.
    const polls = (await requests(server.url)).filter((r) => r.path === '/oauth/token').map((r) => r.error);
    expect(polls).toEqual(['use_dpop_nonce', 'authorization_pending', 'slow_down']);
    expect((await grants(server.url))[0]?.interval).toBe(10);
  });

  it('returns approved tokens bound to the device key', async () => {
    const client = testClient(server.url);
    const jkt = await link(client);
    const tokens = await mantixTokensItem.getValue();
    expect(tokens).toMatchObject({ scope: 'connections:write ips:read account:read' });
    expect(tokens?.expiresAt).toBeGreaterThan(Date.now());
    expect((await grants(server.url))[0]).toMatchObject({ status: 'active', jkt });
  });

  it('reports denied and expired codes', async () => {
    const client = testClient(server.url);
    await client.createDeviceKey();
    const denied = await client.startDeviceAuthorization();
    await dev(server.url, '/dev/deny', { user_code: denied.userCode });
    expect(await client.pollDeviceCode(denied.deviceCode)).toEqual({ status: 'denied' });

    await scenario(server.url, { device_expires_in: 0.001 });
    const expired = await client.startDeviceAuthorization();
    expect(await client.pollDeviceCode(expired.deviceCode)).toEqual({ status: 'expired' });
  });

  it('corrects the clock skew from the server Date when the proof is refused', async () => {
    const client = testClient(server.url);
    await scenario(server.url, { clock_offset_s: 600 });
    await link(client);
    expect(client.clockSkew).toBeGreaterThanOrEqual(598);
    expect(client.clockSkew).toBeLessThanOrEqual(602);
    expect((await getAccount(client)).display_name).toBe('Demo Trader');
  });

  it('says the answer is unexpected when the server answers garbage', async () => {
    await scenario(server.url, { garbage: '/oauth/device_authorization' });
    const error = await rejection(testClient(server.url).startDeviceAuthorization());
    expect(error).toMatchObject({ code: 'unexpected_answer', retryable: false });
    expect(error.message).toBe(
      'Mantix sent an unexpected answer. Try again later; if it keeps happening, contact Mantix support.',
    );

    await scenario(server.url, { garbage: '/.well-known/' });
    expect(await rejection(testClient(server.url).startDeviceAuthorization())).toMatchObject({
      code: 'unexpected_answer',
    });
  });

  it('says Mantix cannot be reached when nothing listens, and when it is too slow', async () => {
    const closed = await rejection(testClient('http://127.0.0.1:9').startDeviceAuthorization());
    expect(closed).toMatchObject({ code: 'unreachable', retryable: true });

    await scenario(server.url, { delay_ms: 400 });
    const slow = await rejection(testClient(server.url, { timeoutMs: 100 }).startDeviceAuthorization());
    expect(slow).toMatchObject({ code: 'unreachable', retryable: true });
    expect(slow.detail).toMatch(/did not answer in time/);
  });

  it('reports a cancelled call as cancelled', async () => {
    await scenario(server.url, { delay_ms: 400 });
    const controller = new AbortController();
    const call = testClient(server.url).startDeviceAuthorization(controller.signal);
    controller.abort();
    expect(await rejection(call)).toMatchObject({ code: 'cancelled' });
  });
});

describe('mantixFetch (authorized calls)', () => {
  it('refuses to call without a link', async () => {
    expect(await rejection(getAccount(testClient(server.url)))).toMatchObject({ code: 'not_linked' });
  });

  it('reads the account and the server IPs, parsed by their schemas', async () => {
    const client = testClient(server.url);
    await link(client);
    expect(await getAccount(client)).toEqual({
      id: 'acc_demo_0001',
      display_name: 'Demo Trader',
      email: 'demo@mantix.test',
    });
    const ips = await client.fetch({ method: 'GET', path: '/v1/exchanges/bitget/server-ips', schema: ServerIpsAnswer });
    expect(ips.ips.length).toBeGreaterThan(0);
  });

  it('refreshes once on invalid_token, rotating the refresh token, one refresh for concurrent calls', async () => {
    const client = testClient(server.url);
    await link(client);
    const before = await mantixTokensItem.getValue();
    await scenario(server.url, { invalidate_access_tokens: true });
    const accounts = await Promise.all([getAccount(client), getAccount(client), getAccount(client)]);
    expect(accounts.map((a) => a.email)).toEqual(['demo@mantix.test', 'demo@mantix.test', 'demo@mantix.test']);
    const after = await mantixTokensItem.getValue();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect((await grants(server.url))[0]).toMatchObject({ status: 'active', refresh_generation: 2 });
  });

  it('says the link expired and reports it lost when the refresh token is refused', async () => {
    const client = testClient(server.url);
    await link(client);
    const lost = vi.fn();
    client.onLinkLost(lost);
    await client.revoke();
    const error = await rejection(getAccount(client));
    expect(error).toMatchObject({ code: 'link_expired', message: 'Your Mantix link expired — link again.' });
    expect(lost).toHaveBeenCalledOnce();
  });

  it('says the link lacks a permission on insufficient_scope', async () => {
    await scenario(server.url, { scopes: ['account:read'] });
    const client = testClient(server.url);
    await link(client);
    const error = await rejection(
      client.fetch({ method: 'GET', path: '/v1/exchanges/bitget/server-ips', schema: ServerIpsAnswer }),
    );
    expect(error).toMatchObject({ code: 'insufficient_scope', message: 'This link lacks a permission — link again.' });
  });

  it('treats a body of the wrong shape as an error, never as success', async () => {
    const client = testClient(server.url);
    await link(client);
    await scenario(server.url, { garbage: '/v1/account' });
    const error = await rejection(getAccount(client));
    expect(error).toMatchObject({ code: 'unexpected_answer', status: 200 });
  });

  it('marks 5xx as retryable and hands 4xx error codes to the caller', async () => {
    const client = testClient(server.url);
    await link(client);
    await scenario(server.url, { fail_next: 1, status: 503, path: '/v1/account' });
    expect(await rejection(getAccount(client))).toMatchObject({ code: 'server_error', status: 503, retryable: true });
    const missing = await rejection(
      client.fetch({ method: 'GET', path: '/v1/exchange-connections/nope', schema: Account }),
    );
    expect(missing).toMatchObject({ code: 'rejected', status: 404, serverError: 'not_found', retryable: false });
    expect(missing.toErrorInfo()).toMatchObject({ code: 'rejected', detail: expect.stringContaining('HTTP 404') });
  });

  it('revokes the refresh token, which ends the link at the server', async () => {
    const client = testClient(server.url);
    await link(client);
    await client.revoke();
    expect((await grants(server.url))[0]).toMatchObject({ status: 'revoked', refresh_token_valid: false });
    await client.forget();
    expect(await mantixTokensItem.getValue()).toBeNull();
  });

  it('accepts only a DPoP token type, compared case-insensitively (contract v1.1)', () => {
    const answer = { access_token: 'a', refresh_token: 'r', expires_in: 60 };
    for (const type of ['dpop', 'DPoP', 'DPOP', 'Dpop']) {
      expect(TokenAnswer.safeParse({ ...answer, token_type: type }).success, type).toBe(true);
    }
    for (const type of ['bearer', 'Bearer', 'dpop2', '', 'N/A']) {
      expect(TokenAnswer.safeParse({ ...answer, token_type: type }).success, type).toBe(false);
    }
  });
});

describe('fetchPinnedIngestKey', () => {
  const pinned = (client: MantixClient, pins: readonly string[]) =>
    fetchPinnedIngestKeyWith({ fetch: (request) => client.fetch(request), pins });

  it('returns the ingest key when its thumbprint is pinned', async () => {
    const client = testClient(server.url);
    await link(client);
    const key = await pinned(client, TEST_INGEST_PINS);
    expect(key).toMatchObject({ kid: 'test-ingest-1', thumbprint: TEST_INGEST_PINS[0] });
    expect(Object.keys(key.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
  });

  it('refuses a key this build does not pin, and says nothing was sent', async () => {
    const client = testClient(server.url);
    await link(client);
    await scenario(server.url, { ingest_key: 'untrusted' });
    const error = await rejection(pinned(client, TEST_INGEST_PINS));
    expect(error.code).toBe('untrusted_ingest_key');
    expect(error.message).toMatch(/not one this version of Mantix Connect trusts — nothing was sent/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  CLIENT_ID,
  challengeError,
  DpopKey,
  devGet,
  link,
  parseTokens,
  postForm,
  refresh,
  setScenario,
  startServerPerFile,
  TestClient,
} from './helpers.ts';

const mantix = startServerPerFile();

async function onlyGrant(): Promise<Record<string, unknown>> {
  const list = (await devGet(mantix.url, '/dev/grants')).json as unknown as Array<Record<string, unknown>>;
  expect(list).toHaveLength(1);
  return list[0] ?? {};
}

describe('refresh (rotation, key binding)', () => {
  it('rotates the refresh token: the old one stops working', async () => {
    const { client, tokens } = await link(mantix.url);
    const first = await refresh(client, tokens.refresh_token);
    expect(first.status).toBe(200);
    const rotated = parseTokens(first);
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(rotated.access_token).not.toBe(tokens.access_token);
    expect((await client.get('/v1/account', rotated.access_token)).status).toBe(200);
    expect(await onlyGrant()).toMatchObject({ refresh_generation: 2, refresh_token_valid: true });
  });

  it('revokes the whole grant when a rotated refresh token is used again', async () => {
    const { client, tokens } = await link(mantix.url);
    const rotated = parseTokens(await refresh(client, tokens.refresh_token));
    const reuse = await refresh(client, tokens.refresh_token);
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');
    expect((await refresh(client, rotated.refresh_token)).json.error).toBe('invalid_grant');
    expect(challengeError(await client.get('/v1/account', rotated.access_token))).toBe('invalid_token');
    expect(await onlyGrant()).toMatchObject({ status: 'revoked', refresh_token_valid: false });
  });

  it('refuses a refresh proven with another key, without revoking the grant', async () => {
    const { client, tokens } = await link(mantix.url);
    const thief = new TestClient(mantix.url, await DpopKey.create());
    const stolen = await refresh(thief, tokens.refresh_token);
    expect(stolen.json.error).toBe('invalid_grant');
    expect((await refresh(client, tokens.refresh_token)).status).toBe(200);
  });

  it('refuses the access token with a proof of another key', async () => {
    const { tokens } = await link(mantix.url);
    const thief = new TestClient(mantix.url, await DpopKey.create());
    expect(challengeError(await thief.get('/v1/account', tokens.access_token))).toBe('invalid_token');
  });

  it('narrows scopes through the scopes scenario', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { scopes: ['account:read'] });
    const narrowed = parseTokens(await refresh(client, tokens.refresh_token));
    expect(narrowed.scope).toBe('account:read');
  });

  it('expires access tokens after access_token_ttl', async () => {
    await setScenario(mantix.url, { access_token_ttl: 30 });
    const { client, tokens } = await link(mantix.url);
    expect(tokens.expires_in).toBe(30);
    // The server's clock runs 40 s ahead; the client follows it (Date header).
    await setScenario(mantix.url, { clock_offset_s: 40 });
    const response = await client.get('/v1/account', tokens.access_token, {
      proof: { iat: Math.floor(Date.now() / 1000) + 40 },
    });
    expect(challengeError(response)).toBe('invalid_token');
  });
});

describe('revocation (RFC 7009)', () => {
  it('revoking the refresh token ends the link: access token invalid_token, refresh invalid_grant', async () => {
    const { client, tokens } = await link(mantix.url);
    const revoked = await postForm(`${mantix.url}/oauth/revoke`, {
      client_id: CLIENT_ID,
      token: tokens.refresh_token,
      token_type_hint: 'refresh_token',
    });
    expect(revoked.status).toBe(200);
    expect(challengeError(await client.get('/v1/account', tokens.access_token))).toBe('invalid_token');
    expect((await refresh(client, tokens.refresh_token)).json.error).toBe('invalid_grant');
    expect(await onlyGrant()).toMatchObject({ status: 'revoked', refresh_token_valid: false, active_access_tokens: 0 });
  });

  it('answers 200 for an unknown token and refuses an unknown client', async () => {
    const unknown = await postForm(`${mantix.url}/oauth/revoke`, { client_id: CLIENT_ID, token: 'nope' });
    expect(unknown.status).toBe(200);
    const client = await postForm(`${mantix.url}/oauth/revoke`, { client_id: 'other', token: 'nope' });
    expect(client.status).toBe(401);
    expect(client.json.error).toBe('invalid_client');
  });

  it('needs no DPoP proof', async () => {
    const { tokens } = await link(mantix.url);
    const revoked = await postForm(`${mantix.url}/oauth/revoke`, { client_id: CLIENT_ID, token: tokens.refresh_token });
    expect(revoked.status).toBe(200);
  });
});

describe('invalidate_access_tokens', () => {
  it('makes every current access token invalid_token; a refresh repairs it', async () => {
    const { client, tokens } = await link(mantix.url);
    await setScenario(mantix.url, { invalidate_access_tokens: true });
    const refused = await client.get('/v1/account', tokens.access_token);
    expect(refused.status).toBe(401);
    expect(challengeError(refused)).toBe('invalid_token');
    const fresh = parseTokens(await refresh(client, tokens.refresh_token));
    expect((await client.get('/v1/account', fresh.access_token)).status).toBe(200);
  });
});

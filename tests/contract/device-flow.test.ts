import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  advanceClock,
  authorizeDevice,
  CHROME_UA,
  CLIENT_ID,
  DEVICE_GRANT,
  devGet,
  devPost,
  parseTokens,
  postForm,
  request,
  setScenario,
  startServerPerFile,
  TestClient,
} from './helpers.ts';

const mantix = startServerPerFile();

async function grants(): Promise<Array<Record<string, unknown>>> {
  return (await devGet(mantix.url, '/dev/grants')).json as unknown as Array<Record<string, unknown>>;
}

function poll(client: TestClient, deviceCode: string, options: { retryNonce?: boolean } = {}) {
  return client.token({ grant_type: DEVICE_GRANT, device_code: deviceCode }, options);
}

describe('device authorization (RFC 8628)', () => {
  it('answers a user code of 8 unambiguous letters and the verification URIs', async () => {
    const device = await authorizeDevice(mantix.url);
    expect(device.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(device.verification_uri).toBe(`${mantix.url}/device`);
    expect(device.verification_uri_complete).toBe(`${mantix.url}/device?user_code=${device.user_code}`);
    expect(device).toMatchObject({ expires_in: 600, interval: 5 });
  });

  it('refuses an unknown client and an unknown scope', async () => {
    const url = `${mantix.url}/oauth/device_authorization`;
    const client = await postForm(url, { client_id: 'someone-else', scope: ALL_SCOPES });
    expect(client.status).toBe(401);
    expect(client.json.error).toBe('invalid_client');
    const scope = await postForm(url, { client_id: CLIENT_ID, scope: 'ips:read trade:all' });
    expect(scope.status).toBe(400);
    expect(scope.json.error).toBe('invalid_scope');
    expect(scope.headers.get('cache-control')).toBe('no-store');
  });

  it('links through /dev/approve: DPoP-bound tokens with the requested scope', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    await devPost(mantix.url, '/dev/approve', { user_code: device.user_code.toLowerCase().replace('-', '') });
    const response = await poll(client, device.device_code);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = parseTokens(response);
    expect(tokens).toMatchObject({ token_type: 'DPoP', expires_in: 600, scope: ALL_SCOPES });
    expect(tokens.access_token).not.toBe(tokens.refresh_token);
    const [grant] = await grants();
    expect(grant).toMatchObject({
      status: 'active',
      jkt: client.key.jkt,
      refresh_generation: 1,
      refresh_token_valid: true,
    });
    const again = await poll(client, device.device_code);
    expect(again.json.error).toBe('invalid_grant');
  });

  it('answers authorization_pending while the user has not decided', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    const response = await poll(client, device.device_code);
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('authorization_pending');
    expect(response.headers.get('dpop-nonce')).toBeTruthy();
  });

  it('answers slow_down to a poll faster than the interval and adds 5 s to it', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    expect((await poll(client, device.device_code)).json.error).toBe('authorization_pending');
    const fast = await poll(client, device.device_code);
    expect(fast.status).toBe(400);
    expect(fast.json.error).toBe('slow_down');
    expect((await grants())[0]).toMatchObject({ interval: 10, poll_count: 2 });
  });

  it('does not count the retry after use_dpop_nonce as a poll (no slow_down)', async () => {
    await setScenario(mantix.url, { interval: 1 });
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    // First poll without a nonce: refused before it is counted, the retry is the first poll.
    const first = await poll(client, device.device_code, { retryNonce: false });
    expect(first.json.error).toBe('use_dpop_nonce');
    expect(first.headers.get('dpop-nonce')).toBeTruthy();
    expect((await poll(client, device.device_code, { retryNonce: false })).json.error).toBe('authorization_pending');
    // One interval later with a stale nonce, then the immediate retry.
    await advanceClock(mantix.url, 1000);
    client.nonce = 'stale-nonce';
    const stale = await poll(client, device.device_code, { retryNonce: false });
    expect(stale.json.error).toBe('use_dpop_nonce');
    const retry = await poll(client, device.device_code, { retryNonce: false });
    expect(retry.json.error).toBe('authorization_pending');
    expect((await grants())[0]).toMatchObject({ interval: 1, poll_count: 2 });
  });

  it('answers access_denied after the user denied', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    await devPost(mantix.url, '/dev/deny', { user_code: device.user_code });
    const response = await poll(client, device.device_code);
    expect(response.json.error).toBe('access_denied');
    expect((await grants())[0]).toMatchObject({ status: 'denied' });
  });

  it('answers expired_token once the code expired (short scenario expiry)', async () => {
    await setScenario(mantix.url, { device_expires_in: 0.3 });
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    expect(device.expires_in).toBe(0.3);
    await advanceClock(mantix.url, 350);
    const response = await poll(client, device.device_code);
    expect(response.json.error).toBe('expired_token');
    expect((await devPost(mantix.url, '/dev/approve', { user_code: device.user_code })).status).toBe(409);
  });

  it('refuses a token request without a DPoP proof, and a replayed proof', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    const none = await poll(client, device.device_code);
    expect(none.json.error).toBe('authorization_pending');
    const withoutProof = await client.token(
      { grant_type: DEVICE_GRANT, device_code: device.device_code },
      { proof: null },
    );
    expect(withoutProof.json.error).toBe('invalid_dpop_proof');
    const proof = { jti: 'fixed-jti' };
    await client.token({ grant_type: DEVICE_GRANT, device_code: device.device_code }, { proof });
    const replay = await client.token({ grant_type: DEVICE_GRANT, device_code: device.device_code }, { proof });
    expect(replay.json.error).toBe('invalid_dpop_proof');
    expect(String(replay.json.error_description)).toContain('jti');
  });

  it('refuses a token request with a wrong client_id or grant type', async () => {
    const client = await TestClient.create(mantix.url);
    const device = await authorizeDevice(mantix.url);
    const wrongClient = await client.token({
      grant_type: DEVICE_GRANT,
      device_code: device.device_code,
      client_id: 'x',
    });
    expect(wrongClient.json.error).toBe('invalid_client');
    const wrongGrant = await client.token({ grant_type: 'password' });
    expect(wrongGrant.json.error).toBe('unsupported_grant_type');
  });
});

function csrfOf(html: string): string {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('no CSRF token in the page');
  return csrf;
}

describe('verification page', () => {
  it('shows the code, the browser and the time, and approves with the form', async () => {
    const device = await authorizeDevice(mantix.url);
    const page = await request(device.verification_uri_complete);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(device.user_code);
    expect(page.text).toContain('Chrome 156 on Linux');
    expect(page.text).toContain('Demo Trader');
    expect(page.text).toContain('demo@mantix.test');
    expect(page.text).toMatch(/<time id="requested-at" datetime="\d{4}-\d\d-\d\dT/);
    expect(page.text).toContain('<h1>');
    expect(page.text).toMatch(/<button type="submit" name="decision" value="approve">Approve<\/button>/);
    expect(page.text).toMatch(/<button type="submit" name="decision" value="deny">Deny<\/button>/);

    const answer = await postForm(`${mantix.url}/device`, {
      user_code: device.user_code,
      csrf: csrfOf(page.text),
      decision: 'approve',
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('Approved — you can close this tab and go back to Mantix Connect');

    const client = await TestClient.create(mantix.url);
    const tokens = parseTokens(await poll(client, device.device_code));
    const account = await client.get('/v1/account', tokens.access_token);
    expect(account.json).toEqual({ id: 'acc_demo_0001', display_name: 'Demo Trader', email: 'demo@mantix.test' });
  });

  it('denies with the form', async () => {
    const device = await authorizeDevice(mantix.url);
    const page = await request(`${mantix.url}/device?user_code=${device.user_code.replace('-', '').toLowerCase()}`);
    expect(page.status).toBe(200);
    const answer = await postForm(`${mantix.url}/device`, {
      user_code: device.user_code,
      csrf: csrfOf(page.text),
      decision: 'deny',
    });
    expect(answer.text).toContain('Denied');
    const client = await TestClient.create(mantix.url);
    expect((await poll(client, device.device_code)).json.error).toBe('access_denied');
  });

  it('refuses a form without a valid CSRF token', async () => {
    const device = await authorizeDevice(mantix.url);
    const answer = await postForm(`${mantix.url}/device`, {
      user_code: device.user_code,
      csrf: 'forged',
      decision: 'approve',
    });
    expect(answer.status).toBe(400);
    expect((await grants())[0]).toMatchObject({ status: 'pending' });
  });

  it('answers 400 with a clear page for an unknown, used or expired code', async () => {
    const unknown = await request(`${mantix.url}/device?user_code=BBBB-BBBB`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('This code is not valid');

    const used = await authorizeDevice(mantix.url);
    await devPost(mantix.url, '/dev/approve', { user_code: used.user_code });
    expect((await request(used.verification_uri_complete)).status).toBe(400);

    await setScenario(mantix.url, { device_expires_in: 0.05 });
    const expired = await authorizeDevice(mantix.url);
    await advanceClock(mantix.url, 80);
    const page = await request(expired.verification_uri_complete);
    expect(page.status).toBe(400);
    expect(page.text).toContain('expired');
  });

  it('offers a labelled code field without a code', async () => {
    const page = await request(`${mantix.url}/device`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<label for="user_code">/);
  });

  it('escapes what the client sent', async () => {
    const response = await postForm(
      `${mantix.url}/oauth/device_authorization`,
      { client_id: CLIENT_ID },
      { 'User-Agent': `<script>alert(1)</script> ${CHROME_UA}` },
    );
    const page = await request(String(response.json.verification_uri_complete));
    expect(page.text).not.toContain('<script>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

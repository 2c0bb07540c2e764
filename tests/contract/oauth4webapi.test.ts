/**
 * The server against the extension's OAuth library (oauth4webapi): discovery,
 * device flow with a non-extractable DPoP key, nonce retries, resource calls,
 * refresh and revocation. Proves the contract is usable as written.
 */
import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { advanceClock, CLIENT_ID, devGet, devPost, startServerPerFile } from './helpers.ts';

const mantix = startServerPerFile();
const insecure = { [oauth.allowInsecureRequests]: true } as const;
const client: oauth.Client = { client_id: CLIENT_ID };
const clientAuth = oauth.None();

/** Runs a DPoP request once more when the server asks for its nonce, as the extension does. */
async function withNonceRetry<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (oauth.isDPoPNonceError(error)) {
      return attempt();
    }
    throw error;
  }
}

async function discover(): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(mantix.url);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure });
  return oauth.processDiscoveryResponse(issuer, response);
}

async function deviceKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

describe('oauth4webapi against the reference server', () => {
  it('links, calls /v1 with DPoP, refreshes and revokes', async () => {
    await devPost(mantix.url, '/dev/scenario', { interval: 1 });
    const as = await discover();
    const dpop = oauth.DPoP(client, await deviceKey());
    const authorization = await oauth.processDeviceAuthorizationResponse(
      as,
      client,
      await oauth.deviceAuthorizationRequest(
        as,
        client,
        clientAuth,
        { scope: 'connections:write ips:read account:read' },
        insecure,
      ),
    );

    const pending = withNonceRetry(async () =>
      oauth.processDeviceCodeResponse(
        as,
        client,
        await oauth.deviceCodeGrantRequest(as, client, clientAuth, authorization.device_code, {
          DPoP: dpop,
          ...insecure,
        }),
      ),
    );
    await expect(pending).rejects.toMatchObject({ error: 'authorization_pending' });

    await devPost(mantix.url, '/dev/approve', { user_code: authorization.user_code });
    await advanceClock(mantix.url, (authorization.interval ?? 5) * 1000);
    const tokens = await withNonceRetry(async () =>
      oauth.processDeviceCodeResponse(
        as,
        client,
        await oauth.deviceCodeGrantRequest(as, client, clientAuth, authorization.device_code, {
          DPoP: dpop,
          ...insecure,
        }),
      ),
    );
    expect(tokens.token_type).toBe('dpop');

    const account = await withNonceRetry(() =>
      oauth.protectedResourceRequest(
        tokens.access_token,
        'GET',
        new URL(`${mantix.url}/v1/account`),
        new Headers(),
        null,
        {
          DPoP: dpop,
          ...insecure,
        },
      ),
    );
    expect(await account.json()).toMatchObject({ email: 'demo@mantix.test' });

    const refreshTokenValue = tokens.refresh_token ?? '';
    const refreshed = await withNonceRetry(async () =>
      oauth.processRefreshTokenResponse(
        as,
        client,
        await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshTokenValue, { DPoP: dpop, ...insecure }),
      ),
    );
    expect(refreshed.refresh_token).not.toBe(refreshTokenValue);

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, refreshed.refresh_token ?? '', insecure),
    );
    const grants = (await devGet(mantix.url, '/dev/grants')).json as unknown as Array<Record<string, unknown>>;
    expect(grants[0]).toMatchObject({ status: 'revoked' });

    const afterUnlink = withNonceRetry(() =>
      oauth.protectedResourceRequest(
        refreshed.access_token,
        'GET',
        new URL(`${mantix.url}/v1/account`),
        new Headers(),
        null,
        {
          DPoP: dpop,
          ...insecure,
        },
      ),
    );
    await expect(afterUnlink).rejects.toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
  });
});

/**
 * RFC 8628 device authorization: ask for a device code and a user code,
 * then poll the token endpoint with the device key (the polling loop itself
 * lives in utils/background/link.ts).
 */
import * as oauth from 'oauth4webapi';
import type { OAuthContext } from './context';
import { bodyErrorOf, tokenEndpointProblem } from './dpop-retry';
import { MantixError, toMantixError } from './errors';
import type { MantixTokens } from './items';
import { DeviceAuthorization, SCOPE } from './schemas';
import { tokensFrom } from './tokens';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

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

/** The verification page will be opened in a tab: https only (plain http to loopback in test builds). */
function checkOpenable(context: OAuthContext, uri: string): void {
  const url = new URL(uri);
  const loopbackHttp = context.allowInsecureLoopback && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new MantixError('unexpected_answer', {
      detail: `verification URI is not https (or loopback http): ${uri}`,
    });
  }
}

/** RFC 8628 §3.1–3.2: asks for a device code and a user code. */
export async function startDeviceAuthorization(
  context: OAuthContext,
  signal?: AbortSignal,
): Promise<StartedDeviceAuthorization> {
  const { client } = context;
  try {
    const as = await context.as(signal);
    const response = await oauth.deviceAuthorizationRequest(
      as,
      client,
      oauth.None(),
      { scope: SCOPE },
      context.http(signal),
    );
    const answer = DeviceAuthorization.parse(await oauth.processDeviceAuthorizationResponse(as, client, response));
    checkOpenable(context, answer.verification_uri);
    checkOpenable(context, answer.verification_uri_complete);
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
export async function pollDeviceCode(
  context: OAuthContext,
  deviceCode: string,
  signal?: AbortSignal,
): Promise<PollResult> {
  const { client } = context;
  try {
    const keyPair = await context.loadKey();
    if (!keyPair) throw new MantixError('not_linked', { detail: 'the device key is missing' });
    const as = await context.as(signal);
    const answer = await context.proofs.retrying(
      keyPair,
      async (dpop) => {
        const response = await oauth.deviceCodeGrantRequest(as, client, oauth.None(), deviceCode, {
          DPoP: dpop,
          ...context.http(signal),
        });
        return oauth.processDeviceCodeResponse(as, client, response);
      },
      { problemOf: tokenEndpointProblem },
    );
    return { status: 'approved', tokens: tokensFrom(answer) };
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

/**
 * Authorization server: RFC 8414 metadata, RFC 8628 device authorization,
 * token endpoint with RFC 9449 DPoP binding, RFC 7009 revocation.
 */
import { z } from 'zod';
import { checkDpopProof } from './dpop.ts';
import { createGrant, isDeviceCodeExpired, issueTokens, revokeGrant } from './grants.ts';
import { type Ctx, header, jsonReply, oauthError, parseForm, type Reply } from './http.ts';
import { formatUserCode } from './ids.ts';
import { SCOPES, type Scope } from './scenario.ts';
import type { Grant, MantixState } from './state.ts';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Seconds added to a device code's interval on `slow_down` (RFC 8628 §3.5). */
export const SLOW_DOWN_STEP_S = 5;
/** A poll this much earlier than the interval is still tolerated (network jitter). */
export const POLL_TOLERANCE_MS = 250;

export function metadata(ctx: Ctx): Reply {
  const url = ctx.state.config.url;
  return jsonReply(200, {
    issuer: url,
    device_authorization_endpoint: `${url}/oauth/device_authorization`,
    token_endpoint: `${url}/oauth/token`,
    revocation_endpoint: `${url}/oauth/revoke`,
    response_types_supported: [],
    grant_types_supported: [DEVICE_CODE_GRANT, 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    dpop_signing_alg_values_supported: ['ES256'],
    scopes_supported: [...SCOPES],
  });
}

const noStore = { 'Cache-Control': 'no-store' };

/** `scope` parameter → list of known scopes; undefined when a scope is unknown. Absent → all. */
function parseScope(raw: string | undefined): Scope[] | undefined {
  if (raw === undefined) {
    return [...SCOPES];
  }
  const names = [...new Set(raw.split(' ').filter(Boolean))];
  const known = names.filter((name): name is Scope => (SCOPES as readonly string[]).includes(name));
  return known.length === names.length && known.length > 0 ? known : undefined;
}

function checkClient(ctx: Ctx, clientId: string | undefined): Reply | undefined {
  if (clientId === undefined) {
    return oauthError(400, 'invalid_request', 'client_id is required');
  }
  if (clientId !== ctx.state.config.clientId) {
    return oauthError(401, 'invalid_client', `unknown client_id ${clientId}`);
  }
  return undefined;
}

const DeviceAuthorizationForm = z.object({ client_id: z.string().optional(), scope: z.string().optional() });

export function deviceAuthorization(ctx: Ctx): Reply {
  const form = parseForm(ctx, DeviceAuthorizationForm);
  if (!form.ok) {
    return oauthError(400, 'invalid_request', form.message);
  }
  const clientError = checkClient(ctx, form.value.client_id);
  if (clientError) {
    return clientError;
  }
  const scope = parseScope(form.value.scope);
  if (!scope) {
    return oauthError(400, 'invalid_scope', `scope must be a subset of: ${SCOPES.join(' ')}`);
  }
  const grant = createGrant(ctx.state, {
    clientId: ctx.state.config.clientId,
    scope,
    userAgent: header(ctx, 'user-agent'),
  });
  const shown = formatUserCode(grant.userCode);
  const verificationUri = `${ctx.state.config.url}/device`;
  return jsonReply(
    200,
    {
      device_code: grant.deviceCode,
      user_code: shown,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${shown}`,
      expires_in: ctx.state.scenario.deviceExpiresIn,
      interval: grant.interval,
    },
    noStore,
  );
}

const TokenForm = z.object({
  grant_type: z.string(),
  client_id: z.string().optional(),
  device_code: z.string().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});
type TokenForm = z.infer<typeof TokenForm>;

export async function token(ctx: Ctx): Promise<Reply> {
  const form = parseForm(ctx, TokenForm);
  if (!form.ok) {
    return oauthError(400, 'invalid_request', form.message);
  }
  const { grant_type: grantType } = form.value;
  if (grantType !== DEVICE_CODE_GRANT && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', `grant_type must be ${DEVICE_CODE_GRANT} or refresh_token`);
  }
  const clientError = checkClient(ctx, form.value.client_id);
  if (clientError) {
    return clientError;
  }
  const missing = grantType === DEVICE_CODE_GRANT ? 'device_code' : 'refresh_token';
  if (!form.value[missing]) {
    return oauthError(400, 'invalid_request', `${missing} is required`);
  }
  // The proof (and its nonce) is checked before a poll is counted: the
  // immediate retry after use_dpop_nonce must never earn slow_down.
  const proof = await checkDpopProof(ctx.state, { proof: header(ctx, 'dpop'), method: 'POST', path: ctx.path });
  if (!proof.ok) {
    return oauthError(400, proof.error, proof.description);
  }
  return grantType === DEVICE_CODE_GRANT
    ? pollDeviceCode(ctx.state, form.value, proof.jkt)
    : refresh(ctx.state, form.value, proof.jkt);
}

function pollDeviceCode(state: MantixState, form: TokenForm, jkt: string): Reply {
  const grant = state.findGrantByDeviceCode(form.device_code ?? '');
  if (!grant || grant.clientId !== form.client_id) {
    return oauthError(400, 'invalid_grant', 'unknown device_code');
  }
  if (grant.status === 'active' || grant.status === 'revoked') {
    return oauthError(400, 'invalid_grant', 'this device_code was already redeemed');
  }
  if (isDeviceCodeExpired(state, grant)) {
    return oauthError(400, 'expired_token', 'the device code expired; start again');
  }
  if (countPoll(state, grant)) {
    return oauthError(400, 'slow_down', `polling too fast; the interval is now ${grant.interval} s`);
  }
  if (grant.status === 'pending') {
    return oauthError(400, 'authorization_pending', 'the user has not decided yet');
  }
  if (grant.status === 'denied') {
    return oauthError(400, 'access_denied', 'the user denied the request');
  }
  return jsonReply(200, issueTokens(state, grant, jkt, state.scenario.scopes ?? grant.requestedScope), noStore);
}

/** Records a poll; true when it came faster than the interval (the interval then grows by 5 s). */
function countPoll(state: MantixState, grant: Grant): boolean {
  const now = state.now();
  const tooFast = grant.lastPollAt !== undefined && now - grant.lastPollAt < grant.interval * 1000 - POLL_TOLERANCE_MS;
  grant.lastPollAt = now;
  grant.pollCount += 1;
  if (tooFast) {
    grant.interval += SLOW_DOWN_STEP_S;
  }
  return tooFast;
}

function refresh(state: MantixState, form: TokenForm, jkt: string): Reply {
  const stored = state.refreshTokens.get(form.refresh_token ?? '');
  const grant = stored ? state.grants.get(stored.grantId) : undefined;
  if (!stored || !grant || grant.clientId !== form.client_id) {
    return oauthError(400, 'invalid_grant', 'unknown refresh token');
  }
  if (grant.status === 'revoked') {
    return oauthError(400, 'invalid_grant', 'this link was revoked');
  }
  if (grant.currentRefreshToken !== form.refresh_token) {
    revokeGrant(state, grant, 'a rotated refresh token was used again');
    return oauthError(400, 'invalid_grant', 'this refresh token was already used; the link is revoked');
  }
  if (grant.jkt !== jkt) {
    return oauthError(400, 'invalid_grant', 'the refresh token is bound to another DPoP key');
  }
  const requested = form.scope === undefined ? grant.grantedScope : parseScope(form.scope);
  if (!requested || requested.some((scope) => !grant.grantedScope.includes(scope))) {
    return oauthError(400, 'invalid_scope', `scope must be a subset of: ${grant.grantedScope.join(' ')}`);
  }
  return jsonReply(200, issueTokens(state, grant, jkt, state.scenario.scopes ?? requested), noStore);
}

const RevokeForm = z.object({
  token: z.string().optional(),
  client_id: z.string().optional(),
  token_type_hint: z.string().optional(),
});

/** RFC 7009: always 200 for unknown tokens; a refresh token ends the whole grant. */
export function revoke(ctx: Ctx): Reply {
  const form = parseForm(ctx, RevokeForm);
  if (!form.ok) {
    return oauthError(400, 'invalid_request', form.message);
  }
  const clientError = checkClient(ctx, form.value.client_id);
  if (clientError) {
    return clientError;
  }
  if (!form.value.token) {
    return oauthError(400, 'invalid_request', 'token is required');
  }
  revokeToken(ctx.state, form.value.token);
  return { status: 200, headers: noStore };
}

function revokeToken(state: MantixState, value: string): void {
  const refreshToken = state.refreshTokens.get(value);
  const grant = refreshToken ? state.grants.get(refreshToken.grantId) : undefined;
  if (grant && grant.status !== 'revoked') {
    revokeGrant(state, grant, 'revoked by the client');
    return;
  }
  state.accessTokens.delete(value);
}

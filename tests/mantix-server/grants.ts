/** Grants (device authorizations that become links) and their DPoP-bound tokens. */
import { formatUserCode, newUserCode, randomToken } from './ids.ts';
import type { Scope } from './scenario.ts';
import type { AccessToken, Grant, MantixState } from './state.ts';

export interface DeviceRequest {
  clientId: string;
  scope: Scope[];
  userAgent: string | undefined;
}

export function createGrant(state: MantixState, request: DeviceRequest): Grant {
  const now = state.now();
  const grant: Grant = {
    id: `grant_${randomToken(9)}`,
    clientId: request.clientId,
    deviceCode: randomToken(32),
    userCode: uniqueUserCode(state),
    requestedScope: request.scope,
    grantedScope: [],
    userAgent: request.userAgent,
    requestedAt: now,
    expiresAt: now + state.scenario.deviceExpiresIn * 1000,
    interval: state.scenario.interval,
    lastPollAt: undefined,
    pollCount: 0,
    status: 'pending',
    accountId: undefined,
    jkt: undefined,
    refreshGeneration: 0,
    currentRefreshToken: undefined,
    revokedReason: undefined,
  };
  state.grants.set(grant.id, grant);
  return grant;
}

function uniqueUserCode(state: MantixState): string {
  for (;;) {
    const code = newUserCode();
    if (!state.findGrantByUserCode(code)) {
      return code;
    }
  }
}

export function isDeviceCodeExpired(state: MantixState, grant: Grant): boolean {
  return state.now() >= grant.expiresAt;
}

/** The user's decision on the verification page (or via /dev/approve, /dev/deny). */
export function decide(grant: Grant, decision: 'approve' | 'deny', accountId: string): void {
  grant.status = decision === 'approve' ? 'approved' : 'denied';
  grant.accountId = decision === 'approve' ? accountId : undefined;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'DPoP';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** Issues a new access token and a new refresh token; the previous refresh token stops working. */
export function issueTokens(state: MantixState, grant: Grant, jkt: string, scope: Scope[]): TokenResponse {
  if (!grant.accountId) {
    throw new Error(`grant ${grant.id} has no account`);
  }
  const accessToken = `mat_${randomToken(32)}`;
  const refreshToken = `mrt_${randomToken(32)}`;
  const ttl = state.scenario.accessTokenTtl;
  grant.status = 'active';
  grant.jkt = jkt;
  grant.grantedScope = scope;
  grant.refreshGeneration += 1;
  grant.currentRefreshToken = refreshToken;
  state.accessTokens.set(accessToken, {
    grantId: grant.id,
    accountId: grant.accountId,
    jkt,
    scope,
    expiresAt: state.now() + ttl * 1000,
  });
  state.refreshTokens.set(refreshToken, { grantId: grant.id, generation: grant.refreshGeneration });
  return {
    access_token: accessToken,
    token_type: 'DPoP',
    expires_in: ttl,
    refresh_token: refreshToken,
    scope: scope.join(' '),
  };
}

/** Ends the link: its refresh token and every access token stop working. */
export function revokeGrant(state: MantixState, grant: Grant, reason: string): void {
  grant.status = 'revoked';
  grant.revokedReason = reason;
  grant.currentRefreshToken = undefined;
  for (const [token, access] of state.accessTokens) {
    if (access.grantId === grant.id) {
      state.accessTokens.delete(token);
    }
  }
}

/** The grant of a live access token, or undefined when unknown, expired or revoked. */
export function findLiveAccessToken(state: MantixState, token: string): AccessToken | undefined {
  const access = state.accessTokens.get(token);
  if (!access || access.expiresAt <= state.now()) {
    return undefined;
  }
  const grant = state.grants.get(access.grantId);
  return grant?.status === 'active' ? access : undefined;
}

/** What `GET /dev/grants` shows of a grant (no token values). */
export function describeGrant(state: MantixState, grant: Grant): Record<string, unknown> {
  const now = state.now();
  return {
    grant_id: grant.id,
    user_code: formatUserCode(grant.userCode),
    status: grant.status,
    device_code_expired: now >= grant.expiresAt,
    client_id: grant.clientId,
    account_id: grant.accountId ?? null,
    requested_scope: grant.requestedScope.join(' '),
    scope: grant.grantedScope.join(' '),
    user_agent: grant.userAgent ?? null,
    requested_at: new Date(grant.requestedAt).toISOString(),
    expires_at: new Date(grant.expiresAt).toISOString(),
    interval: grant.interval,
    poll_count: grant.pollCount,
    jkt: grant.jkt ?? null,
    refresh_generation: grant.refreshGeneration,
    refresh_token_valid: grant.status === 'active' && grant.currentRefreshToken !== undefined,
    active_access_tokens: [...state.accessTokens.values()].filter((t) => t.grantId === grant.id && t.expiresAt > now)
      .length,
    revoked_reason: grant.revokedReason ?? null,
  };
}

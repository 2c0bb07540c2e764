/** Resource endpoints (contract §3): DPoP-bound access tokens, scopes, account, IPs, ingest key. */
import { checkDpopProof } from './dpop.ts';
import { findLiveAccessToken } from './grants.ts';
import { apiError, type Ctx, header, jsonReply, type Reply } from './http.ts';
import type { Scope } from './scenario.ts';
import { ACCOUNTS, type AccessToken } from './state.ts';

type ChallengeError = 'use_dpop_nonce' | 'invalid_token' | 'invalid_dpop_proof' | 'insufficient_scope';

/** RFC 9449 §7.1 / RFC 6750 §3 answer with a `WWW-Authenticate: DPoP …` challenge. */
export function challenge(error: ChallengeError | undefined, message: string, scope?: Scope): Reply {
  const status = error === 'insufficient_scope' ? 403 : 401;
  const params = [
    error ? `error="${error}"` : undefined,
    error ? `error_description="${message.replace(/["\\]/g, "'")}"` : undefined,
    scope ? `scope="${scope}"` : undefined,
    'algs="ES256"',
  ].filter((param): param is string => param !== undefined);
  return apiError(status, error ?? 'unauthorized', message, { 'WWW-Authenticate': `DPoP ${params.join(', ')}` });
}

function parseAuthorization(value: string | undefined): { scheme: string; token: string } | undefined {
  const match = /^(\S+) +([A-Za-z0-9\-._~+/]+=*)$/.exec(value?.trim() ?? '');
  return match?.[1] && match[2] ? { scheme: match[1].toLowerCase(), token: match[2] } : undefined;
}

export type Authenticated = { ok: true; access: AccessToken } | { ok: false; reply: Reply };

/**
 * Checks `Authorization: DPoP <token>` and its proof (incl. `ath` and the
 * nonce), then the token, its key binding and the scope.
 */
export async function authenticate(ctx: Ctx, scope: Scope): Promise<Authenticated> {
  const authorization = parseAuthorization(header(ctx, 'authorization'));
  if (!authorization) {
    return { ok: false, reply: challenge(undefined, 'Authorization: DPoP <access token> is required') };
  }
  if (authorization.scheme !== 'dpop') {
    return { ok: false, reply: challenge('invalid_token', 'the access token is DPoP-bound: use the DPoP scheme') };
  }
  const proof = await checkDpopProof(ctx.state, {
    proof: header(ctx, 'dpop'),
    method: ctx.method,
    path: ctx.path,
    accessToken: authorization.token,
  });
  if (!proof.ok) {
    return { ok: false, reply: challenge(proof.error, proof.description) };
  }
  const access = findLiveAccessToken(ctx.state, authorization.token);
  if (!access) {
    return { ok: false, reply: challenge('invalid_token', 'the access token is unknown, expired or revoked') };
  }
  if (access.jkt !== proof.jkt) {
    return { ok: false, reply: challenge('invalid_token', 'the access token is bound to another DPoP key') };
  }
  if (!access.scope.includes(scope)) {
    return { ok: false, reply: challenge('insufficient_scope', `this call needs the scope ${scope}`, scope) };
  }
  return { ok: true, access };
}

export async function getAccount(ctx: Ctx): Promise<Reply> {
  const auth = await authenticate(ctx, 'account:read');
  if (!auth.ok) {
    return auth.reply;
  }
  const account = ACCOUNTS.find((candidate) => candidate.id === auth.access.accountId);
  return account ? jsonReply(200, account) : apiError(404, 'not_found', 'this account no longer exists');
}

/** Documentation addresses (RFC 5737): the reference server's "Mantix servers". */
export const DEFAULT_BITGET_IPS = ['203.0.113.10', '203.0.113.11', '198.51.100.7'];
const SUPPORTED_EXCHANGES = ['bitget'];

export async function getServerIps(ctx: Ctx): Promise<Reply> {
  const auth = await authenticate(ctx, 'ips:read');
  if (!auth.ok) {
    return auth.reply;
  }
  const exchange = ctx.params[0] ?? '';
  if (!SUPPORTED_EXCHANGES.includes(exchange)) {
    return apiError(404, 'not_found', `unknown exchange: ${exchange}`);
  }
  return jsonReply(200, { ips: ctx.state.scenario.ips ?? DEFAULT_BITGET_IPS, updated_at: ctx.state.ipsUpdatedAt });
}

export async function getIngestKey(ctx: Ctx): Promise<Reply> {
  const auth = await authenticate(ctx, 'connections:write');
  if (!auth.ok) {
    return auth.reply;
  }
  const key = ctx.state.keyring.current;
  return jsonReply(200, { kid: key.kid, jwk: key.publicJwk });
}

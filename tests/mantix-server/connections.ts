/**
 * `POST /v1/exchange-connections` (idempotent, JWE decrypted with the
 * test-only ingest key, every claim checked) and status polling.
 */
import { decodeProtectedHeader, errors, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { apiError, type Ctx, describeIssues, header, jsonReply, parseJson, type Reply } from './http.ts';
import { randomToken } from './ids.ts';
import type { IngestKey } from './keys.ts';
import { authenticate } from './resources.ts';
import type { FailureCode } from './scenario.ts';
import { type Connection, type MantixState, pruneExpired } from './state.ts';

export const INGEST_AUDIENCE = 'mantix-ingest';
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
const MAX_JWE_LIFETIME_S = 5 * 60;
const IAT_SKEW_S = 60;
const SUPPORTED_EXCHANGES = ['bitget'];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const ConnectionBody = z.strictObject({
  exchange: z.string().min(1),
  label: z.string().min(1).max(100),
  credentials: z.string().min(1),
  observed: z.union([
    // Seen on Bitget's page. A client that predates `source` (v1.0) sends none: it means "page".
    z
      .strictObject({
        source: z.literal('page').optional(),
        account_mode: z.enum(['classic', 'unified', 'unknown']),
        permissions: z.array(z.string()),
        transfer_enabled: z.boolean(),
        withdraw_enabled: z.boolean(),
        ip_whitelist: z.array(z.string()),
      })
      .transform((observed) => ({ ...observed, source: 'page' as const })),
    // Pasted into the popup: nothing was observed, every field is null.
    z.strictObject({
      source: z.literal('pasted'),
      account_mode: z.null(),
      permissions: z.null(),
      transfer_enabled: z.null(),
      withdraw_enabled: z.null(),
      ip_whitelist: z.null(),
    }),
  ]),
});
type ConnectionBody = z.output<typeof ConnectionBody>;

const IngestClaims = z.object({
  sub: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  jti: z.uuid(),
  iat: z.number(),
  exp: z.number(),
  exchange: z.string(),
  api_key: z.string().min(1),
  secret_key: z.string().min(1),
  passphrase: z.string().min(1),
});
type IngestClaims = z.infer<typeof IngestClaims>;

class Refusal extends Error {
  readonly reply: Reply;
  constructor(reply: Reply) {
    super('refused');
    this.reply = reply;
  }
}
function refuse(status: number, error: string, message: string): never {
  throw new Refusal(apiError(status, error, message));
}

/** Per-(account, key) queue so that two concurrent retries cannot both create a connection. */
const locks = new WeakMap<MantixState, Map<string, Promise<unknown>>>();

async function serialized<T>(state: MantixState, key: string, work: () => Promise<T>): Promise<T> {
  const queue = locks.get(state) ?? new Map<string, Promise<unknown>>();
  locks.set(state, queue);
  const previous = queue.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  queue.set(key, run);
  try {
    return await run;
  } finally {
    if (queue.get(key) === run) {
      queue.delete(key);
    }
  }
}

export async function createConnection(ctx: Ctx): Promise<Reply> {
  const auth = await authenticate(ctx, 'connections:write');
  if (!auth.ok) {
    return auth.reply;
  }
  if (ctx.state.scenario.rotateOnPost) {
    ctx.state.scenario.rotateOnPost = false;
    ctx.state.keyring.rotate();
  }
  const idempotencyKey = header(ctx, 'idempotency-key')?.trim() ?? '';
  if (!UUID_V4.test(idempotencyKey)) {
    return apiError(400, 'invalid_request', 'the Idempotency-Key header must be a UUID v4');
  }
  const accountId = auth.access.accountId;
  const scopedKey = `${accountId}:${idempotencyKey.toLowerCase()}`;
  return serialized(ctx.state, scopedKey, async () => {
    pruneStoredReplies(ctx.state);
    const stored = ctx.state.idempotency.get(scopedKey);
    if (stored) {
      return jsonReply(stored.status, stored.body);
    }
    try {
      const reply = await acceptConnection(ctx, accountId, idempotencyKey);
      ctx.state.idempotency.set(scopedKey, {
        status: reply.status,
        body: reply.json,
        expiresAt: ctx.state.now() + IDEMPOTENCY_TTL_MS,
      });
      return reply;
    } catch (error) {
      if (error instanceof Refusal) {
        return error.reply;
      }
      throw error;
    }
  });
}

function pruneStoredReplies(state: MantixState): void {
  const now = state.now();
  for (const [key, stored] of state.idempotency) {
    if (stored.expiresAt <= now) {
      state.idempotency.delete(key);
    }
  }
}

/** Everything after the idempotency lookup; throws Refusal for a 4xx (which binds nothing). */
async function acceptConnection(ctx: Ctx, accountId: string, idempotencyKey: string): Promise<Reply> {
  const body = parseJson(ctx, ConnectionBody);
  if (!body.ok) {
    return refuse(400, 'invalid_request', body.message);
  }
  if (!SUPPORTED_EXCHANGES.includes(body.value.exchange)) {
    refuse(400, 'invalid_request', `unsupported exchange: ${body.value.exchange}`);
  }
  const { claims, protectedHeader } = await decryptCredentials(ctx.state, body.value.credentials);
  checkClaims(ctx.state, claims, accountId, body.value.exchange);
  rememberJti(ctx.state, claims);
  const connection = recordConnection(ctx.state, accountId, body.value);
  ctx.state.received.push({
    connection_id: connection.id,
    account_id: accountId,
    idempotency_key: idempotencyKey,
    received_at: new Date(ctx.state.now()).toISOString(),
    exchange: body.value.exchange,
    label: body.value.label,
    body_observed: body.value.observed,
    claims,
    protected_header: protectedHeader,
  });
  return jsonReply(202, { connection_id: connection.id, status: 'verifying' });
}

function ingestKeyFor(state: MantixState, credentials: string): { key: IngestKey; header: Record<string, unknown> } {
  let protectedHeader: Record<string, unknown>;
  try {
    protectedHeader = { ...decodeProtectedHeader(credentials) };
  } catch {
    return refuse(400, 'invalid_jwe', 'credentials is not a compact JWE');
  }
  const { alg, enc, kid, cty } = protectedHeader;
  if (alg !== 'ECDH-ES' || enc !== 'A256GCM') {
    refuse(400, 'invalid_jwe', 'the JWE must use alg ECDH-ES and enc A256GCM');
  }
  if (cty !== undefined) {
    refuse(400, 'invalid_jwe', 'the JWE must not carry cty: its payload is a claims set');
  }
  const found = typeof kid === 'string' ? state.keyring.statusOf(kid) : undefined;
  if (!found) {
    return refuse(400, 'invalid_jwe', `unknown ingest key kid: ${String(kid)}`);
  }
  if (found.status === 'retired') {
    refuse(409, 'key_rotated', `the ingest key ${String(kid)} was retired; fetch /v1/ingest-key again`);
  }
  return { key: found.key, header: protectedHeader };
}

async function decryptCredentials(
  state: MantixState,
  credentials: string,
): Promise<{ claims: IngestClaims; protectedHeader: Record<string, unknown> }> {
  const { key, header: protectedHeader } = ingestKeyFor(state, credentials);
  let payload: unknown;
  try {
    ({ payload } = await jwtDecrypt(credentials, key.privateKey, {
      keyManagementAlgorithms: ['ECDH-ES'],
      contentEncryptionAlgorithms: ['A256GCM'],
      currentDate: new Date(state.now()),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      return refuse(400, 'jwe_expired', 'the JWE has expired (exp is past); make a new one');
    }
    const reason = error instanceof errors.JOSEError ? error.message : 'does not decrypt';
    return refuse(400, 'invalid_jwe', `the JWE was refused: ${reason}`);
  }
  const claims = IngestClaims.safeParse(payload);
  if (!claims.success) {
    return refuse(400, 'invalid_jwe', `the JWE claims are invalid: ${describeIssues(claims.error)}`);
  }
  return { claims: claims.data, protectedHeader };
}

function checkClaims(state: MantixState, claims: IngestClaims, accountId: string, exchange: string): void {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(INGEST_AUDIENCE)) {
    refuse(400, 'invalid_jwe', `aud must be ${INGEST_AUDIENCE}`);
  }
  if (claims.sub !== accountId) {
    refuse(400, 'invalid_jwe', 'sub is not the account of the access token');
  }
  if (claims.exchange !== exchange) {
    refuse(400, 'invalid_jwe', 'the exchange claim differs from the body');
  }
  const now = state.now() / 1000;
  if (claims.exp <= now) {
    refuse(400, 'jwe_expired', 'the JWE has expired (exp is past); make a new one');
  }
  if (claims.exp - claims.iat > MAX_JWE_LIFETIME_S || claims.exp <= claims.iat) {
    refuse(400, 'invalid_jwe', `exp must be after iat and at most ${MAX_JWE_LIFETIME_S} s after it`);
  }
  if (claims.iat > now + IAT_SKEW_S) {
    refuse(400, 'invalid_jwe', 'iat is in the future');
  }
}

function rememberJti(state: MantixState, claims: IngestClaims): void {
  pruneExpired(state.ingestJtis, state.now());
  if (state.ingestJtis.has(claims.jti)) {
    refuse(400, 'jti_replayed', 'this JWE (jti) was already received; make a new one');
  }
  state.ingestJtis.set(claims.jti, claims.exp * 1000 + IAT_SKEW_S * 1000);
}

function recordConnection(state: MantixState, accountId: string, body: ConnectionBody): Connection {
  const connection: Connection = {
    id: `conn_${randomToken(12)}`,
    accountId,
    exchange: body.exchange,
    createdAt: state.now(),
    verification: state.scenario.verification,
    verificationDelayMs: state.scenario.verificationDelayMs,
    balance: state.scenario.balance,
  };
  state.connections.set(connection.id, connection);
  return connection;
}

const FAILURE_MESSAGES: Record<FailureCode, string> = {
  invalid_passphrase: 'Bitget refused the Passphrase (code 40012).',
  invalid_api_key: 'Bitget does not know this API Key or the Secret Key is wrong (code 40006).',
  ip_not_allowed: "Bitget refused the call: Mantix's server IP is not in the key's IP list (code 40018).",
  missing_permission: 'The key lacks permissions Mantix needs: Futures Orders (read & trade) (code 40014).',
  withdraw_enabled: 'The key has Transfer or Withdraw rights; Mantix refuses such keys.',
  account_restricted: 'Bitget restricted this account or its API access (code 40013).',
  exchange_unavailable: 'Bitget did not answer; Mantix will retry by itself.',
};

export async function getConnection(ctx: Ctx): Promise<Reply> {
  const auth = await authenticate(ctx, 'connections:write');
  if (!auth.ok) {
    return auth.reply;
  }
  const connection = ctx.state.connections.get(ctx.params[0] ?? '');
  if (!connection || connection.accountId !== auth.access.accountId) {
    return apiError(404, 'not_found', 'no such connection');
  }
  return jsonReply(200, describeConnection(ctx.state, connection));
}

function describeConnection(state: MantixState, connection: Connection): Record<string, unknown> {
  const base = { connection_id: connection.id, exchange: connection.exchange };
  const decidedAt = connection.createdAt + connection.verificationDelayMs;
  if (state.now() < decidedAt) {
    return { ...base, status: 'verifying' };
  }
  if (connection.verification === 'active') {
    const balance = { total_usdt: connection.balance, updated_at: new Date(decidedAt).toISOString() };
    return { ...base, status: 'active', balance };
  }
  const code = connection.verification;
  return { ...base, status: 'failed', failure: { code, message: FAILURE_MESSAGES[code] } };
}

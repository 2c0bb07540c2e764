import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCommittedPublicJwk } from '../mantix-server/keys.ts';
import { FAILURE_CODES } from '../mantix-server/scenario.ts';
import {
  advanceClock,
  connectionBody,
  credentialClaims,
  DEMO_ACCOUNT_ID,
  devGet,
  encryptCredentials,
  fetchIngestKey,
  type IngestKeyReply,
  type Linked,
  link,
  nowS,
  OBSERVED,
  postConnection,
  SECOND_ACCOUNT_ID,
  setScenario,
  startServerPerFile,
} from './helpers.ts';

const mantix = startServerPerFile();

interface Sender extends Linked {
  key: IngestKeyReply;
  /** POST /v1/exchange-connections with a fresh JWE (claims overridable). */
  send(
    claims?: Record<string, unknown>,
    idempotencyKey?: string | null,
    exchange?: string,
  ): ReturnType<typeof postConnection>;
}

async function sender(options: { accountId?: string } = {}): Promise<Sender> {
  const linked = await link(mantix.url, options);
  const key = await fetchIngestKey(linked.client, linked.tokens.access_token);
  const sub = options.accountId ?? DEMO_ACCOUNT_ID;
  const result: Sender = {
    ...linked,
    key,
    async send(claims = {}, idempotencyKey = randomUUID(), exchange = 'bitget') {
      const jwe = await encryptCredentials(result.key, credentialClaims({ sub, ...claims }));
      return postConnection(linked.client, linked.tokens.access_token, connectionBody(jwe, exchange), idempotencyKey);
    },
  };
  return result;
}

async function received(): Promise<Array<Record<string, unknown>>> {
  return (await devGet(mantix.url, '/dev/received')).json as unknown as Array<Record<string, unknown>>;
}

describe('POST /v1/exchange-connections', () => {
  it('accepts a JWE for the served key: 202 verifying, then active with the balance', async () => {
    await setScenario(mantix.url, { verification_delay_ms: 400, balance: '987.65' });
    const s = await sender();
    const idempotencyKey = randomUUID();
    const accepted = await s.send({}, idempotencyKey);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({ connection_id: expect.stringMatching(/^conn_/), status: 'verifying' });
    const path = `/v1/exchange-connections/${String(accepted.json.connection_id)}`;
    expect((await s.client.get(path, s.tokens.access_token)).json).toEqual({
      connection_id: accepted.json.connection_id,
      exchange: 'bitget',
      status: 'verifying',
    });
    await advanceClock(mantix.url, 450);
    const active = await s.client.get(path, s.tokens.access_token);
    expect(active.json).toMatchObject({
      status: 'active',
      balance: { total_usdt: '987.65', updated_at: expect.any(String) },
    });
    const [entry] = await received();
    expect(entry).toMatchObject({
      connection_id: accepted.json.connection_id,
      account_id: DEMO_ACCOUNT_ID,
      idempotency_key: idempotencyKey,
      body_observed: OBSERVED,
      claims: {
        sub: DEMO_ACCOUNT_ID,
        aud: 'mantix-ingest',
        exchange: 'bitget',
        api_key: 'bg_test_0123456789abcdef',
        secret_key: 'secret-0123456789abcdef0123456789abcdef',
        passphrase: 'Passphrase-1',
      },
      protected_header: { alg: 'ECDH-ES', enc: 'A256GCM', kid: 'test-ingest-1' },
    });
  });

  it.each(FAILURE_CODES)('reports the failure %s set by the scenario', async (code) => {
    await setScenario(mantix.url, { verification: code, verification_delay_ms: 0 });
    const s = await sender();
    const accepted = await s.send();
    const status = await s.client.get(
      `/v1/exchange-connections/${String(accepted.json.connection_id)}`,
      s.tokens.access_token,
    );
    expect(status.json).toMatchObject({ status: 'failed', failure: { code, message: expect.any(String) } });
    expect(status.json.balance).toBeUndefined();
  });

  it('lets only the owning account read a connection', async () => {
    const owner = await sender();
    const accepted = await owner.send();
    const other = await sender({ accountId: SECOND_ACCOUNT_ID });
    const path = `/v1/exchange-connections/${String(accepted.json.connection_id)}`;
    expect((await other.client.get(path, other.tokens.access_token)).status).toBe(404);
    expect((await owner.client.get('/v1/exchange-connections/conn_nope', owner.tokens.access_token)).status).toBe(404);
  });
});

describe('idempotency', () => {
  it('answers the same Idempotency-Key twice with the same reply and one connection', async () => {
    const s = await sender();
    const idempotencyKey = randomUUID();
    const first = await s.send({}, idempotencyKey);
    const second = await s.send({}, idempotencyKey);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.json).toEqual(first.json);
    expect(await received()).toHaveLength(1);
  });

  it('looks the key up before the jti replay check (the very same request again)', async () => {
    const s = await sender();
    const jwe = await encryptCredentials(s.key, credentialClaims());
    const idempotencyKey = randomUUID();
    const first = await postConnection(s.client, s.tokens.access_token, connectionBody(jwe), idempotencyKey);
    const again = await postConnection(s.client, s.tokens.access_token, connectionBody(jwe), idempotencyKey);
    expect(again.status).toBe(202);
    expect(again.json).toEqual(first.json);
  });

  it('does not bind the key on a 4xx: the retry is accepted', async () => {
    const s = await sender();
    const idempotencyKey = randomUUID();
    const refused = await s.send({ aud: 'someone-else' }, idempotencyKey);
    expect(refused.status).toBe(400);
    const retry = await s.send({}, idempotencyKey);
    expect(retry.status).toBe(202);
  });

  it('scopes keys per account', async () => {
    const idempotencyKey = randomUUID();
    const first = await (await sender()).send({}, idempotencyKey);
    const second = await (await sender({ accountId: SECOND_ACCOUNT_ID })).send({}, idempotencyKey);
    expect(second.status).toBe(202);
    expect(second.json.connection_id).not.toBe(first.json.connection_id);
  });

  it('creates one connection for concurrent retries', async () => {
    const s = await sender();
    const idempotencyKey = randomUUID();
    const replies = await Promise.all([
      s.send({}, idempotencyKey),
      s.send({}, idempotencyKey),
      s.send({}, idempotencyKey),
    ]);
    expect(replies.map((reply) => reply.status)).toEqual([202, 202, 202]);
    expect(new Set(replies.map((reply) => reply.json.connection_id)).size).toBe(1);
    expect(await received()).toHaveLength(1);
  });

  it('refuses a missing or malformed Idempotency-Key with invalid_request', async () => {
    const s = await sender();
    const missing = await s.send({}, null);
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: 'invalid_request', message: expect.any(String) });
    expect((await s.send({}, 'not-a-uuid')).json.error).toBe('invalid_request');
    expect((await s.send({}, '123e4567-e89b-12d3-a456-426614174000')).json.error).toBe('invalid_request');
  });
});

describe('JWE checks', () => {
  it('answers jti_replayed to a replayed jti under a new Idempotency-Key', async () => {
    const s = await sender();
    const jti = randomUUID();
    expect((await s.send({ jti })).status).toBe(202);
    const replay = await s.send({ jti });
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe('jti_replayed');
  });

  it('answers jwe_expired to an expired JWE', async () => {
    const s = await sender();
    const response = await s.send({ iat: nowS() - 400, exp: nowS() - 100 });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('jwe_expired');
  });

  it.each([
    ['a wrong aud', () => ({ aud: 'mantix-api' })],
    ['a wrong sub', () => ({ sub: 'acc_someone_else' })],
    ['a wrong exchange claim', () => ({ exchange: 'okx' })],
    ['an exp more than 5 minutes after iat', () => ({ iat: nowS(), exp: nowS() + 301 })],
    ['an iat in the future', () => ({ iat: nowS() + 120, exp: nowS() + 150 })],
    ['a missing passphrase', () => ({ passphrase: undefined })],
    ['a jti that is not a uuid', () => ({ jti: 'abc' })],
  ])('answers invalid_jwe to %s', async (_name, claims) => {
    const s = await sender();
    const response = await s.send(claims());
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_jwe');
  });

  it('answers invalid_jwe to an unknown kid, to a JWE for another key and to garbage', async () => {
    const s = await sender();
    const unknownKid = await encryptCredentials({ ...s.key, kid: 'who-knows' });
    // Encrypted to committed key 2 but labelled with the current kid: does not decrypt.
    const otherKey = await encryptCredentials({ kid: s.key.kid, jwk: readCommittedPublicJwk('test-ingest-2') });
    const cases = [unknownKid, otherKey, 'not.a.jwe.at.all'];
    for (const jwe of cases) {
      const response = await postConnection(s.client, s.tokens.access_token, connectionBody(jwe));
      expect(response.status).toBe(400);
      expect(response.json.error).toBe('invalid_jwe');
    }
  });

  it('answers invalid_request to a body outside the schema', async () => {
    const s = await sender();
    const jwe = await encryptCredentials(s.key);
    const response = await postConnection(s.client, s.tokens.access_token, { ...connectionBody(jwe), extra: 1 });
    expect(response.json.error).toBe('invalid_request');
  });
});

describe('ingest key rotation', () => {
  it('answers 409 key_rotated after rotate; the retry with the new key and the same Idempotency-Key is accepted', async () => {
    const s = await sender();
    await setScenario(mantix.url, { ingest_key: 'rotate' });
    const idempotencyKey = randomUUID();
    const rotated = await s.send({}, idempotencyKey);
    expect(rotated.status).toBe(409);
    expect(rotated.json).toMatchObject({ error: 'key_rotated', message: expect.any(String) });
    s.key = await fetchIngestKey(s.client, s.tokens.access_token);
    expect(s.key.kid).toBe('test-ingest-2');
    expect((await s.send({}, idempotencyKey)).status).toBe(202);
  });

  it('rotate_on_post rotates on the next POST and answers it 409', async () => {
    const s = await sender();
    await setScenario(mantix.url, { ingest_key: 'rotate_on_post' });
    expect((await fetchIngestKey(s.client, s.tokens.access_token)).kid).toBe('test-ingest-1');
    const idempotencyKey = randomUUID();
    expect((await s.send({}, idempotencyKey)).json.error).toBe('key_rotated');
    s.key = await fetchIngestKey(s.client, s.tokens.access_token);
    expect(s.key.kid).toBe('test-ingest-2');
    expect((await s.send({}, idempotencyKey)).status).toBe(202);
  });
});

describe('server failures', () => {
  it('fail_next 503 twice, then 202 for the same Idempotency-Key', async () => {
    const s = await sender();
    await setScenario(mantix.url, { fail_next: 2, status: 503, path: '/v1/exchange-connections' });
    const idempotencyKey = randomUUID();
    expect((await s.send({}, idempotencyKey)).status).toBe(503);
    expect((await s.send({}, idempotencyKey)).status).toBe(503);
    expect((await s.send({}, idempotencyKey)).status).toBe(202);
    expect(await received()).toHaveLength(1);
  });

  it('garbage on the connection endpoint answers 200 with a body outside the schema', async () => {
    const s = await sender();
    await setScenario(mantix.url, { garbage: '/v1/exchange-connections' });
    const response = await s.send();
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ unexpected: true });
  });
});

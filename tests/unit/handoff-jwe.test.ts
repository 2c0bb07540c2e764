import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeProtectedHeader, importJWK, jwtDecrypt } from 'jose';
import { describe, expect, it } from 'vitest';
import { encryptCredentials, INGEST_AUDIENCE, JWE_LIFETIME_S } from '@/utils/handoff/jwe';

/** The reference server's committed TEST-ONLY ingest key (its private half decrypts). */
function testKey(kid: string) {
  const file = JSON.parse(readFileSync(resolve('tests/mantix-server/keys', `${kid}.private.jwk.json`), 'utf8')) as {
    kty: 'EC';
    crv: 'P-256';
    x: string;
    y: string;
    d: string;
  };
  return { kid, file, publicJwk: { kty: file.kty, crv: file.crv, x: file.x, y: file.y } };
}

const credentials = {
  apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
  secretKey: 'a'.repeat(20) + '0123456789abcdef'.repeat(2) + 'f'.repeat(12),
  passphrase: 'Passphrase2024',
};

describe('the credentials JWE', () => {
  it('decrypts with the ingest private key to exactly the contract claims', async () => {
    const key = testKey('test-ingest-1');
    const now = Date.UTC(2025, 0, 2, 3, 4, 5);
    const jwe = await encryptCredentials({
      accountId: 'acct_demo',
      ingestKey: { kid: key.kid, jwk: key.publicJwk },
      credentials,
      now,
      jti: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
    });

    expect(decodeProtectedHeader(jwe)).toEqual({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      kid: 'test-ingest-1',
      epk: expect.any(Object),
    });
    expect(decodeProtectedHeader(jwe)).not.toHaveProperty('cty');

    const privateKey = await importJWK(key.file, 'ECDH-ES');
    const { payload } = await jwtDecrypt(jwe, privateKey, {
      keyManagementAlgorithms: ['ECDH-ES'],
      contentEncryptionAlgorithms: ['A256GCM'],
      audience: INGEST_AUDIENCE,
      currentDate: new Date(now),
    });
    const iat = Math.floor(now / 1000);
    expect(payload).toEqual({
      sub: 'acct_demo',
      aud: 'mantix-ingest',
      jti: '6f1c2a9e-3b4d-4e5f-8a6b-7c8d9e0f1a2b',
      iat,
      exp: iat + JWE_LIFETIME_S,
      exchange: 'bitget',
      api_key: credentials.apiKey,
      secret_key: credentials.secretKey,
      passphrase: credentials.passphrase,
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(300);
  });

  it('makes a fresh uuid jti and a different ciphertext every time, with no plaintext in it', async () => {
    const key = testKey('test-ingest-2');
    const ingestKey = { kid: key.kid, jwk: key.publicJwk };
    const one = await encryptCredentials({ accountId: 'acct_demo', ingestKey, credentials });
    const two = await encryptCredentials({ accountId: 'acct_demo', ingestKey, credentials });
    expect(one).not.toBe(two);
    for (const secret of [credentials.secretKey, credentials.passphrase]) {
      expect(one).not.toContain(secret);
      expect(Buffer.from(one.split('.')[0] ?? '', 'base64url').toString()).not.toContain(secret);
    }
    const privateKey = await importJWK(key.file, 'ECDH-ES');
    const a = await jwtDecrypt(one, privateKey);
    const b = await jwtDecrypt(two, privateKey);
    expect(a.payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.payload.jti).not.toBe(b.payload.jti);
  });

  it('cannot be read with the other ingest key', async () => {
    const one = testKey('test-ingest-1');
    const two = testKey('test-ingest-2');
    const jwe = await encryptCredentials({
      accountId: 'acct_demo',
      ingestKey: { kid: one.kid, jwk: one.publicJwk },
      credentials,
    });
    await expect(jwtDecrypt(jwe, await importJWK(two.file, 'ECDH-ES'))).rejects.toThrow();
  });
});

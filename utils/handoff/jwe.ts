/**
 * The only form in which the exchange secrets leave the browser: a compact JWE
 * (RFC 7516) to Mantix's pinned ingest key, made with jose's `EncryptJWT`.
 * Header `{alg: "ECDH-ES", enc: "A256GCM", kid}` (no `cty`: the payload is a
 * claims set), claims as in the contract (../shared/mantix-api.md §3).
 */
import { EncryptJWT, importJWK } from 'jose';

export const INGEST_AUDIENCE = 'mantix-ingest';
/** `exp` is at most 5 minutes after `iat` (the contract's limit). */
export const JWE_LIFETIME_S = 5 * 60;

/** A pinned ingest key: public P-256 ECDH JWK, never a private part. */
export interface IngestKey {
  kid: string;
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}

export interface Credentials {
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

export interface JweInput {
  /** The Mantix account id (`sub`). */
  accountId: string;
  ingestKey: IngestKey;
  credentials: Credentials;
  exchange?: 'bitget';
  /** Milliseconds since the epoch (tests pin it). */
  now?: number;
  jti?: string;
}

export async function encryptCredentials(input: JweInput): Promise<string> {
  const { kty, crv, x, y } = input.ingestKey.jwk;
  // Only the public coordinates are imported: nothing else of the served JWK is trusted.
  const key = await importJWK({ kty, crv, x, y }, 'ECDH-ES');
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  return new EncryptJWT({
    exchange: input.exchange ?? 'bitget',
    api_key: input.credentials.apiKey,
    secret_key: input.credentials.secretKey,
    passphrase: input.credentials.passphrase,
  })
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: input.ingestKey.kid })
    .setSubject(input.accountId)
    .setAudience(INGEST_AUDIENCE)
    .setJti(input.jti ?? crypto.randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + JWE_LIFETIME_S)
    .encrypt(key);
}

/**
 * Ingest keys of the reference server. The two committed key pairs in ./keys
 * are TEST ONLY: their private halves are public in this repository.
 */
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import { z } from 'zod';

export const TEST_INGEST_KIDS = ['test-ingest-1', 'test-ingest-2'] as const;

/**
 * RFC 7638 SHA-256 thumbprints (base64url) of the committed test-only public
 * keys, in the order of TEST_INGEST_KIDS. A contract test recomputes them from
 * the key files. Development and test builds of the extension pin both.
 */
export const TEST_INGEST_KEY_THUMBPRINTS: readonly string[] = [
  'Cgzuh_TBXIoIXOdmiiOoZdLaCo2uop5Q9AbnKX1zzr8',
  'U_ya8NkY6z9J4Di87k0SCx5szmawAekVmv-aayAG7kk',
];

/** A type alias (not an interface) so that it fits jose's JWK index signature. */
export type PublicIngestJwk = {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
};

export interface IngestKey {
  kid: string;
  publicJwk: PublicIngestJwk;
  privateKey: CryptoKey;
}

const KeyFile = z.object({
  kid: z.string(),
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  d: z.string(),
});

function keyFileUrl(kid: string): URL {
  return new URL(`./keys/${kid}.private.jwk.json`, import.meta.url);
}

/** The public part of a committed key, read from its file. */
export function readCommittedPublicJwk(kid: string): PublicIngestJwk {
  const file = KeyFile.parse(JSON.parse(readFileSync(keyFileUrl(kid), 'utf8')));
  return { kty: file.kty, crv: file.crv, x: file.x, y: file.y };
}

/** Thumbprints computed from the committed files (to check TEST_INGEST_KEY_THUMBPRINTS). */
export async function computeTestIngestKeyThumbprints(): Promise<string[]> {
  return Promise.all(TEST_INGEST_KIDS.map((kid) => calculateJwkThumbprint(readCommittedPublicJwk(kid), 'sha256')));
}

async function loadCommittedKey(kid: string): Promise<IngestKey> {
  const file = KeyFile.parse(JSON.parse(readFileSync(keyFileUrl(kid), 'utf8')));
  const privateKey = await importJWK({ kty: file.kty, crv: file.crv, x: file.x, y: file.y, d: file.d }, 'ECDH-ES');
  if (!(privateKey instanceof CryptoKey)) {
    throw new Error(`ingest key ${kid} did not import as a CryptoKey`);
  }
  return { kid, publicJwk: readCommittedPublicJwk(kid), privateKey };
}

let committed: Promise<IngestKey[]> | undefined;

/** Both committed keys, imported once per process. */
export function loadCommittedIngestKeys(): Promise<IngestKey[]> {
  committed ??= Promise.all(TEST_INGEST_KIDS.map(loadCommittedKey));
  return committed;
}

/** A fresh key that no build pins (scenario `ingest_key: "untrusted"`). */
export async function generateUntrustedKey(kid: string): Promise<IngestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' });
  const jwk = await exportJWK(publicKey);
  if (!jwk.x || !jwk.y) {
    throw new Error('generated key has no public coordinates');
  }
  return { kid, privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
}

/**
 * The ingest service's keys: one current key (served by /v1/ingest-key), the
 * retired ones (JWEs for them answer 409 key_rotated). Key 1 is current after
 * a reset; key 2 is not yet published.
 */
export class IngestKeyring {
  #current: IngestKey;
  readonly #retired = new Map<string, IngestKey>();
  readonly #committedKeys: readonly IngestKey[];

  constructor(committedKeys: readonly IngestKey[]) {
    this.#committedKeys = committedKeys;
    this.#current = this.#committed(0);
  }

  get current(): IngestKey {
    return this.#current;
  }

  reset(): void {
    this.#retired.clear();
    this.#current = this.#committed(0);
  }

  /** 'current', 'retired' or undefined for a kid the ingest service does not know. */
  statusOf(kid: string): { status: 'current' | 'retired'; key: IngestKey } | undefined {
    if (kid === this.#current.kid) {
      return { status: 'current', key: this.#current };
    }
    const retired = this.#retired.get(kid);
    return retired ? { status: 'retired', key: retired } : undefined;
  }

  /** Switches to committed key 2 (no-op when it is already current). */
  rotate(): void {
    const next = this.#committed(1);
    if (this.#current.kid !== next.kid) {
      this.#replaceCurrent(next);
    }
  }

  /** Serves a freshly generated key that no build pins. */
  async rotateToUntrusted(kid: string): Promise<void> {
    this.#replaceCurrent(await generateUntrustedKey(kid));
  }

  #replaceCurrent(next: IngestKey): void {
    this.#retired.set(this.#current.kid, this.#current);
    this.#retired.delete(next.kid);
    this.#current = next;
  }

  #committed(index: number): IngestKey {
    const key = this.#committedKeys[index];
    if (!key) {
      throw new Error(`committed ingest key ${index + 1} is missing`);
    }
    return key;
  }
}

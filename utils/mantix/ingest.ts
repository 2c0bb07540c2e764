/**
 * The ingest service's public key, used only when this build pins it
 * (contract §3, `GET /v1/ingest-key`; RFC 7638 thumbprints in
 * `WXT_MANTIX_INGEST_PINS`).
 */
import { calculateJwkThumbprint } from 'jose';
import type { MantixRequest } from './client';
import { MantixError } from './errors';
import { IngestKeyAnswer } from './schemas';

export interface PinnedIngestKey {
  kid: string;
  /** The public key only: `{kty: 'EC', crv: 'P-256', x, y}`. */
  jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** Its RFC 7638 SHA-256 thumbprint (base64url), one of the pins. */
  thumbprint: string;
}

export interface IngestKeyDeps {
  fetch: (request: MantixRequest<typeof IngestKeyAnswer>) => Promise<IngestKeyAnswer>;
  pins: readonly string[];
  signal?: AbortSignal;
}

/**
 * Fetches `GET /v1/ingest-key` and returns the key only when its thumbprint
 * is pinned by this build; otherwise throws a MantixError
 * `untrusted_ingest_key` (and the caller must send nothing). Network and
 * server errors are the MantixErrors of `mantixFetch`.
 */
export async function fetchPinnedIngestKeyWith(deps: IngestKeyDeps): Promise<PinnedIngestKey> {
  const answer = await deps.fetch({
    method: 'GET',
    path: '/v1/ingest-key',
    schema: IngestKeyAnswer,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const thumbprint = await calculateJwkThumbprint(answer.jwk, 'sha256');
  if (!deps.pins.includes(thumbprint)) {
    throw new MantixError('untrusted_ingest_key', {
      detail: `key ${answer.kid} has the thumbprint ${thumbprint}; this build trusts ${deps.pins.join(', ') || 'no key'}`,
    });
  }
  return { kid: answer.kid, jwk: answer.jwk, thumbprint };
}

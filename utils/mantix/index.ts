/**
 * The Mantix API client of the background (never imported by pages or the
 * content script: tokens and the device key stay in the background).
 *
 * - `mantixFetch(request)`: one authorized `/v1` call (DPoP, nonce, refresh,
 *   clock skew, zod); see `MantixClient.fetch` for its full contract.
 * - `fetchPinnedIngestKey()`: the ingest key, only when this build pins it.
 * - `MantixError`: every failure, with a sentence for the user.
 */
import type { z } from 'zod';
import { config } from '../config';
import { mantixTokensItem } from '../storage';
import { MantixClient, type MantixRequest } from './client';
import { indexedDbKeyStore } from './device-key';
import { fetchPinnedIngestKeyWith, type PinnedIngestKey } from './ingest';

export type { MantixClientOptions, MantixRequest, PollResult, StartedDeviceAuthorization } from './client';
export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, MantixClient } from './client';
export type { DeviceKeyStore } from './device-key';
export { generateDeviceKey, indexedDbKeyStore, memoryKeyStore } from './device-key';
export type { MantixErrorCode } from './errors';
export { MantixError, toMantixError } from './errors';
export type { IngestKeyDeps, PinnedIngestKey } from './ingest';
export { fetchPinnedIngestKeyWith } from './ingest';
export * from './schemas';

let defaultClient: MantixClient | undefined;

/** The background's one client, made from this build's configuration. */
export function mantixClient(): MantixClient {
  defaultClient ??= new MantixClient({
    apiUrl: config.apiUrl,
    clientId: config.clientId,
    allowInsecureLoopback: config.allowInsecureLoopback,
    keyStore: indexedDbKeyStore(),
    tokens: mantixTokensItem,
  });
  return defaultClient;
}

/**
 * One authorized call to the Mantix API with the linked account's tokens.
 * Resolves with the 2xx body parsed by `request.schema`; rejects with a
 * MantixError (`code`, a user sentence in `message`, `detail`, `retryable`,
 * `status`, and `serverError` for a 4xx `{error, message}` body such as
 * `key_rotated`). Background only.
 */
export function mantixFetch<S extends z.ZodType>(request: MantixRequest<S>): Promise<z.output<S>> {
  return mantixClient().fetch(request);
}

/** `GET /v1/ingest-key`, accepted only when pinned by this build (else MantixError `untrusted_ingest_key`). */
export function fetchPinnedIngestKey(options: { signal?: AbortSignal } = {}): Promise<PinnedIngestKey> {
  return fetchPinnedIngestKeyWith({ fetch: mantixFetch, pins: config.ingestPins, ...options });
}

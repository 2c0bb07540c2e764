/**
 * The Mantix API client of the background (never imported by pages or the
 * content script: tokens and the device key stay in the background).
 *
 * - `createMantixClient()`: the client of this build; its `fetch(request)` is
 *   one authorized `/v1` call (DPoP, nonce, refresh, clock skew, zod).
 * - `fetchPinnedIngestKeyWith()`: the ingest key, only when a pin matches.
 * - `MantixError`: every failure, with a sentence for the user.
 */
import { config } from '../config';
import { MantixClient } from './client';
import { indexedDbKeyStore } from './device-key';
import { mantixTokensItem } from './items';

export type { MantixClientOptions, MantixRequest, PollResult, StartedDeviceAuthorization } from './client';
export { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, MantixClient } from './client';
export type { DeviceKeyStore } from './device-key';
export { generateDeviceKey, indexedDbKeyStore, memoryKeyStore } from './device-key';
export type { MantixErrorCode } from './errors';
export { MantixError, toMantixError } from './errors';
export type { IngestKeyDeps, PinnedIngestKey } from './ingest';
export { fetchPinnedIngestKeyWith } from './ingest';
export * from './schemas';

/**
 * A client made from this build's configuration. The background makes one
 * (utils/background/index.ts) and hands it to the services that call Mantix.
 */
export function createMantixClient(): MantixClient {
  return new MantixClient({
    apiUrl: config.apiUrl,
    clientId: config.clientId,
    allowInsecureLoopback: config.allowInsecureLoopback,
    keyStore: indexedDbKeyStore(),
    tokens: mantixTokensItem,
  });
}

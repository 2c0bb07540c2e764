/**
 * Send does only the JWE and the POST: the pinned ingest key is fetched and
 * checked beforehand — when a key set is captured or the popup opens with one
 * waiting — and kept for its lifetime here (memory only; a public key, no
 * secret). The same authorized GET leaves the server's fresh DPoP nonce in
 * the client (utils/mantix), so the POST needs no `use_dpop_nonce` round trip.
 *
 * A `409 key_rotated` on the POST drops the cached key, so the engine's retry
 * fetches (and checks) the new one. A failed warm-up is silent: Send fetches
 * again and reports what went wrong.
 */
import { HandoffApiError } from './errors';
import type { IngestKey } from './jwe';
import type { HandoffApi } from './ports';

/** How long a fetched ingest key is used without asking again. */
export const INGEST_KEY_LIFETIME_MS = 10 * 60_000;
/** Warm-ups closer together than this reuse the last fetch (popup opened twice, capture + popup). */
export const PREWARM_MIN_INTERVAL_MS = 5_000;

export interface PrewarmDeps {
  /** Whether an account is linked (no call to Mantix without one). */
  linked: () => Promise<boolean>;
  now?: () => number;
}

export interface PrewarmedApi extends HandoffApi {
  /** Fetches and checks the ingest key (and so a fresh DPoP nonce) ahead of Send. Never throws. */
  prewarm(): Promise<void>;
}

export function prewarmedApi(api: HandoffApi, deps: PrewarmDeps): PrewarmedApi {
  const now = deps.now ?? Date.now;
  let cached: { key: IngestKey; at: number } | undefined;
  let inflight: Promise<IngestKey> | undefined;

  const fetchKey = () => {
    inflight ??= api
      .pinnedIngestKey()
      .then((key) => {
        cached = { key, at: now() };
        return key;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  return {
    pinnedIngestKey() {
      if (cached && now() - cached.at < INGEST_KEY_LIFETIME_MS) return Promise.resolve(cached.key);
      return fetchKey();
    },
    async createConnection(body, idempotencyKey) {
      try {
        return await api.createConnection(body, idempotencyKey);
      } catch (error) {
        if (error instanceof HandoffApiError && error.failure.serverError === 'key_rotated') cached = undefined;
        throw error;
      }
    },
    connection: (id) => api.connection(id),
    async prewarm() {
      try {
        if (cached && now() - cached.at < PREWARM_MIN_INTERVAL_MS) return;
        if (!(await deps.linked())) return;
        await fetchKey();
      } catch {
        // Send will fetch again and say what is wrong.
      }
    },
  };
}

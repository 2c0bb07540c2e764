/**
 * utils/handoff/prewarm.ts: the ingest key is fetched before Send and reused
 * for its lifetime; `409 key_rotated` drops it; nothing is fetched unlinked.
 */
import { describe, expect, it, vi } from 'vitest';
import { type HandoffApi, HandoffApiError } from '@/utils/handoff/engine';
import { INGEST_KEY_LIFETIME_MS, PREWARM_MIN_INTERVAL_MS, prewarmedApi } from '@/utils/handoff/prewarm';

const KEY_1 = { kid: 'k1', jwk: { kty: 'EC', crv: 'P-256', x: 'x1', y: 'y1' } } as const;
const KEY_2 = { kid: 'k2', jwk: { kty: 'EC', crv: 'P-256', x: 'x2', y: 'y2' } } as const;

function setup(linked = true) {
  let clock = 1_000_000;
  const keys = [KEY_1, KEY_2];
  const inner = {
    pinnedIngestKey: vi.fn(async () => keys.shift() ?? KEY_2),
    createConnection: vi.fn(async () => ({ connection_id: 'c1', status: 'verifying' as const })),
    connection: vi.fn(),
  };
  const api = prewarmedApi(inner as unknown as HandoffApi, { linked: async () => linked, now: () => clock });
  return { api, inner, tick: (ms: number) => (clock += ms) };
}

const body = { exchange: 'bitget', label: 'Mantix', credentials: 'jwe', observed: null } as never;

describe('prewarmedApi', () => {
  it('a warm-up fetches the key; Send then uses it without asking Mantix again', async () => {
    const { api, inner } = setup();
    await api.prewarm();
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(1);
    await expect(api.pinnedIngestKey()).resolves.toEqual(KEY_1);
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(1);
  });

  it('asks again once the key outlived its lifetime; warm-ups close together share one fetch', async () => {
    const { api, inner, tick } = setup();
    await Promise.all([api.prewarm(), api.prewarm()]);
    tick(PREWARM_MIN_INTERVAL_MS - 1);
    await api.prewarm();
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(1);
    tick(INGEST_KEY_LIFETIME_MS);
    await expect(api.pinnedIngestKey()).resolves.toEqual(KEY_2);
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(2);
  });

  it('409 key_rotated drops the cached key: the retry fetches (and so checks) the new one', async () => {
    const { api, inner } = setup();
    await api.prewarm();
    inner.createConnection.mockRejectedValueOnce(
      new HandoffApiError({
        code: 'key_rotated',
        info: { code: 'key_rotated', message: 'rotated' },
        retryable: false,
        status: 409,
        serverError: 'key_rotated',
      }),
    );
    await expect(api.createConnection(body, 'idem')).rejects.toBeInstanceOf(HandoffApiError);
    await expect(api.pinnedIngestKey()).resolves.toEqual(KEY_2);
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(2);
  });

  it('another failure keeps the key; a failed or unlinked warm-up is silent and fetches nothing cached', async () => {
    const { api, inner } = setup();
    inner.pinnedIngestKey.mockRejectedValueOnce(new Error('offline'));
    await expect(api.prewarm()).resolves.toBeUndefined();
    await expect(api.pinnedIngestKey()).resolves.toEqual(KEY_1);
    inner.createConnection.mockRejectedValueOnce(
      new HandoffApiError({ code: 'server_error', info: { code: 'server_error', message: 'x' }, retryable: true }),
    );
    await expect(api.createConnection(body, 'idem')).rejects.toBeInstanceOf(HandoffApiError);
    await api.pinnedIngestKey();
    expect(inner.pinnedIngestKey).toHaveBeenCalledTimes(2);

    const unlinked = setup(false);
    await unlinked.api.prewarm();
    expect(unlinked.inner.pinnedIngestKey).not.toHaveBeenCalled();
  });
});

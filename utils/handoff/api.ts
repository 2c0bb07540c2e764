/**
 * The handoff's three Mantix calls on top of the link's client
 * (utils/mantix): DPoP, nonce, refresh, timeouts and zod are done there;
 * here each MantixError becomes the HandoffApiError the engine reads.
 * Background only.
 */
import { fetchPinnedIngestKey, mantixFetch, toMantixError } from '../mantix';
import { type HandoffApi, HandoffApiError } from './engine';
import { ConnectionAccepted, type ConnectionRequest, ConnectionStatus } from './schema';

async function calling<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const mantix = toMantixError(error);
    throw new HandoffApiError({
      code: mantix.code,
      info: mantix.toErrorInfo(),
      retryable: mantix.retryable,
      ...(mantix.status !== undefined ? { status: mantix.status } : {}),
      ...(mantix.serverError !== undefined ? { serverError: mantix.serverError } : {}),
    });
  }
}

export const mantixHandoffApi: HandoffApi = {
  pinnedIngestKey: () =>
    calling(async () => {
      const { kid, jwk } = await fetchPinnedIngestKey();
      return { kid, jwk };
    }),
  createConnection: (body: ConnectionRequest, idempotencyKey: string) =>
    calling(() =>
      mantixFetch({
        method: 'POST',
        path: '/v1/exchange-connections',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
        schema: ConnectionAccepted,
      }),
    ),
  connection: (id: string) =>
    calling(() =>
      mantixFetch({
        method: 'GET',
        path: `/v1/exchange-connections/${encodeURIComponent(id)}`,
        schema: ConnectionStatus,
      }),
    ),
};

/**
 * The handoff's three Mantix calls on top of the link's client
 * (utils/mantix): DPoP, nonce, refresh, timeouts and zod are done there;
 * here each MantixError becomes the HandoffApiError the engine reads.
 * Background only.
 */
import type * as z from 'zod/mini';
import { fetchPinnedIngestKeyWith, type MantixClient, type MantixRequest, toMantixError } from '../mantix';
import { HandoffApiError } from './errors';
import type { HandoffApi } from './ports';
import { ConnectionAccepted, ConnectionRequest, ConnectionStatus } from './schema';

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

/** The handoff's calls through `client`, accepting only an ingest key whose thumbprint is in `pins`. */
export function mantixHandoffApi(client: MantixClient, pins: readonly string[]): HandoffApi {
  const fetch = <S extends z.ZodMiniType>(request: MantixRequest<S>) => client.fetch(request);
  return {
    pinnedIngestKey: () =>
      calling(async () => {
        const { kid, jwk } = await fetchPinnedIngestKeyWith({ fetch, pins });
        return { kid, jwk };
      }),
    createConnection: (body: ConnectionRequest, idempotencyKey: string) =>
      calling(() =>
        fetch({
          method: 'POST',
          path: '/v1/exchange-connections',
          // Our own body is parsed too: a malformed `observed` never leaves the browser.
          body: ConnectionRequest.parse(body),
          headers: { 'Idempotency-Key': idempotencyKey },
          schema: ConnectionAccepted,
        }),
      ),
    connection: (id: string) =>
      calling(() =>
        fetch({
          method: 'GET',
          path: `/v1/exchange-connections/${encodeURIComponent(id)}`,
          schema: ConnectionStatus,
        }),
      ),
  };
}

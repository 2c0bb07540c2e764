/**
 * What the client's parts share: the OAuth client, the server's metadata
 * (discovered once, checked), the transport and the device key's proofs.
 */
import * as oauth from 'oauth4webapi';
import type { DpopProofs } from './dpop-retry';
import { MantixError } from './errors';
import type { HttpOptions } from './http';
import { AuthorizationServerMetadata } from './schemas';

export interface OAuthContext {
  readonly client: oauth.Client;
  readonly proofs: DpopProofs;
  /** Plain http to loopback: development and test builds only. */
  readonly allowInsecureLoopback: boolean;
  /** The server's metadata (cached after the first success). */
  as(signal?: AbortSignal): Promise<oauth.AuthorizationServer>;
  http(signal?: AbortSignal): HttpOptions;
  /** The stored device key, or undefined. */
  loadKey(): Promise<CryptoKeyPair | undefined>;
}

/** RFC 8414 discovery; every endpoint must be on the issuer's origin. */
export async function discover(issuer: URL, http: HttpOptions): Promise<oauth.AuthorizationServer> {
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...http });
  const as = await oauth.processDiscoveryResponse(issuer, response);
  const parsed = AuthorizationServerMetadata.safeParse(as);
  if (!parsed.success) {
    throw new MantixError('unexpected_answer', { detail: `metadata: ${parsed.error.message}` });
  }
  for (const endpoint of [as.device_authorization_endpoint, as.token_endpoint, as.revocation_endpoint]) {
    if (endpoint && new URL(endpoint).origin !== issuer.origin) {
      throw new MantixError('unexpected_answer', {
        detail: `metadata: ${endpoint} is not on ${issuer.origin}`,
      });
    }
  }
  return as;
}

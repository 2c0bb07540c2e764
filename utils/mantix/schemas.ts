/**
 * Shapes of the Mantix answers the extension relies on (contract v1). OAuth
 * answers are validated by oauth4webapi first, then narrowed here to what
 * the extension needs; `/v1` bodies are validated here only.
 */
import * as z from 'zod/mini';

export const SCOPE = 'connections:write ips:read account:read';
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** RFC 8414 metadata: the endpoints and features this client needs. */
export const AuthorizationServerMetadata = z.object({
  issuer: z.string(),
  device_authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  revocation_endpoint: z.url(),
  grant_types_supported: z.array(z.string()).check(
    z.refine((grants) => grants.includes(DEVICE_CODE_GRANT) && grants.includes('refresh_token'), {
      error: `must include ${DEVICE_CODE_GRANT} and refresh_token`,
    }),
  ),
  dpop_signing_alg_values_supported: z
    .array(z.string())
    .check(z.refine((algs) => algs.includes('ES256'), { error: 'must include ES256' })),
});

/** RFC 8628 §3.2, with the contract's user code (8 letters, shown as ABCD-EFGH; kept lenient). */
export const DeviceAuthorization = z.object({
  device_code: z.string().check(z.minLength(1), z.maxLength(2048)),
  user_code: z.string().check(z.minLength(4), z.maxLength(32)),
  verification_uri: z.url(),
  verification_uri_complete: z.url(),
  expires_in: z.number().check(z.positive()),
  interval: z.optional(z.int().check(z.positive())),
});

/**
 * The token answer: DPoP-bound, with a refresh token. `token_type` is compared
 * case-insensitively (RFC 6749 §5.1; contract v1.1): "DPoP", "dpop" (as
 * oauth4webapi hands it over) and "DPOP" are one type; anything else is refused.
 */
export const TokenAnswer = z.object({
  access_token: z.string().check(z.minLength(1)),
  token_type: z.pipe(
    z.pipe(
      z.string(),
      z.transform((type: string) => type.toLowerCase()),
    ),
    z.literal('dpop', { error: 'token_type must be DPoP' }),
  ),
  expires_in: z.number().check(z.positive()),
  refresh_token: z.string().check(z.minLength(1)),
  scope: z.optional(z.string()),
});

/** `GET /v1/account`. */
export const Account = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  display_name: z.string().check(z.maxLength(200)),
  email: z.string().check(z.maxLength(320)),
});
export type Account = z.infer<typeof Account>;

/** `GET /v1/exchanges/{exchange}/server-ips` (the IP rule itself is in utils/ip.ts). */
export const ServerIpsAnswer = z.object({
  /** Entries stay unknown here: utils/ip.ts refuses a bad entry with a sentence of its own. */
  ips: z.array(z.unknown()).check(z.maxLength(100)),
  updated_at: z.iso.datetime({ offset: true }),
});
export type ServerIpsAnswer = z.infer<typeof ServerIpsAnswer>;

const Base64urlCoordinate = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 coordinate'));

/**
 * `GET /v1/ingest-key`. Extra public members (e.g. `use`) are tolerated and
 * dropped; a private part (`d`) is refused.
 */
export const IngestKeyAnswer = z.object({
  kid: z.string().check(z.minLength(1), z.maxLength(200)),
  jwk: z.pipe(
    z
      .looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), x: Base64urlCoordinate, y: Base64urlCoordinate })
      .check(z.refine((jwk) => !('d' in jwk), { error: 'the ingest key must not contain a private part (d)' })),
    z.transform(({ kty, crv, x, y }: { kty: 'EC'; crv: 'P-256'; x: string; y: string }) => ({ kty, crv, x, y })),
  ),
});
export type IngestKeyAnswer = z.infer<typeof IngestKeyAnswer>;

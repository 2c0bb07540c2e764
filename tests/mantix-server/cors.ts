/** CORS for extension origins only (contract §1). */
import type { Ctx, Reply } from './http.ts';
import { header } from './http.ts';

const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension):\/\/[A-Za-z0-9-]+$/;

export const ALLOWED_HEADERS = 'Authorization, DPoP, Idempotency-Key, Content-Type';
/** `Date` is exposed too: the extension corrects its clock skew with it. */
export const EXPOSED_HEADERS = 'DPoP-Nonce, WWW-Authenticate, Date';

export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && EXTENSION_ORIGIN.test(origin);
}

/** Headers for an actual (non-preflight) answer. */
export function corsHeaders(ctx: Ctx): Record<string, string> {
  const origin = header(ctx, 'origin');
  if (!isExtensionOrigin(origin)) {
    return { Vary: 'Origin' };
  }
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
    Vary: 'Origin',
  };
}

/** Answer to an OPTIONS preflight; other origins get no CORS headers at all. */
export function preflight(ctx: Ctx): Reply {
  const origin = header(ctx, 'origin');
  if (!isExtensionOrigin(origin)) {
    return { status: 204, headers: { Vary: 'Origin' } };
  }
  return {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    },
  };
}

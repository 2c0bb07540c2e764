/** The Mantix client's stored item: the link's tokens. */
import * as z from 'zod/mini';
import { mirrored } from '../mirror';
import { defineProtectedItem } from '../storage';

/**
 * The link's tokens. Both are DPoP-bound (RFC 9449) to the device key, a
 * non-extractable WebCrypto key in IndexedDB, so these strings alone are
 * useless. Read and written by the background only; never sent to a page.
 * In IndexedDB next to the device key: out of content scripts' reach.
 */
export const MantixTokens = z.object({
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.string().check(z.minLength(1)),
  /** When the access token expires, in ms (this computer's clock). */
  expiresAt: z.number(),
  scope: z.string(),
});
export type MantixTokens = z.infer<typeof MantixTokens>;

export const mantixTokensItem = mirrored(
  defineProtectedItem('mantixTokens', z.nullable(MantixTokens), { fallback: null }),
);

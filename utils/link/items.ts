/**
 * The link's stored items: the linked account (IndexedDB, out of content
 * scripts' reach), the linking attempt the options page follows, and the
 * device authorization the background polls (both memory only). Written by
 * the background only (utils/background/link.ts).
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { MantixTokens, mantixTokensItem } from '../mantix/items';
import { mirrored } from '../mirror';
import { ErrorInfo } from '../protocol';
import { defineProtectedItem, defineTypedItem, type TypedItem } from '../storage';

/**
 * The account this extension is linked to (non-secret; shown in the popup and
 * options). In IndexedDB, so that a content script can neither read it nor
 * change the name shown on the Send button.
 */
export const LinkState = z.object({
  accountId: z.string().check(z.minLength(1)),
  displayName: z.string(),
  email: z.string(),
  linkedAt: z.string(),
});
export type LinkState = z.infer<typeof LinkState>;

export const linkItem = mirrored(defineProtectedItem('link', z.nullable(LinkState), { fallback: null }));

/**
 * What the options page shows of a linking attempt. Non-secret (no device
 * code); written by the background only, followed by the options page.
 */
export const LinkFlow = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({
    state: z.literal('pending'),
    userCode: z.string().check(z.minLength(1), z.maxLength(64)),
    verificationUriComplete: z.url(),
    /** Milliseconds since the epoch (this computer's clock). */
    expiresAt: z.number(),
  }),
  z.object({ state: z.literal('denied') }),
  z.object({ state: z.literal('expired') }),
  z.object({ state: z.literal('error'), error: ErrorInfo }),
]);
export type LinkFlow = z.infer<typeof LinkFlow>;

export const linkFlowItem = defineTypedItem('session:linkFlow', LinkFlow, { fallback: { state: 'idle' }, version: 1 });

/**
 * The device authorization the background is polling (RFC 8628). Memory only:
 * a stopped service worker resumes from it, a closed browser forgets it.
 */
export const PendingLink = z.object({
  deviceCode: z.string().check(z.minLength(1)),
  userCode: z.string().check(z.minLength(1), z.maxLength(64)),
  verificationUri: z.url(),
  verificationUriComplete: z.url(),
  expiresAt: z.number(),
  /** Seconds between polls; grows by 5 on every `slow_down`. */
  interval: z.int().check(z.gte(1)),
  /** Not before this time (ms) may the next poll go out. */
  nextPollAt: z.number(),
});
export type PendingLink = z.infer<typeof PendingLink>;

export const pendingLinkItem = defineTypedItem('session:pendingLink', z.nullable(PendingLink), {
  fallback: null,
  version: 1,
});

/**
 * Background start: moves a link and tokens kept in `storage.local` by an
 * earlier version into IndexedDB (a newer value there wins), and removes them
 * from `storage.local`.
 */
export async function moveLinkOutOfLocalStorage(): Promise<void> {
  for (const [name, item] of [
    ['link', linkItem],
    ['mantixTokens', mantixTokensItem],
  ] as const) {
    const legacy = storage.defineItem<unknown>(`local:${name}`);
    const value = await legacy.getValue();
    if (value === null || value === undefined) continue;
    const parsed = (item.key === linkItem.key ? LinkState : MantixTokens).safeParse(value);
    if (parsed.success && (await item.getValue()) === null) await (item as TypedItem<unknown>).setValue(parsed.data);
    await legacy.removeValue({ removeMeta: true });
  }
}

/**
 * Every stored item of the extension, in one place.
 *
 * - `local:` holds non-secret settings and state that must survive a browser
 *   restart (the account link). Never a secret of the exchange.
 * - `session:` holds flow state: memory only (chrome.storage.session), wiped
 *   when the browser closes, readable by trusted extension contexts only.
 *
 * Every read is parsed with zod; an item that does not parse (corrupted or
 * written by an unknown version) is reset to its fallback and reported once.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { CaptureRecord, HandoffRecord, IDLE } from './handoff/schema';
import { ErrorInfo } from './protocol';

type StorageKey = `local:${string}` | `session:${string}`;

export interface TypedItem<T> {
  readonly key: StorageKey;
  /** The parsed value, or the fallback (after resetting) when the stored one is invalid. */
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with the parsed value on every change; returns the unwatch function. */
  watch(callback: (value: T) => void): () => void;
}

export interface ItemOptions<T> {
  fallback: T;
  version?: number;
  migrations?: Record<number, (old: unknown) => unknown>;
  /** Told when a stored value was invalid and has been reset. */
  onReset?: (key: StorageKey, issue: string) => void;
}

const resetListeners = new Set<(key: StorageKey, issue: string) => void>();

/** Lets a context (e.g. the background) hear about items reset for being corrupt. */
export function onStorageReset(listener: (key: StorageKey, issue: string) => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

export function defineTypedItem<S extends z.ZodType>(
  key: StorageKey,
  schema: S,
  options: ItemOptions<z.output<S>>,
): TypedItem<z.output<S>> {
  type T = z.output<S>;
  const item = storage.defineItem<unknown>(key, {
    version: options.version ?? 1,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  const parse = (raw: unknown): { ok: true; value: T } | { ok: false; issue: string } => {
    if (raw === null || raw === undefined) return { ok: true, value: options.fallback };
    const result = schema.safeParse(raw);
    return result.success ? { ok: true, value: result.data } : { ok: false, issue: z.prettifyError(result.error) };
  };
  const reset = async (issue: string) => {
    await item.removeValue();
    if (key !== STORAGE_RESETS_KEY) await noteReset(key, issue);
    options.onReset?.(key, issue);
    for (const listener of resetListeners) listener(key, issue);
  };
  return {
    key,
    async getValue() {
      const parsed = parse(await item.getValue());
      if (parsed.ok) return parsed.value;
      await reset(parsed.issue);
      return options.fallback;
    },
    async setValue(value) {
      await item.setValue(schema.parse(value));
    },
    async removeValue() {
      await item.removeValue();
    },
    watch(callback) {
      return item.watch((raw) => {
        const parsed = parse(raw);
        callback(parsed.ok ? parsed.value : options.fallback);
      });
    },
  };
}

/* ------------------------------------------------- resets the user sees -- */

const STORAGE_RESETS_KEY = 'session:storageResets';

export const StorageResets = z
  .array(z.object({ key: z.string().max(100), at: z.number(), issue: z.string().max(500) }))
  .max(20);

/** Items reset for being unreadable, until the user dismisses the notice (memory only). */
export const storageResetsItem = defineTypedItem(STORAGE_RESETS_KEY, StorageResets, { fallback: [] });

async function noteReset(key: StorageKey, issue: string): Promise<void> {
  try {
    const seen = await storageResetsItem.getValue();
    await storageResetsItem.setValue([...seen, { key, at: Date.now(), issue: issue.slice(0, 500) }].slice(-20));
  } catch {
    // Contexts without session storage (content scripts) cannot leave the notice.
  }
}

/* ----------------------------------------------------------------- items -- */

export const SettingsSchema = z.object({
  /** Minutes a captured key set is kept in memory before it is wiped. */
  captureTtlMinutes: z.number().int().min(1).max(60),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsItem = defineTypedItem('local:settings', SettingsSchema, {
  fallback: { captureTtlMinutes: 15 },
  version: 1,
});

/** The account this extension is linked to (non-secret; shown in the popup and options). */
export const LinkState = z.object({
  accountId: z.string().min(1),
  displayName: z.string(),
  email: z.string(),
  linkedAt: z.string(),
});
export type LinkState = z.infer<typeof LinkState>;

export const linkItem = defineTypedItem('local:link', LinkState.nullable(), { fallback: null, version: 1 });

/**
 * What the options page shows of a linking attempt. Non-secret (no device
 * code); written by the background only, followed by the options page.
 */
export const LinkFlow = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({
    state: z.literal('pending'),
    userCode: z.string().min(1).max(64),
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
  deviceCode: z.string().min(1),
  userCode: z.string().min(1).max(64),
  verificationUri: z.url(),
  verificationUriComplete: z.url(),
  expiresAt: z.number(),
  /** Seconds between polls; grows by 5 on every `slow_down`. */
  interval: z.number().int().min(1),
  /** Not before this time (ms) may the next poll go out. */
  nextPollAt: z.number(),
});
export type PendingLink = z.infer<typeof PendingLink>;

export const pendingLinkItem = defineTypedItem('session:pendingLink', PendingLink.nullable(), {
  fallback: null,
  version: 1,
});

/**
 * The link's tokens. Both are DPoP-bound (RFC 9449) to the device key, a
 * non-extractable WebCrypto key in IndexedDB, so these strings alone are
 * useless. Read and written by the background only; never sent to a page.
 */
export const MantixTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** When the access token expires, in ms (this computer's clock). */
  expiresAt: z.number(),
  scope: z.string(),
});
export type MantixTokens = z.infer<typeof MantixTokens>;

export const mantixTokensItem = defineTypedItem('local:mantixTokens', MantixTokens.nullable(), {
  fallback: null,
  version: 1,
});

/*
 * The handoff of a captured key set (utils/handoff/README.md). Memory only:
 * `storage.session` restricted to trusted contexts (set explicitly by the
 * background), never `local:`. Written by the background only.
 */

/** The captured key set that waits to be sent, WITH its Secret Key and Passphrase. Never leaves the background. */
export const captureItem = defineTypedItem('session:capture', CaptureRecord.nullable(), { fallback: null, version: 1 });

/** A different key captured while `captureItem` waits, until the user chooses (also secret). */
export const pendingCaptureItem = defineTypedItem('session:capturePending', CaptureRecord.nullable(), {
  fallback: null,
  version: 1,
});

/** The handoff's state machine (no secret): resumed when the service worker starts again. */
export const handoffItem = defineTypedItem('session:handoff', HandoffRecord, { fallback: IDLE, version: 1 });

/**
 * Whether keys wait in memory (a flag, no secret; on disk so that it outlives
 * a browser restart, which wipes the keys themselves by design).
 */
export const captureWaitingItem = defineTypedItem('local:captureWaiting', z.boolean(), { fallback: false, version: 1 });

/** Set at start when keys were waiting before the browser closed: the popup says they are gone. */
export const captureLostItem = defineTypedItem('session:captureLost', z.boolean(), { fallback: false, version: 1 });

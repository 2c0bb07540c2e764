/**
 * Typed storage items: the mechanism (zod on read, reset on corruption,
 * IndexedDB for what content scripts must not reach), the notice of resets,
 * and the settings. The other items live next to their owners:
 * utils/link/items.ts, utils/mantix/items.ts, utils/handoff/items.ts.
 *
 * - `local:` holds non-secret settings and state that must survive a browser
 *   restart (the account link). Never a secret of the exchange.
 * - `idb:` (the extension's IndexedDB) holds the account link and its tokens,
 *   out of content scripts' reach (see `defineProtectedItem`).
 * - `session:` holds flow state: memory only (chrome.storage.session), wiped
 *   when the browser closes, readable by trusted extension contexts only.
 *
 * Every read is parsed with zod; an item that does not parse (corrupted or
 * written by an unknown version) is reset to its fallback and reported once.
 */
import { storage } from 'wxt/utils/storage';
import * as z from 'zod/mini';
import { withStore } from './idb';
import { GuidePosition } from './protocol';

type StorageKey = `local:${string}` | `session:${string}` | `idb:${string}`;

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

/** Where an item's raw value lives: extension storage (WXT) or the extension's IndexedDB. */
interface RawStore {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
  remove(): Promise<void>;
  watch(callback: (raw: unknown) => void): () => void;
}

export function defineTypedItem<S extends z.ZodMiniType>(
  key: `local:${string}` | `session:${string}`,
  schema: S,
  options: ItemOptions<z.output<S>>,
): TypedItem<z.output<S>> {
  const item = storage.defineItem<unknown>(key, {
    version: options.version ?? 1,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  });
  const raw: RawStore = {
    get: () => item.getValue(),
    set: (value) => item.setValue(value),
    remove: () => item.removeValue(),
    watch: (callback) => item.watch(callback),
  };
  return typedItem(key, schema, options, raw);
}

/*
 * Items out of content scripts' reach. `storage.local` is readable (and
 * writable) by content scripts unless the browser restricts it (the
 * background asks for TRUSTED_CONTEXTS where supported: Chrome yes, Firefox
 * not); a content script's `indexedDB` is the web page's, so the extension's
 * own IndexedDB is out of its reach in every browser. Changes reach watchers
 * in every extension context through a BroadcastChannel.
 */

export const PROTECTED_DB = { name: 'mantix-protected', store: 'items' } as const;
const PROTECTED_CHANNEL = 'mantix-protected-items';

/** A typed item in the extension's IndexedDB (`idb:<name>`), for the link and its tokens. */
export function defineProtectedItem<S extends z.ZodMiniType>(
  name: string,
  schema: S,
  options: Omit<ItemOptions<z.output<S>>, 'migrations' | 'version'>,
): TypedItem<z.output<S>> {
  const changed = () => {
    const channel = new BroadcastChannel(PROTECTED_CHANNEL);
    channel.postMessage(name);
    channel.close();
  };
  const raw: RawStore = {
    get: () => withStore(PROTECTED_DB, 'readonly', (store) => store.get(name)),
    async set(value) {
      await withStore(PROTECTED_DB, 'readwrite', (store) => store.put(value, name));
      changed();
    },
    async remove() {
      await withStore(PROTECTED_DB, 'readwrite', (store) => store.delete(name));
      changed();
    },
    watch(callback) {
      const channel = new BroadcastChannel(PROTECTED_CHANNEL);
      channel.onmessage = (event: MessageEvent) => {
        if (event.data === name) void raw.get().then(callback, () => undefined);
      };
      return () => channel.close();
    },
  };
  return typedItem(`idb:${name}`, schema, options, raw);
}

function typedItem<S extends z.ZodMiniType>(
  key: StorageKey,
  schema: S,
  options: ItemOptions<z.output<S>>,
  raw: RawStore,
): TypedItem<z.output<S>> {
  type T = z.output<S>;
  const parse = (value: unknown): { ok: true; value: T } | { ok: false; issue: string } => {
    if (value === null || value === undefined) return { ok: true, value: options.fallback };
    const result = schema.safeParse(value);
    return result.success ? { ok: true, value: result.data } : { ok: false, issue: z.prettifyError(result.error) };
  };
  const reset = async (issue: string) => {
    await raw.remove();
    if (key !== STORAGE_RESETS_KEY) await noteReset(key, issue);
    options.onReset?.(key, issue);
  };
  return {
    key,
    async getValue() {
      const parsed = parse(await raw.get());
      if (parsed.ok) return parsed.value;
      await reset(parsed.issue);
      return options.fallback;
    },
    async setValue(value) {
      await raw.set(schema.parse(value));
    },
    async removeValue() {
      await raw.remove();
    },
    watch(callback) {
      return raw.watch((value) => {
        const parsed = parse(value);
        callback(parsed.ok ? parsed.value : options.fallback);
      });
    },
  };
}

/* ------------------------------------------------- resets the user sees -- */

const STORAGE_RESETS_KEY = 'session:storageResets';

export const StorageResets = z
  .array(
    z.object({ key: z.string().check(z.maxLength(100)), at: z.number(), issue: z.string().check(z.maxLength(500)) }),
  )
  .check(z.maxLength(20));

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
  captureTtlMinutes: z.int().check(z.gte(1), z.lte(60)),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsItem = defineTypedItem('local:settings', SettingsSchema, {
  fallback: { captureTtlMinutes: 15 },
  version: 1,
});

/**
 * Where the user moved the in-page guide's panel (a UI preference, no
 * secret). Written and read by the background for the guide
 * (utils/background/guide-position.ts). `null`: the guide chooses.
 */
export const guidePositionItem = defineTypedItem('local:guidePosition', z.nullable(GuidePosition), {
  fallback: null,
  version: 1,
});

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

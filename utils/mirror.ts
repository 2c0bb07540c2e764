/**
 * A typed storage item kept in memory by the context that uses it, so that a
 * read after the first costs no storage round trip (each one is a few
 * milliseconds: an IPC for `storage.session`, a transaction for IndexedDB).
 * For items on the Send path that the background owns (the captured key set,
 * the handoff's state, the link and its tokens): memory, never disk.
 *
 * - A write updates memory at once, then storage (awaited as before); a
 *   failed write drops the memory, so the next read asks storage again.
 * - A change made elsewhere (another context, a test, the browser) reaches
 *   the item's `watch`: a value that is neither what memory holds nor one of
 *   this context's own recent writes (their echoes, which may arrive after a
 *   newer write) drops the memory.
 * - A read that overlapped a change is returned but not kept.
 * - Known gap: an outside write of a value equal to one of this context's own
 *   writes of the last second is taken for that write's echo. Only the
 *   background writes these items, so it stays theoretical.
 */
import type { TypedItem } from './storage';

/** An own write's echo is expected within this long; older ones are forgotten. */
const ECHO_MS = 1_000;

const everyMirror = new Set<() => void>();

/**
 * Every mirror forgets what it holds and stops following its item: for a
 * storage replaced wholesale without change events (the unit tests' fake
 * browser between tests).
 */
export function forgetMirrors(): void {
  for (const forget of everyMirror) forget();
}

export function mirrored<T>(item: TypedItem<T>): TypedItem<T> {
  let held: { value: T } | undefined;
  /** Bumped on every change seen here: a read that started before one is not kept. */
  let generation = 0;
  let echoes: { json: string; at: number }[] = [];
  let unwatch: (() => void) | undefined;
  /** The callers' watchers: told of a change after memory has observed it, through one subscription. */
  const listeners = new Set<(value: T) => void>();

  const forget = () => {
    held = undefined;
    generation++;
    echoes = [];
  };
  everyMirror.add(() => {
    forget();
    unwatch?.();
    unwatch = undefined;
    listeners.clear();
  });
  /** A change event: memory drops what it holds unless it is that value or an own write's echo. */
  const observe = (value: T) => {
    const json = JSON.stringify(value);
    if (held && JSON.stringify(held.value) === json) return;
    const now = Date.now();
    echoes = echoes.filter((echo) => now - echo.at < ECHO_MS);
    const own = echoes.findIndex((echo) => echo.json === json);
    if (own >= 0) echoes.splice(0, own + 1);
    else forget();
  };
  const follow = () => {
    if (unwatch) return;
    unwatch = item.watch((value) => {
      observe(value);
      for (const listener of [...listeners]) listener(value);
    });
  };
  const keep = async (value: T, write: () => Promise<void>) => {
    follow();
    generation++;
    held = { value: structuredClone(value) };
    echoes.push({ json: JSON.stringify(value), at: Date.now() });
    try {
      await write();
    } catch (error) {
      forget();
      throw error;
    }
  };

  return {
    key: item.key,
    async getValue() {
      follow();
      if (held) return structuredClone(held.value);
      const started = generation;
      const value = await item.getValue();
      if (generation === started) held = { value: structuredClone(value) };
      return value;
    },
    setValue(value) {
      return keep(value, () => item.setValue(value));
    },
    async removeValue() {
      // What a read returns after the removal: the item's fallback.
      forget();
      await item.removeValue();
    },
    // Memory hears of the change (once) before the caller does, so a caller that
    // reads again on a change (the popup's view) never reads what memory held before it.
    watch: (callback) => {
      follow();
      listeners.add(callback);
      return () => {
        listeners.delete(callback);
      };
    },
  };
}

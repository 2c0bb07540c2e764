/**
 * At most one call a second per tab: a page (even a hostile one looping the
 * overlay's "Fill Mantix IPs") gets the answer of the last call, shared while
 * it is in flight, instead of a new authenticated Mantix request. Extension
 * pages (no tab) are not limited.
 */
export const PER_TAB_INTERVAL_MS = 1_000;
const MAX_TABS = 100;

export function throttlePerTab<T>(
  call: () => Promise<T>,
  options: { intervalMs?: number; now?: () => number } = {},
): { run(tabId: number | undefined): Promise<T>; forget(tabId: number): void } {
  const interval = options.intervalMs ?? PER_TAB_INTERVAL_MS;
  const now = options.now ?? Date.now;
  const last = new Map<number, { at: number; result: Promise<T> }>();
  return {
    run(tabId) {
      if (tabId === undefined) return call();
      const at = now();
      const entry = last.get(tabId);
      if (entry && at - entry.at < interval) return entry.result;
      const result = call();
      result.catch(() => undefined);
      last.delete(tabId);
      last.set(tabId, { at, result });
      if (last.size > MAX_TABS) last.delete(last.keys().next().value as number);
      return result;
    },
    forget(tabId) {
      last.delete(tabId);
    },
  };
}

/**
 * Timing rules of the handoff, from the contract (../shared/mantix-api.md §3):
 * exponential back-off 1 s, 2 s, 4 s … capped at 30 s, at most 6 tries of one
 * POST; status polling every 2 s for at most 2 minutes.
 */

export const MAX_SEND_TRIES = 6;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
export const POLL_INTERVAL_MS = 2_000;
export const POLL_LIMIT_MS = 2 * 60_000;

/** The wait after the `failedTries`-th failed try (1-based): 1 s, 2 s, 4 s … ≤ 30 s. */
export function backoffDelayMs(failedTries: number): number {
  const exponent = Math.max(0, Math.floor(failedTries) - 1);
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 16));
}

/** After `failedTries` failed tries: when to try again, or `undefined` when the tries are used up. */
export function nextTryAt(failedTries: number, now: number): number | undefined {
  if (failedTries >= MAX_SEND_TRIES) return undefined;
  return now + backoffDelayMs(failedTries);
}

/** The whole schedule, for the README and the tests: the waits between the tries. */
export function backoffSchedule(): number[] {
  return Array.from({ length: MAX_SEND_TRIES - 1 }, (_, index) => backoffDelayMs(index + 1));
}

/** Whether status polling that began at `startedAt` may ask again at `now`. */
export function mayPollAgain(startedAt: number, now: number): boolean {
  return now - startedAt < POLL_LIMIT_MS;
}

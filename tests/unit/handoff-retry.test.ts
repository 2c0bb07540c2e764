import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  backoffSchedule,
  MAX_SEND_TRIES,
  mayPollAgain,
  nextTryAt,
  POLL_INTERVAL_MS,
  POLL_LIMIT_MS,
} from '@/utils/handoff/retry';

describe('the retry schedule', () => {
  it('waits 1, 2, 4, 8, 16 s between the at most 6 tries', () => {
    expect(MAX_SEND_TRIES).toBe(6);
    expect(backoffSchedule()).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('doubles and is capped at 30 s', () => {
    expect(backoffDelayMs(1)).toBe(1_000);
    expect(backoffDelayMs(5)).toBe(16_000);
    expect(backoffDelayMs(6)).toBe(30_000);
    expect(backoffDelayMs(40)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(0)).toBe(1_000);
  });

  it('gives the next try time until the sixth try failed', () => {
    expect(nextTryAt(1, 10_000)).toBe(11_000);
    expect(nextTryAt(3, 10_000)).toBe(14_000);
    expect(nextTryAt(5, 10_000)).toBe(26_000);
    expect(nextTryAt(6, 10_000)).toBeUndefined();
  });

  it('polls every 2 s for at most 2 minutes', () => {
    expect(POLL_INTERVAL_MS).toBe(2_000);
    expect(POLL_LIMIT_MS).toBe(120_000);
    expect(mayPollAgain(0, 119_999)).toBe(true);
    expect(mayPollAgain(0, 120_000)).toBe(false);
  });
});

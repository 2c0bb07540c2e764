/** utils/coalesce.ts: calls during a run ask for one more run, never a parallel one. */
import { describe, expect, it } from 'vitest';
import { coalesce } from '@/utils/coalesce';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('coalesce', () => {
  it('runs once when idle, once more for any number of calls during a run, never two at a time', async () => {
    let runs = 0;
    let active = 0;
    let most = 0;
    const run = coalesce(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await tick();
      active--;
    });
    const first = run();
    const second = run();
    const third = run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    await first;
    expect(runs).toBe(2);
    expect(most).toBe(1);
    await run();
    expect(runs).toBe(3);
  });

  it('a run that throws ends the series and rejects; the next call starts again', async () => {
    let runs = 0;
    const run = coalesce(async () => {
      runs++;
      await tick();
      if (runs === 1) throw new Error('boom');
    });
    const failed = run();
    run();
    await expect(failed).rejects.toThrow('boom');
    expect(runs).toBe(1);
    await run();
    expect(runs).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { throttlePerTab } from '@/utils/background/throttle';

describe('one call a second per tab', () => {
  function setup() {
    let now = 0;
    let calls = 0;
    const throttle = throttlePerTab(async () => ++calls, { now: () => now });
    return { throttle, calls: () => calls, advance: (ms: number) => (now += ms) };
  }

  it('answers a tab calling in a loop from the one call of that second', async () => {
    const { throttle, calls, advance } = setup();
    const answers = await Promise.all(Array.from({ length: 50 }, () => throttle.run(7)));
    expect(new Set(answers)).toEqual(new Set([1]));
    advance(999);
    expect(await throttle.run(7)).toBe(1);
    expect(calls()).toBe(1);
    advance(1);
    expect(await throttle.run(7)).toBe(2);
    expect(calls()).toBe(2);
  });

  it('limits each tab on its own and never an extension page', async () => {
    const { throttle, calls } = setup();
    await throttle.run(1);
    await throttle.run(2);
    await throttle.run(undefined);
    await throttle.run(undefined);
    expect(calls()).toBe(4);
  });

  it('a closed tab is forgotten', async () => {
    const { throttle, calls } = setup();
    await throttle.run(3);
    throttle.forget(3);
    await throttle.run(3);
    expect(calls()).toBe(2);
  });
});

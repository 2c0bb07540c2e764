import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRESS_HOLD_MS, PressHold } from '@/components/overlay/press-hold';

interface State {
  page: string;
  step: number;
}

let abort: AbortController;
let host: HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
  abort = new AbortController();
  host = document.createElement('mantix-guide');
  document.body.append(host);
});

afterEach(() => {
  abort.abort();
  vi.useRealTimers();
  document.body.innerHTML = '';
});

function started() {
  const shown: Partial<State>[] = [];
  const hold = new PressHold<State>(window, (patch) => shown.push(patch));
  hold.start(host, abort.signal);
  return { hold, shown };
}

const press = (target: EventTarget = host) => target.dispatchEvent(new Event('pointerdown', { bubbles: true }));
const release = (type = 'pointerup') => window.dispatchEvent(new Event(type));

describe('a press on the overlay holds the scans’ news until it ends', () => {
  it('shows news at once when nothing is pressed, and a press elsewhere holds nothing', () => {
    const { hold, shown } = started();
    hold.offer({ page: 'form' });
    press(document.body);
    hold.offer({ step: 3 });
    expect(shown).toEqual([{ page: 'form' }, { step: 3 }]);
  });

  it('holds news while pressed, and shows the latest of each after the click the release makes', () => {
    const { hold, shown } = started();
    press();
    hold.offer({ page: 'form', step: 3 });
    hold.offer({ step: 4 });
    expect(shown).toEqual([]);
    release();
    // The release's own click is dispatched before the news moves anything.
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(shown).toEqual([{ page: 'form', step: 4 }]);
    hold.offer({ step: 5 });
    expect(shown).toHaveLength(2);
  });

  it('ends on pointercancel too, and a value set meanwhile by an action is not overwritten by an older one', () => {
    const { hold, shown } = started();
    press();
    hold.offer({ page: 'form', step: 3 });
    hold.supersede({ step: 4 });
    release('pointercancel');
    vi.advanceTimersByTime(0);
    expect(shown).toEqual([{ page: 'form' }]);
  });

  it(`never holds for longer than ${PRESS_HOLD_MS} ms (a press that never ends)`, () => {
    const { hold, shown } = started();
    press();
    hold.offer({ page: 'form' });
    vi.advanceTimersByTime(PRESS_HOLD_MS - 1);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([{ page: 'form' }]);
  });

  it('forgets what it held when stopped, and listens no more', () => {
    const { hold, shown } = started();
    press();
    hold.offer({ page: 'form' });
    hold.stop();
    abort.abort();
    vi.advanceTimersByTime(PRESS_HOLD_MS);
    press();
    hold.offer({ step: 3 });
    expect(shown).toEqual([{ step: 3 }]);
  });
});

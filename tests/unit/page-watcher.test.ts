import { afterEach, describe, expect, it } from 'vitest';
import { PageWatcher, TYPING_PAUSE_MS } from '@/components/overlay/page-watcher';

/** A window whose timers and frames run only when the test says so. */
function manualWindow() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const frames = new Map<number, FrameRequestCallback>();
  const win = {
    setTimeout: (run: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    requestAnimationFrame: (callback: FrameRequestCallback) => {
      const id = nextId++;
      frames.set(id, callback);
      return id;
    },
    cancelAnimationFrame: (id: number) => void frames.delete(id),
    addEventListener: () => undefined,
  };
  return {
    window: win as unknown as Window,
    /** Moves the clock, running the timers that come due. */
    advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.run();
        }
      }
    },
    frame() {
      const pending = [...frames.values()];
      frames.clear();
      for (const callback of pending) callback(now);
    },
    pendingTimers: () => timers.size,
  };
}

let watcher: PageWatcher | undefined;
let abort: AbortController | undefined;

afterEach(() => {
  watcher?.destroy();
  abort?.abort();
  document.body.innerHTML = '';
});

function watch() {
  document.body.innerHTML = `
    <div role="dialog">
      <input type="text" aria-label="Note">
      <input type="password" aria-label="Passphrase">
      <input type="checkbox" aria-label="Transfer">
      <span id="count">0/20</span>
    </div>`;
  const clock = manualWindow();
  let scans = 0;
  watcher = new PageWatcher({
    document,
    window: clock.window,
    scan: () => {
      scans++;
      watcher?.markScanned();
    },
    place: () => undefined,
    hasTarget: () => false,
    guard: (work) => work(),
  });
  abort = new AbortController();
  watcher.start(abort.signal);
  const field = (name: string) => document.querySelector(`[aria-label="${name}"]`) as HTMLInputElement;
  const fire = (name: string, type: 'input' | 'change') =>
    field(name).dispatchEvent(new Event(type, { bubbles: true }));
  return { clock, fire, field, scans: () => scans };
}

/** Mutation records reach the observer in a microtask. */
const mutationsDelivered = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the page watcher and edits', () => {
  it('reads a text field once the typing pauses, not on every key', () => {
    const { clock, fire, scans } = watch();
    for (let key = 0; key < 10; key++) {
      fire('Note', 'input');
      clock.advance(20);
      clock.frame();
    }
    expect(scans()).toBe(0);
    clock.advance(TYPING_PAUSE_MS - 21);
    clock.frame();
    expect(scans()).toBe(0);
    clock.advance(1);
    expect(scans()).toBe(0);
    clock.frame();
    expect(scans()).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('the same for the Passphrase field', () => {
    const { clock, fire, scans } = watch();
    fire('Passphrase', 'input');
    fire('Passphrase', 'input');
    clock.advance(TYPING_PAUSE_MS);
    clock.frame();
    expect(scans()).toBe(1);
  });

  it('reads a toggle in the coming frame, once with the re-render the page makes of it', async () => {
    const { clock, fire, field, scans } = watch();
    fire('Transfer', 'input');
    field('Transfer').setAttribute('aria-checked', 'true');
    field('Transfer').parentElement?.setAttribute('class', 'on');
    await mutationsDelivered();
    expect(scans()).toBe(0);
    clock.frame();
    expect(scans()).toBe(1);
    clock.frame();
    expect(scans()).toBe(1);
  });

  it('reads a committed value (change) in the coming frame', () => {
    const { clock, fire, scans } = watch();
    fire('Note', 'change');
    expect(scans()).toBe(0);
    clock.frame();
    expect(scans()).toBe(1);
  });

  it('while the user types, text the page echoes (a counter) waits for the pause; a control that appears does not', async () => {
    const { clock, fire, scans } = watch();
    const count = document.getElementById('count') as HTMLElement;
    fire('Note', 'input');
    (count.firstChild as Text).data = '1/20';
    await mutationsDelivered();
    count.textContent = '2/20';
    await mutationsDelivered();
    expect(scans()).toBe(0);
    count.after(Object.assign(document.createElement('input'), { type: 'checkbox' }));
    await mutationsDelivered();
    expect(scans()).toBe(1);
    clock.frame();
    clock.advance(TYPING_PAUSE_MS);
    clock.frame();
    expect(scans()).toBe(2);
  });

  it('an attribute set again to the value it has is not a change; a new value is', async () => {
    const { clock, field, scans } = watch();
    field('Transfer').setAttribute('class', 'toggle');
    field('Transfer').setAttribute('aria-checked', 'false');
    await mutationsDelivered();
    expect(scans()).toBe(1);
    clock.frame();
    for (let render = 0; render < 3; render++) {
      field('Transfer').setAttribute('class', 'toggle');
      field('Transfer').setAttribute('aria-checked', 'false');
      await mutationsDelivered();
      clock.frame();
    }
    expect(scans()).toBe(1);
    field('Transfer').setAttribute('class', 'toggle on');
    await mutationsDelivered();
    expect(scans()).toBe(2);
  });

  it('without typing, a text change in the flow is read at once', async () => {
    const { scans } = watch();
    (document.getElementById('count') as HTMLElement).textContent = 'Something went wrong';
    await mutationsDelivered();
    expect(scans()).toBe(1);
  });

  it('a scan waiting for a pause is dropped when the watcher stops', () => {
    const { clock, fire, scans } = watch();
    fire('Note', 'input');
    watcher?.destroy();
    clock.advance(TYPING_PAUSE_MS * 2);
    expect(scans()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });
});

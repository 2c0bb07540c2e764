import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CapturePort } from '@/components/overlay/capture';
import { type ControllerDeps, GuideController } from '@/components/overlay/controller';
import { createGuideStore } from '@/components/overlay/store';
import { PASSPHRASE_SHAPE } from '@/utils/bitget/shapes';
import type { request as requestFn } from '@/utils/messaging';
import {
  API_KEY,
  classicPermissions,
  ipField,
  keyList,
  mount,
  resultDialog,
  SECRET,
  systemForm,
} from './bitget-fixtures';

type Request = typeof requestFn;
let controller: GuideController | undefined;
let frames: FrameRequestCallback[] = [];

beforeEach(() => {
  frames = [];
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    frames.push(callback);
    return frames.length;
  });
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
});

afterEach(() => {
  controller?.destroy();
  controller = undefined;
  document.body.innerHTML = '';
});

/** Lets the MutationObserver deliver, then runs the frames it asked for. */
async function flushFrames(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const pending = frames;
  frames = [];
  for (const frame of pending) frame(0);
}

const MANTIX_IPS = ['203.0.113.10', '198.51.100.7'];

const linked: Request = vi.fn(async (type: string) =>
  type === 'serverIps:get'
    ? { ok: true, value: { ips: MANTIX_IPS, updatedAt: '2026-01-01T00:00:00Z' } }
    : { ok: true, value: { opened: true } },
) as unknown as Request;

const notLinked: Request = vi.fn(async () => ({
  ok: false,
  error: { code: 'not_linked', message: 'Not linked.' },
})) as unknown as Request;

function start(request: Request = linked) {
  const store = createGuideStore();
  const sent: unknown[] = [];
  const copy = vi.fn(async (_text: string) => undefined);
  const deps: ControllerDeps = {
    document,
    window,
    request,
    connect: () => {
      const port: CapturePort = {
        postMessage: (m) => sent.push(m),
        disconnect: () => undefined,
        onMessage: { addListener: () => undefined },
        onDisconnect: { addListener: () => undefined },
      };
      return port;
    },
    copy,
  };
  controller = new GuideController(store, deps);
  controller.start();
  return { store, controller, sent, copy };
}

const field = (label: string) =>
  Array.from(document.querySelectorAll('input, textarea')).find(
    (el) => el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent?.startsWith(label),
  ) as HTMLInputElement | undefined;
const passphraseValue = () => (document.querySelector('input[type="password"]') as HTMLInputElement).value;
const noteValue = () => (field('Note') ?? (document.querySelector('input') as HTMLInputElement)).value;
const ips = () => (document.querySelector('textarea') as HTMLTextAreaElement).value;

describe('Set up for Mantix (in the overlay, on a form fixture)', () => {
  it('fills note, a generated passphrase, exactly Mantix’s rights and the IPs, and reports each from the page', async () => {
    mount(
      keyList([]) +
        systemForm({
          permissions: classicPermissions({ checked: ['copy.trade', 'wallet.transfer'] }),
          ip: ipField('comma', ['192.0.2.1']),
        }),
    );
    const { store, controller, sent } = start();
    await controller.actions.setUpForMantix();
    const { setupTask } = store.getState();
    expect(setupTask.state).toBe('done');
    expect(setupTask.lines.map((l) => [l.item, l.state])).toEqual([
      ['note', 'done'],
      ['passphrase', 'done'],
      ['rights', 'done'],
      ['ips', 'done'],
    ]);
    expect(setupTask.headline).toMatch(/^Done/);
    expect(noteValue()).toBe('Mantix');
    const generated = passphraseValue();
    expect(generated).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(ips()).toBe('192.0.2.1,203.0.113.10,198.51.100.7');
    const checked = Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'))
      .filter((box) => box.checked)
      .map((box) => box.closest('label')?.textContent);
    expect(checked).not.toContain('Transfer');
    expect(checked).toHaveLength(4);
    // The store never holds the passphrase.
    expect(JSON.stringify(store.getState())).not.toContain(generated);

    // Next: the capture takes the generated passphrase from the field, like a typed one.
    // A user's press (trusted): a script's click would not arm the capture.
    const press = new MouseEvent('click', { bubbles: true, cancelable: true });
    Object.defineProperty(press, 'isTrusted', { value: true });
    (
      Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Next') as HTMLElement
    ).dispatchEvent(press);
    document.querySelector('[role="dialog"]')?.remove();
    document.body.insertAdjacentHTML('beforeend', resultDialog(API_KEY, SECRET));
    await flushFrames();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'capture', passphrase: generated, note: 'Mantix' });
    expect(generated).toMatch(PASSPHRASE_SHAPE);
  });

  it('keeps the user’s own note and passphrase', async () => {
    mount(keyList([]) + systemForm({ note: 'My bot', passphrase: 'Mine2024pass' }));
    const { store, controller } = start();
    await controller.actions.setUpForMantix();
    expect(noteValue()).toBe('My bot');
    expect(passphraseValue()).toBe('Mine2024pass');
    const lines = store.getState().setupTask.lines;
    expect(lines[0]).toMatchObject({ item: 'note', state: 'done', message: 'Your own note was kept.' });
    expect(lines[1]).toMatchObject({ item: 'passphrase', state: 'done', message: 'Your own passphrase was kept.' });
  });

  it('not linked: says so for the IPs and does the rest', async () => {
    mount(keyList([]) + systemForm());
    const { store, controller } = start(notLinked);
    await controller.actions.setUpForMantix();
    expect(store.getState().setupTask.lines.map((l) => l.state)).toEqual(['done', 'done', 'done', 'not-linked']);
    expect(store.getState().setupTask.lines[3]?.message).toMatch(/not linked/);
    expect(ips()).toBe('');
    expect(noteValue()).toBe('Mantix');
  });

  it('claims nothing the page did not keep: a passphrase field that drops the value is reported, not ticked', async () => {
    mount(keyList([]) + systemForm());
    const input = document.querySelector('input[type="password"]') as HTMLInputElement;
    // A page that clears the field on every input (its framework refuses the value).
    input.addEventListener('input', () => {
      const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
      native?.set?.call(input, '');
    });
    const { store, controller } = start();
    await controller.actions.setUpForMantix();
    const line = store.getState().setupTask.lines[1];
    expect(line?.item).toBe('passphrase');
    expect(line?.state).toBe('failed');
    expect(store.getState().setupTask.headline).toBe('1 item still needs you:');
  });
});

describe('Generate a passphrase', () => {
  it('fills the field, shows it once on request, copies it, and forgets it when hidden', async () => {
    mount(keyList([]) + systemForm());
    const { store, controller, copy } = start();
    await controller.actions.generatePassphrase();
    const value = passphraseValue();
    expect(value).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(store.getState().generated.state).toBe('filled');
    expect(controller.actions.shownPassphrase()).toBeUndefined();
    controller.actions.showPassphrase();
    expect(controller.actions.shownPassphrase()).toBe(value);
    await controller.actions.copyPassphrase();
    expect(copy).toHaveBeenCalledWith(value);
    controller.actions.hidePassphrase();
    expect(store.getState().generated.state).toBe('gone');
    expect(controller.actions.shownPassphrase()).toBeUndefined();
    controller.actions.showPassphrase();
    expect(controller.actions.shownPassphrase()).toBeUndefined();
    expect(JSON.stringify(store.getState())).not.toContain(value);
    expect(passphraseValue()).toBe(value);
  });

  it('a passphrase changed in the field afterwards is never shown as the generated one', async () => {
    mount(keyList([]) + systemForm());
    const { store, controller } = start();
    await controller.actions.generatePassphrase();
    const input = document.querySelector('input[type="password"]') as HTMLInputElement;
    input.value = 'Typed2024instead';
    controller.actions.showPassphrase();
    expect(controller.actions.shownPassphrase()).toBeUndefined();
    expect(store.getState().generated).toMatchObject({ state: 'none', message: expect.stringMatching(/different/) });
  });

  it('the form closing drops the generated passphrase and the report', async () => {
    mount(keyList([]) + systemForm());
    const { store, controller } = start();
    await controller.actions.setUpForMantix();
    controller.actions.showPassphrase();
    expect(controller.actions.shownPassphrase()).toMatch(/^[A-Za-z0-9]{24}$/);
    document.querySelector('[role="dialog"]')?.remove();
    await flushFrames();
    expect(store.getState().page).not.toBe('form');
    expect(controller.actions.shownPassphrase()).toBeUndefined();
    expect(store.getState().generated.state).toBe('none');
    expect(store.getState().setupTask.state).toBe('idle');
  });

  it('each press makes a new one', async () => {
    mount(keyList([]) + systemForm());
    const { controller } = start();
    await controller.actions.generatePassphrase();
    const first = passphraseValue();
    await controller.actions.generatePassphrase();
    expect(passphraseValue()).not.toBe(first);
  });
});

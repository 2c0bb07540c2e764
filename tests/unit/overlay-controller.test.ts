import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CapturePort } from '@/components/overlay/capture';
import { type ControllerDeps, GuideController } from '@/components/overlay/controller';
import { createGuideStore } from '@/components/overlay/store';
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

let frames: FrameRequestCallback[] = [];
let controller: GuideController | undefined;

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

/** Lets the MutationObserver deliver, then runs the frames it asked for; returns how many. */
async function flushFrames(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const pending = frames;
  frames = [];
  for (const frame of pending) frame(0);
  return pending.length;
}

/** A click as the browser makes it for a real user (happy-dom's own clicks are untrusted, like a script's). */
function userClick(target: HTMLElement) {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}

type Request = typeof requestFn;

function start(options: { request?: Request; ports?: unknown[][] } = {}) {
  const store = createGuideStore();
  const deps: ControllerDeps = {
    document,
    window,
    request:
      options.request ?? (vi.fn(async () => ({ ok: false, error: { code: 'x', message: 'x' } })) as unknown as Request),
    connect: () => {
      const sent: unknown[] = [];
      options.ports?.push(sent);
      const port: CapturePort = {
        postMessage: (m) => sent.push(m),
        disconnect: () => undefined,
        onMessage: { addListener: () => undefined },
        onDisconnect: { addListener: () => undefined },
      };
      return port;
    },
    copy: vi.fn(async () => undefined),
  };
  controller = new GuideController(store, deps);
  controller.start();
  return { store, controller };
}

function serverIps(ips: string[]): Request {
  return vi.fn(async (type: string) =>
    type === 'serverIps:get'
      ? { ok: true, value: { ips, updatedAt: '2026-01-01T00:00:00Z' } }
      : { ok: true, value: { opened: true } },
  ) as unknown as Request;
}

describe('watching the page', () => {
  it('does no work for a ticker’s text and class changes', async () => {
    mount(keyList([API_KEY]));
    const { store } = start();
    expect(store.getState().page).toBe('key-list');
    await flushFrames();
    const ticker = document.querySelector('.ticker') as HTMLElement;
    for (let i = 0; i < 50; i++) {
      (ticker.firstChild as Text).data = `BTCUSDT ${67000 + i}`;
      ticker.className = i % 2 ? 'ticker up' : 'ticker down';
      const price = document.createElement('span');
      price.textContent = String(i);
      ticker.append(price);
    }
    expect(await flushFrames()).toBe(0);
  });

  it('reacts to the first relevant change at once, and coalesces the rest into the next frame', async () => {
    mount(keyList([API_KEY]));
    const { store } = start();
    await flushFrames();
    document.body.insertAdjacentHTML('beforeend', systemForm());
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Scanned in the same task: the panel shows it in the frame the form is painted in.
    expect(store.getState().page).toBe('form');
    expect(store.getState().step).toBe(3);
    // More changes before the next frame wait for it: one more scan, not one per change.
    for (let i = 0; i < 20; i++) {
      document.body.insertAdjacentHTML('beforeend', `<div role="status">Saved ${i}</div>`);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(frames).toHaveLength(1);
    expect(await flushFrames()).toBe(1);
    expect(store.getState().page).toBe('form');
  });

  it('stops watching when destroyed', async () => {
    mount(keyList([API_KEY]));
    const { store, controller } = start();
    await flushFrames();
    controller.destroy();
    document.body.insertAdjacentHTML('beforeend', systemForm());
    expect(await flushFrames()).toBe(0);
    expect(store.getState().page).toBe('key-list');
  });
});

describe('the Transfer / Withdraw guard and the capture', () => {
  function formWithWithdraw() {
    mount(
      keyList([]) +
        systemForm({
          note: 'Mantix',
          passphrase: 'Mantix2024abc',
          permissions: classicPermissions({
            mode: 'read_write',
            checked: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade', 'wallet.withdraw'],
          }),
          ip: ipField('comma', ['203.0.113.10']),
        }),
    );
    const submitted = vi.fn();
    const form = document.querySelector('form') as HTMLFormElement;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitted();
    });
    const next = Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Next') as HTMLElement;
    return { submitted, next };
  }

  it('stops Next while Withdraw is on and asks', () => {
    const { submitted, next } = formWithWithdraw();
    const { store } = start();
    expect(store.getState().form?.rights.dangerous).toEqual(['wallet withdraw']);
    next.click();
    expect(submitted).not.toHaveBeenCalled();
    expect(store.getState().guardOpen).toBe(true);
  });

  it('a press on the words inside Next, or on a Next that is not a <button>, is stopped too', () => {
    const { submitted, next } = formWithWithdraw();
    next.innerHTML = '<span class="label"><b>Next</b></span>';
    const { store } = start();
    (next.querySelector('b') as HTMLElement).click();
    expect(submitted).not.toHaveBeenCalled();
    expect(store.getState().guardOpen).toBe(true);

    store.setState({ guardOpen: false });
    const div = document.createElement('div');
    div.setAttribute('role', 'button');
    div.innerHTML = '<span>Next</span>';
    let pressed = 0;
    div.addEventListener('click', () => pressed++);
    next.replaceWith(div);
    (div.querySelector('span') as HTMLElement).click();
    expect(pressed).toBe(0);
    expect(store.getState().guardOpen).toBe(true);
  });

  it('"Turn it off and continue" turns Withdraw off, submits, and captures once the keys show', async () => {
    const { submitted, next } = formWithWithdraw();
    const ports: unknown[][] = [];
    const { store, controller } = start({ ports });
    next.click();
    await controller.actions.guardTurnOffAndContinue();
    expect(submitted).toHaveBeenCalledTimes(1);
    expect(store.getState().guardOpen).toBe(false);
    const withdraw = Array.from(document.querySelectorAll('label')).find((l) => l.textContent === 'Withdraw');
    expect(withdraw?.querySelector('input')?.checked).toBe(false);

    // Bitget shows the result: the capture goes out once, with what was submitted.
    document.querySelector('[role="dialog"]')?.remove();
    document.body.insertAdjacentHTML('beforeend', resultDialog(API_KEY, SECRET));
    await flushFrames();
    expect(store.getState().page).toBe('result');
    expect(ports).toHaveLength(1);
    expect(ports[0]).toEqual([
      {
        type: 'capture',
        apiKey: API_KEY,
        secretKey: SECRET,
        passphrase: 'Mantix2024abc',
        note: 'Mantix',
        observed: {
          account_mode: 'classic',
          permissions: ['coow', 'cpow', 'stow', 'smow'],
          transfer_enabled: false,
          withdraw_enabled: false,
          ip_whitelist: ['203.0.113.10'],
        },
      },
    ]);
    // The store never held the passphrase or the secret.
    expect(JSON.stringify(store.getState())).not.toMatch(/Mantix2024abc|0123456789abcdef/);
  });
});

describe('the guard on a form in words the guide does not know', () => {
  /** A key form in a language the guide has no words for: nothing names Next, nor a right. */
  function unwordedForm(checked: boolean) {
    mount(
      `${keyList([])}<div role="dialog"><h2>Perngr API Xrl</h2><input aria-label="Abgr"><input type="password">` +
        `<label><input type="checkbox"${checked ? ' checked' : ''}>Genafsre</label><label><input type="checkbox">Gen</label>` +
        '<label><input type="checkbox">Bqref</label>' +
        '<button type="button" role="switch" aria-checked="false">Fjvgpu</button>' +
        '<button type="button">Pnapry</button><button type="button">Arkg</button></div>',
    );
    const buttons = Array.from(document.querySelectorAll('[role="dialog"] button'));
    const pressed = new Map<string, number>();
    for (const button of buttons) {
      button.addEventListener('click', () =>
        pressed.set(button.textContent ?? '', (pressed.get(button.textContent ?? '') ?? 0) + 1),
      );
    }
    const button = (name: string) => buttons.find((b) => b.textContent === name) as HTMLElement;
    const press = (name: string) => userClick(button(name));
    return { pressed, press, button };
  }

  it('stops every button of the form but its on/off controls while a right it cannot name is on', () => {
    const { pressed, press } = unwordedForm(true);
    const { store } = start();
    expect(store.getState().page).toBe('form');
    press('Fjvgpu');
    expect(store.getState().guardOpen).toBe(false);
    expect(pressed.get('Fjvgpu')).toBe(1);
    press('Arkg');
    expect(pressed.get('Arkg')).toBeUndefined();
    expect(store.getState().guardOpen).toBe(true);
    store.setState({ guardOpen: false });
    press('Pnapry');
    expect(pressed.get('Pnapry')).toBeUndefined();
    expect(store.getState().guardOpen).toBe(true);
  });

  it('"Turn it off and continue" turns the right off, presses the button the user pressed, and captures', async () => {
    const { pressed, press } = unwordedForm(true);
    (document.querySelector('input[type="password"]') as HTMLInputElement).value = 'Mantix2024abc';
    const ports: unknown[][] = [];
    const { store, controller } = start({ ports });
    press('Arkg');
    await controller.actions.guardTurnOffAndContinue();
    expect(store.getState().guardOpen).toBe(false);
    expect((document.querySelector('input[type="checkbox"]') as HTMLInputElement).checked).toBe(false);
    expect(pressed.get('Arkg')).toBe(1);
    expect(pressed.get('Pnapry')).toBeUndefined();
    // The keys Bitget then shows are captured (the press past the guard was the user's choice).
    document.querySelector('[role="dialog"]')?.remove();
    document.body.insertAdjacentHTML('beforeend', resultDialog(API_KEY, SECRET));
    await flushFrames();
    expect(ports).toHaveLength(1);
  });

  it("lets a script's press through (the guide's own writes press Bitget's Add button)", () => {
    const { pressed, button } = unwordedForm(true);
    const { store } = start();
    button('Pnapry').click();
    expect(pressed.get('Pnapry')).toBe(1);
    expect(store.getState().guardOpen).toBe(false);
  });

  it('lets the press through when every right is off', () => {
    const { pressed, press } = unwordedForm(false);
    const { store } = start();
    press('Arkg');
    expect(pressed.get('Arkg')).toBe(1);
    expect(store.getState().guardOpen).toBe(false);
  });
});

describe('the capture is armed by the user only', () => {
  function cleanForm() {
    mount(
      keyList([]) +
        systemForm({
          note: 'Mantix',
          passphrase: 'Mantix2024abc',
          permissions: classicPermissions({
            mode: 'read_write',
            checked: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'],
          }),
          ip: ipField('comma', ['203.0.113.10']),
        }),
    );
    const form = document.querySelector('form') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    return Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Next') as HTMLElement;
  }

  async function showResult() {
    document.querySelector('[role="dialog"]')?.remove();
    document.body.insertAdjacentHTML('beforeend', resultDialog(API_KEY, SECRET));
    await flushFrames();
  }

  it("a page script's click on Next and its result dialog send nothing", async () => {
    const next = cleanForm();
    const ports: unknown[][] = [];
    const { store } = start({ ports });
    next.click();
    (document.querySelector('form') as HTMLFormElement).requestSubmit();
    await showResult();
    expect(store.getState().page).toBe('result');
    expect(ports).toEqual([]);
  });

  it("the user's click on Next arms it, and the keys that show are sent once", async () => {
    const next = cleanForm();
    const ports: unknown[][] = [];
    start({ ports });
    userClick(next);
    await showResult();
    expect(ports).toHaveLength(1);
  });
});

describe('panel actions', () => {
  function currentIps() {
    return (document.querySelector('textarea') as HTMLTextAreaElement).value;
  }

  it('"Set up rights for Mantix" leaves exactly what Mantix needs', async () => {
    mount(
      keyList([]) + systemForm({ permissions: classicPermissions({ checked: ['copy.trade', 'wallet.transfer'] }) }),
    );
    const { store, controller } = start();
    await controller.actions.setUpRights();
    expect(store.getState().rightsTask.state).toBe('done');
    await flushFrames();
    expect(store.getState().form?.rights.satisfied).toBe(true);
    expect(store.getState().form?.rights.extra).toEqual([]);
  });

  it('"Fill Mantix IPs" keeps the user’s addresses and adds Mantix’s', async () => {
    mount(keyList([]) + systemForm({ ip: ipField('comma', ['192.0.2.1', '203.0.113.10']) }));
    const { store, controller } = start({ request: serverIps(['203.0.113.10', '198.51.100.7']) });
    await controller.actions.fillIps();
    expect(currentIps()).toBe('192.0.2.1,203.0.113.10,198.51.100.7');
    expect(store.getState().ipTask.message).toBe('Added 1 Mantix server IP address (3 in total).');
  });

  it('refuses a merged total above 10 and changes nothing', async () => {
    const mine = Array.from({ length: 9 }, (_, i) => `192.0.2.${i + 1}`);
    mount(keyList([]) + systemForm({ ip: ipField('comma', mine) }));
    const { store, controller } = start({ request: serverIps(['203.0.113.10', '198.51.100.7']) });
    await controller.actions.fillIps();
    expect(currentIps()).toBe(mine.join(','));
    expect(store.getState().ipTask).toMatchObject({ state: 'error' });
    expect(store.getState().ipTask.message).toMatch(/11 IP addresses.*Nothing was changed\./);
  });

  it('refuses a list that breaks the contract even if the background passed it', async () => {
    mount(keyList([]) + systemForm());
    const { store, controller } = start({ request: serverIps(['203.0.113.10', '10.0.0.1']) });
    await controller.actions.fillIps();
    expect(currentIps()).toBe('');
    expect(store.getState().ipTask.detail).toMatch(/10\.0\.0\.1 is a private address/);
  });

  it('not linked: says so', async () => {
    mount(keyList([]) + systemForm());
    const request = vi.fn(async () => ({
      ok: false,
      error: { code: 'not_linked', message: 'Not linked.' },
    })) as unknown as Request;
    const { store, controller } = start({ request });
    await controller.actions.fillIps();
    expect(store.getState().mantixIps.state).toBe('not-linked');
    expect(store.getState().ipTask.message).toBe('Link Mantix Connect to your Mantix account first.');
  });

  it('a control it cannot find is reported with its step', () => {
    mount(
      `${keyList([])}<div role="dialog"><div>Create system-generated API Key</div><label for="p">Passphrase</label><input id="p" type="password"><button>Next</button></div>`,
    );
    const { store } = start();
    expect(store.getState().missing).toEqual([
      { control: 'note', step: 3 },
      { control: 'permissions', step: 3 },
      { control: 'ipField', step: 4 },
    ]);
  });
});

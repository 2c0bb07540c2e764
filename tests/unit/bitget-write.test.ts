import { afterEach, describe, expect, it } from 'vitest';
import { findIpField, readIps, visibleDialogs } from '@/utils/bitget/adapter';
import { setFieldValue, setToggle, writeIps, writeText } from '@/utils/bitget/write';
import { ipField, mount, systemForm } from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * React's value tracker, as the replicas emulate it: an own `value` property
 * records assignments, and an input event only counts when the native value
 * differs from the recorded one.
 */
function controlled(input: HTMLInputElement | HTMLTextAreaElement, onChange: (value: string) => void) {
  const proto = Object.getPrototypeOf(input) as object;
  const native = Object.getOwnPropertyDescriptor(proto, 'value') as PropertyDescriptor;
  let tracked = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return native.get?.call(this);
    },
    set(v: string) {
      tracked = v;
      native.set?.call(this, v);
    },
  });
  input.addEventListener('input', () => {
    const now = native.get?.call(input) as string;
    if (now === tracked) return;
    tracked = now;
    onChange(now);
  });
}

describe('writing like a user', () => {
  it('a bare .value= does not reach a React-like state; setFieldValue does', async () => {
    mount('<input id="f">');
    const input = document.getElementById('f') as HTMLInputElement;
    let state = '';
    controlled(input, (v) => {
      state = v;
    });
    input.value = 'bare';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    expect(state).toBe('');
    setFieldValue(input, 'Mantix');
    expect(state).toBe('Mantix');
    await writeText(input, 'Mantix2');
    expect(state).toBe('Mantix2');
  });

  it('toggles checkboxes and ARIA switches with clicks, only when needed', async () => {
    mount('<input type="checkbox" id="c"><div role="switch" id="s" aria-checked="false"></div>');
    const box = document.getElementById('c') as HTMLInputElement;
    const sw = document.getElementById('s') as HTMLElement;
    let clicks = 0;
    sw.addEventListener('click', () => {
      clicks += 1;
      sw.setAttribute('aria-checked', String(sw.getAttribute('aria-checked') !== 'true'));
    });
    await setToggle(box, true);
    await setToggle(sw, true);
    await setToggle(sw, true);
    expect(box.checked).toBe(true);
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(clicks).toBe(1);
  });

  it('refuses to toggle a disabled control', async () => {
    mount('<div role="checkbox" id="w" aria-checked="false" aria-disabled="true">Withdraw</div>');
    await expect(setToggle(document.getElementById('w') as HTMLElement, true)).rejects.toMatchObject({
      problem: 'controlDisabled',
    });
  });

  it('writes a comma list into the comma field', async () => {
    mount(systemForm({ ip: ipField('comma', ['192.0.2.1']) }));
    const form = () => visibleDialogs(document)[0] as HTMLElement;
    await writeIps(() => findIpField(form()), ['192.0.2.1', '203.0.113.10']);
    expect(readIps(findIpField(form()))).toEqual(['192.0.2.1', '203.0.113.10']);
  });

  it('types each missing address into a chip field and presses Add', async () => {
    mount(systemForm({ ip: ipField('chips', ['192.0.2.1']) }));
    const form = () => visibleDialogs(document)[0] as HTMLElement;
    const field = findIpField(form());
    if (field.kind !== 'chips' || !field.addButton) throw new Error('no chip field');
    const chips = field.input.parentElement as HTMLElement;
    let draft = '';
    controlled(field.input, (v) => {
      draft = v;
    });
    let adds = 0;
    field.addButton.addEventListener('click', () => {
      adds += 1;
      const chip = document.createElement('span');
      chip.textContent = draft;
      chips.insertBefore(chip, field.input);
      field.input.value = '';
      draft = '';
    });
    await writeIps(() => findIpField(form()), ['192.0.2.1', '203.0.113.10', '198.51.100.7']);
    expect(adds).toBe(2);
    expect(readIps(findIpField(form()))).toEqual(['192.0.2.1', '203.0.113.10', '198.51.100.7']);
  });

  it('says so when the page does not take an address', async () => {
    mount(systemForm({ ip: ipField('chips') }));
    const form = () => visibleDialogs(document)[0] as HTMLElement;
    await expect(writeIps(() => findIpField(form()), ['203.0.113.10'])).rejects.toMatchObject({
      problem: 'ipNotAdded',
      subject: '203.0.113.10',
    });
  });
});

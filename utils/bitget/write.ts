/**
 * Writing to Bitget's controls the way a user would, so the page's framework
 * sees every change: the native value setter plus input/change events (React
 * ignores a bare `.value =`), clicks for checkboxes, switches and radios,
 * typing plus Add/Enter for chip inputs. Every write is checked by reading
 * the control back; a write the page did not take throws `WriteError`.
 */
import { t } from '../i18n';
import { type IpField, isDisabled, isOn, type LevelChoice, readIps } from './adapter';

export class WriteError extends Error {
  override name = 'WriteError';
}

/** Lets the page's framework re-render after an event (React flushes in a microtask or task). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits (a few tasks, never a fixed sleep) until `done()` holds. */
export async function until(done: () => boolean, attempts = 20): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (done()) return true;
    await settle();
  }
  return done();
}

function nativeValueSetter(field: HTMLInputElement | HTMLTextAreaElement): (value: string) => void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (!setter) throw new WriteError(t('write_noSetter'));
  return (value) => setter.call(field, value);
}

/** Types `value` into a text field as one edit (native setter + input + change). */
export function setFieldValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  if (field.disabled || field.readOnly) throw new WriteError(t('write_fieldDisabled'));
  nativeValueSetter(field)(value);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Sets a text field and checks that the page kept the value. */
export async function writeText(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  setFieldValue(field, value);
  if (!(await until(() => field.value === value))) throw new WriteError(t('write_valueNotTaken'));
}

/** Turns a checkbox, ARIA checkbox or switch on or off with a click, if it is not already. */
export async function setToggle(control: HTMLElement, on: boolean): Promise<void> {
  if (isOn(control) === on) return;
  if (isDisabled(control)) throw new WriteError(t('write_controlDisabled'));
  control.click();
  await settle();
}

/** Picks a radio / ARIA radio / tab with a click, if it is not already picked. */
export async function choose(option: HTMLElement): Promise<void> {
  if (isOn(option)) return;
  if (isDisabled(option)) throw new WriteError(t('write_optionDisabled'));
  option.click();
  await settle();
}

export async function setLevel(choice: LevelChoice, level: 'read_only' | 'read_write'): Promise<void> {
  await choose(level === 'read_write' ? choice.readWrite : choice.readOnly);
}

function pressEnter(input: HTMLElement): void {
  const init = { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true };
  input.dispatchEvent(new KeyboardEvent('keydown', init));
  input.dispatchEvent(new KeyboardEvent('keypress', init));
  input.dispatchEvent(new KeyboardEvent('keyup', init));
}

/**
 * Writes the complete list into the IP field. A comma field gets the list
 * joined by commas; a chip field gets each missing address typed and added
 * (Add button, else Enter), one at a time, each checked before the next.
 * `find` re-finds the field after each step (the page may re-render it).
 */
export async function writeIps(find: () => IpField, ips: readonly string[]): Promise<void> {
  let field = find();
  if (field.kind === 'comma') {
    await writeText(field.input, ips.join(','));
    return;
  }
  for (const ip of ips) {
    field = find();
    if (readIps(field).includes(ip)) continue;
    setFieldValue(field.input, ip);
    await settle();
    field = find();
    if (field.kind !== 'chips') throw new WriteError(t('write_ipFieldChanged'));
    if (field.addButton) field.addButton.click();
    else pressEnter(field.input);
    const added = await until(() => readIps(find()).includes(ip));
    if (!added) throw new WriteError(t('write_ipNotAdded', ip));
  }
}

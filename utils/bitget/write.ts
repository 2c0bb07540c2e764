/**
 * Writing to Bitget's controls the way a user would, so the page's framework
 * sees every change: the native value setter plus input/change events (React
 * ignores a bare `.value =`), clicks for checkboxes, switches and radios,
 * typing plus Add/Enter for chip inputs. Every write is checked by reading
 * the control back; a write the page did not take throws `WriteError`.
 */
import { type IpField, readIps } from './ip-field';
import { isDisabled, isOn, type LevelChoice } from './permissions';

/**
 * Why a write did not take, as a code (the overlay says it in words,
 * `write_<code>`): the adapter never speaks to the user itself. `subject`
 * is what the sentence names (an address, a right's label).
 */
export type WriteProblem =
  | 'noSetter'
  | 'fieldDisabled'
  | 'valueNotTaken'
  | 'controlDisabled'
  | 'optionDisabled'
  | 'ipFieldChanged'
  | 'ipNotAdded'
  | 'changeRefused'
  | 'rightsUnstable';

export class WriteError extends Error {
  override name = 'WriteError';
  constructor(
    readonly problem: WriteProblem,
    readonly subject = '',
  ) {
    super(`Bitget's page did not take a change (${problem})`);
  }
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
  if (!setter) throw new WriteError('noSetter');
  return (value) => setter.call(field, value);
}

/** Types `value` into a text field as one edit (native setter + input + change). */
export function setFieldValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  if (field.disabled || field.readOnly) throw new WriteError('fieldDisabled');
  nativeValueSetter(field)(value);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Sets a text field and checks that the page kept the value. */
export async function writeText(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  setFieldValue(field, value);
  if (!(await until(() => field.value === value))) throw new WriteError('valueNotTaken');
}

/** Turns a checkbox, ARIA checkbox or switch on or off with a click, if it is not already. */
export async function setToggle(control: HTMLElement, on: boolean): Promise<void> {
  if (isOn(control) === on) return;
  if (isDisabled(control)) throw new WriteError('controlDisabled');
  control.click();
  await settle();
}

/** Picks a radio / ARIA radio / tab with a click, if it is not already picked. */
export async function choose(option: HTMLElement): Promise<void> {
  if (isOn(option)) return;
  if (isDisabled(option)) throw new WriteError('optionDisabled');
  const select = option instanceof HTMLOptionElement ? option.closest('select') : null;
  if (option instanceof HTMLOptionElement && select) {
    // A <select>: its value, set as the user's choice would (the page's framework listens for input / change).
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, option.value);
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  } else {
    option.click();
  }
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
    if (field.kind !== 'chips') throw new WriteError('ipFieldChanged');
    if (field.addButton) field.addButton.click();
    else pressEnter(field.input);
    const added = await until(() => readIps(find()).includes(ip));
    if (!added) throw new WriteError('ipNotAdded', ip);
  }
}

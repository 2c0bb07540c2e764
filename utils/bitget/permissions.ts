/**
 * The form's permission controls: which right each on/off control is,
 * whether it is on, and the Read-only / Read-write choices.
 */

import { classifyRight, type RightId } from './classify';
import {
  accessibleName,
  ancestorWhere,
  byIds,
  elementsWithText,
  innermost,
  matchesWords,
  normalise,
  visibleText,
} from './dom';
import { exactlyOne, NotFoundError, visibleIn } from './find';
import { CHOICE_SELECTOR, GROUP_SELECTOR, SELECT_SELECTOR, TOGGLE_SELECTOR, WORDS } from './selectors';

export type { RightId } from './classify';
export { classifyRight } from './classify';
export type Level = 'read_only' | 'read_write';

/** A Read-only / Read-write choice: the whole key's (Classic) or one right's (UTA). */
export interface LevelChoice {
  value: Level | undefined;
  readOnly: HTMLElement;
  readWrite: HTMLElement;
}

export interface RightControl {
  id: RightId;
  /** What the page calls it, e.g. "futures orders" (normalised). */
  label: string;
  control: HTMLElement;
  /** On, as read from the page (false when `readable` is false). */
  checked: boolean;
  /** Whether the page says if it is on (a switch without aria-checked does not). */
  readable: boolean;
  /** Recognised as one of the rights Mantix knows (else an unknown right: never needed). */
  known: boolean;
  disabled: boolean;
  /** Transfer or withdraw: moves money out. */
  dangerous: boolean;
  /** Which kind of money-moving right, when `dangerous`. */
  moves?: 'transfer' | 'withdraw';
  /** UTA: this right's own Read-only / Read-write choice. */
  level?: LevelChoice;
}

export type Layout = 'classic' | 'unified' | 'unknown';

export interface PermissionsView {
  section: Element;
  layout: Layout;
  /** Classic: Read-only / Read-write for the whole key. */
  mode?: LevelChoice;
  rights: RightControl[];
}

/** A toggle's state: on, off, or undefined when the page does not say. */
export function readToggle(control: Element): boolean | undefined {
  if (control instanceof HTMLInputElement) return control.indeterminate || control.checked;
  const state = control.getAttribute('aria-checked') ?? control.getAttribute('aria-pressed');
  if (state === 'true' || state === 'mixed') return true;
  if (state === 'false') return false;
  return undefined;
}

export function isOn(control: Element): boolean {
  if (control instanceof HTMLInputElement) return control.checked;
  if (control instanceof HTMLOptionElement) return control.selected;
  for (const attr of ['aria-checked', 'aria-selected', 'aria-pressed']) {
    if (control.getAttribute(attr) === 'true') return true;
  }
  return false;
}

export function isDisabled(control: Element): boolean {
  if (control instanceof HTMLInputElement || control instanceof HTMLButtonElement) {
    if (control.disabled) return true;
  }
  if (control instanceof HTMLOptionElement && (control.disabled || control.closest('select')?.disabled)) return true;
  return control.closest('[aria-disabled="true"]') !== null;
}

/** The box holding all permission controls: around the "Permissions" title, else the whole form. */
export function findPermissionsSection(form: Element): Element {
  const titles = elementsWithText(form, WORDS.permissions);
  const sections = titles
    .map((title) => ancestorWhere(title, form, (el) => el.querySelector(TOGGLE_SELECTOR) !== null))
    .filter((el): el is Element => el !== null);
  if (sections.length) return exactlyOne('permissions', innermost(sections));
  if (form.querySelector(TOGGLE_SELECTOR)) return form;
  throw new NotFoundError('permissions', 'missing');
}

/** The box a control's own label lives in: its <label>, or the control itself. */
function ownBox(control: HTMLElement): Element {
  if (control instanceof HTMLInputElement && control.labels?.[0]?.contains(control)) return control.labels[0];
  return control;
}

/**
 * The group title above a control: walking up, the first ancestor with a
 * child that holds no toggle but a short text (a group heading), or an
 * ARIA group / fieldset name.
 */
function groupTitleOf(control: HTMLElement, section: Element, ownLabel: string): string | undefined {
  for (let node = ownBox(control).parentElement; node; node = node.parentElement) {
    if (node.matches(GROUP_SELECTOR)) {
      const legend = node.querySelector(':scope > legend');
      const name = normalise(legend ? visibleText(legend) : accessibleName(node));
      if (name && name !== ownLabel && name.length <= 60) return name;
    }
    for (const child of Array.from(node.children)) {
      if (child.matches(TOGGLE_SELECTOR) || child.querySelector(TOGGLE_SELECTOR)) continue;
      if (child.matches(CHOICE_SELECTOR) || child.querySelector(CHOICE_SELECTOR)) continue;
      // A heading comes before its rights; a line after the control is its description.
      if (!(child.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const text = normalise(visibleText(child));
      if (text && text !== ownLabel && text.length <= 60 && !matchesWords(text, WORDS.permissions)) return text;
    }
    if (node === section) break;
  }
  return undefined;
}

function readLevelChoices(section: Element, toggles: readonly HTMLElement[]) {
  const perOwner = new Map<Element | null, Partial<LevelChoice> & { values: Level[] }>();
  // Radios, tabs, segmented buttons — and the options of a visible <select>.
  const options = visibleIn<HTMLSelectElement>(section, SELECT_SELECTOR).flatMap((select) =>
    Array.from(select.options),
  );
  for (const choice of [...visibleIn<HTMLElement>(section, CHOICE_SELECTOR), ...options]) {
    const name = choice instanceof HTMLOptionElement ? choice.text : accessibleName(choice);
    const level: Level | undefined = matchesWords(name, WORDS.readWrite)
      ? 'read_write'
      : matchesWords(name, WORDS.readOnly)
        ? 'read_only'
        : undefined;
    if (!level) continue;
    const owner = ancestorWhere(choice, section, (el) => toggles.some((t) => el.contains(t)));
    const inside = owner ? toggles.filter((t) => owner.contains(t)) : [];
    const key = inside.length === 1 && inside[0] ? inside[0] : null;
    const entry = perOwner.get(key) ?? { values: [] };
    if (level === 'read_write') entry.readWrite = choice;
    else entry.readOnly = choice;
    if (isOn(choice)) entry.values.push(level);
    perOwner.set(key, entry);
  }
  const result = new Map<HTMLElement | null, LevelChoice>();
  for (const [owner, entry] of perOwner) {
    if (!entry.readOnly || !entry.readWrite) continue;
    result.set(owner as HTMLElement | null, {
      readOnly: entry.readOnly,
      readWrite: entry.readWrite,
      value: entry.values.length === 1 ? entry.values[0] : undefined,
    });
  }
  return result;
}

/** The largest box around `control` (below `section`) that holds no other toggle: its row. */
function rowOf(control: HTMLElement, section: Element, toggles: readonly HTMLElement[]): Element {
  let row: Element = control;
  for (let node = control.parentElement; node && node !== section; node = node.parentElement) {
    if (toggles.some((other) => other !== control && node.contains(other))) break;
    row = node;
  }
  return row;
}

function readRight(control: HTMLElement, section: Element, toggles: readonly HTMLElement[]) {
  const own = normalise(accessibleName(control));
  const row = normalise(visibleText(rowOf(control, section, toggles)));
  const label = own || row.slice(0, 80);
  const group = groupTitleOf(control, section, label);
  const description = row && row !== label ? row : normalise(byIds(control, control.getAttribute('aria-describedby')));
  const { id, moves } = classifyRight(label, group, description);
  const state = readToggle(control);
  return { id, label, group, moves, state };
}

/**
 * Every permission control of the form, what it is and whether it is on.
 * Toggles outside the permission section whose name speaks of moving money
 * are read too: a Withdraw switch is a Withdraw switch wherever it sits.
 */
export function readPermissions(form: Element): PermissionsView {
  const section = findPermissionsSection(form);
  const toggles = visibleIn<HTMLElement>(section, TOGGLE_SELECTOR);
  const levels = readLevelChoices(section, toggles);
  const rights = toggles.map((control): RightControl => {
    const { id, label, group, moves, state } = readRight(control, section, toggles);
    const level = levels.get(control);
    const known = !id.startsWith('other:');
    return {
      id,
      label: group && !id.startsWith('uta.') && !label.includes(group) ? `${group} ${label}` : label,
      control,
      checked: state === true,
      readable: state !== undefined,
      known,
      disabled: isDisabled(control),
      dangerous: moves !== undefined,
      ...(moves ? { moves } : {}),
      ...(level ? { level } : {}),
    };
  });
  const outside = visibleIn<HTMLElement>(form, TOGGLE_SELECTOR).filter((toggle) => !section.contains(toggle));
  for (const control of outside) {
    const { id, label, moves, state } = readRight(control, form, [...toggles, ...outside]);
    if (!moves) continue;
    rights.push({
      id,
      label,
      control,
      checked: state === true,
      readable: state !== undefined,
      known: !id.startsWith('other:'),
      disabled: isDisabled(control),
      dangerous: true,
      moves,
    });
  }
  const ids = new Set(rights.map((r) => r.id));
  const layout: Layout = [...ids].some((id) => id.startsWith('uta.'))
    ? 'unified'
    : ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'].some((id) => ids.has(id as RightId))
      ? 'classic'
      : 'unknown';
  const mode = levels.get(null);
  return { section, layout, ...(mode ? { mode } : {}), rights };
}

/**
 * Finding Bitget's controls by meaning.
 *
 * Every `find*` function either returns exactly one element or throws a
 * `NotFoundError` that says which control is missing or ambiguous; every
 * `query*` function is explicitly optional and returns `undefined`. No
 * silent `?.` chains through the page: a caller that can do without a
 * control catches the error and degrades (copy buttons, text).
 *
 * All wording and markup knowledge comes from selectors.ts.
 */
import {
  accessibleName,
  ancestorWhere,
  elementsWithText,
  innermost,
  isVisible,
  matchesWords,
  normalise,
  queryAll,
  visibleText,
  type Words,
} from './dom';
import {
  API_KEY_IN_TEXT,
  API_KEY_PATTERN,
  BUTTON_SELECTOR,
  CELL_SELECTOR,
  CHOICE_SELECTOR,
  DANGEROUS_ITEMS,
  DIALOG_SELECTOR,
  GROUP_SELECTOR,
  GROUP_WORDS,
  IPV4_TEXT,
  ITEM_WORDS,
  type KnownRight,
  MAIN_SELECTOR,
  PASSWORD_SELECTOR,
  RIGHTS,
  ROW_SELECTOR,
  SECRET_KEY_PATTERN,
  SUBMIT_SELECTOR,
  TEXT_FIELD_SELECTOR,
  TOGGLE_SELECTOR,
  WORDS,
} from './selectors';

/* --------------------------------------------------------------- errors -- */

/** The controls the guide looks for, named in English for errors and logs (the UI says `control_<id>`). */
export const CONTROL_NAMES = {
  signIn: 'Log in button',
  createApiKey: 'Create API Key button',
  systemGenerated: 'System-generated API Key option',
  userGenerated: 'User-generated API Key option',
  note: 'Note field',
  passphrase: 'Passphrase field',
  permissions: 'Permissions section',
  ipField: 'IP address field',
  submit: 'Next button',
  confirm: 'Confirm button',
  apiKey: 'API Key',
  secretKey: 'Secret Key',
} as const;
export type ControlId = keyof typeof CONTROL_NAMES;

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly control: ControlId,
    readonly reason: 'missing' | 'ambiguous',
    readonly count = 0,
  ) {
    super(
      reason === 'missing'
        ? `Bitget's ${CONTROL_NAMES[control]} was not found`
        : `Bitget's ${CONTROL_NAMES[control]} is ambiguous (${count} candidates)`,
    );
  }
}

function exactlyOne<E extends Element>(control: ControlId, found: readonly E[]): E {
  const unique = [...new Set(found)];
  if (unique.length === 1 && unique[0]) return unique[0];
  throw new NotFoundError(control, unique.length ? 'ambiguous' : 'missing', unique.length);
}

/** Calls a finder; `undefined` instead of a NotFoundError (other errors still throw). */
export function optional<T>(find: () => T): T | undefined {
  try {
    return find();
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/* ------------------------------------------------------------ structure -- */

/** Visible modal dialogs, innermost, in document order (the last is on top). */
export function visibleDialogs(doc: Document): HTMLElement[] {
  return innermost(queryAll<HTMLElement>(doc, DIALOG_SELECTOR).filter(isVisible));
}

/** The dialog (or the page) an element belongs to. */
export function dialogOf(element: Element): HTMLElement | undefined {
  return (element.closest(DIALOG_SELECTOR) as HTMLElement | null) ?? undefined;
}

function visibleIn<E extends Element>(scope: ParentNode, selector: string): E[] {
  return queryAll<E>(scope, selector).filter(isVisible);
}

/** Buttons in `scope` whose accessible name matches `words`. */
function buttonsNamed(scope: ParentNode, words: Words): HTMLElement[] {
  return visibleIn<HTMLElement>(scope, BUTTON_SELECTOR).filter((b) => matchesWords(accessibleName(b), words));
}

/**
 * Controls of `selector` labelled by `words`: by accessible name first; else
 * by proximity — from a text matching `words`, the nearest ancestor that
 * contains such controls, if it contains exactly one.
 */
export function controlsLabelled<E extends Element>(scope: Element | Document, words: Words, selector: string): E[] {
  const controls = visibleIn<E>(scope, selector);
  const named = controls.filter((c) => matchesWords(accessibleName(c), words));
  if (named.length) return named;
  const limit = scope instanceof Element ? scope : null;
  const found = new Set<E>();
  for (const label of elementsWithText(scope, words)) {
    const container = ancestorWhere(label, limit, (el) => controls.some((c) => el.contains(c)));
    if (!container) continue;
    const inside = controls.filter((c) => container.contains(c));
    if (inside.length === 1 && inside[0]) found.add(inside[0]);
  }
  return [...found];
}

/* ------------------------------------------------------------ the page -- */

/** The "Log in" button, preferring the one in the page's main content over the header's. */
export function findSignInButton(doc: Document): HTMLElement {
  const all = buttonsNamed(doc, WORDS.signIn).filter((b) => !dialogOf(b));
  const inMain = all.filter((b) => b.closest(MAIN_SELECTOR));
  return exactlyOne('signIn', inMain.length ? inMain : all);
}

export function findCreateButton(doc: Document): HTMLElement {
  return exactlyOne(
    'createApiKey',
    buttonsNamed(doc, WORDS.createApiKey).filter((b) => !dialogOf(b)),
  );
}

/** Rows of the key list (outside dialogs) that show an API key. */
export function countListedKeys(doc: Document): number {
  let count = 0;
  for (const row of Array.from(doc.querySelectorAll(ROW_SELECTOR))) {
    if (dialogOf(row)) continue;
    const cells = Array.from(row.querySelectorAll(CELL_SELECTOR));
    if (cells.some((cell) => API_KEY_IN_TEXT.test(cell.textContent ?? ''))) count += 1;
  }
  return count;
}

/* ---------------------------------------------------------- the chooser -- */

/**
 * The clickable option for a key type in the chooser: the element named by
 * its title if it is a button or radio, else the largest box around the
 * title that does not also hold the other option (a clickable card).
 */
export function findKeyTypeOption(dialog: Element, type: 'system' | 'user'): HTMLElement {
  const control: ControlId = type === 'system' ? 'systemGenerated' : 'userGenerated';
  const words = type === 'system' ? WORDS.systemGenerated : WORDS.userGenerated;
  const other = type === 'system' ? WORDS.userGenerated : WORDS.systemGenerated;
  const titles = innermost(elementsWithText(dialog, words));
  const otherTitles = elementsWithText(dialog, other);
  const options = titles.map((title) => {
    const interactive = title.closest(`${BUTTON_SELECTOR}, ${CHOICE_SELECTOR}`);
    if (interactive && dialog.contains(interactive)) return interactive as HTMLElement;
    let card: Element = title;
    for (let node = title.parentElement; node && node !== dialog; node = node.parentElement) {
      if (otherTitles.some((o) => node.contains(o))) break;
      card = node;
    }
    return card as HTMLElement;
  });
  return exactlyOne(control, options);
}

/* ------------------------------------------------------------- the form -- */

export function findNoteField(form: Element): HTMLInputElement | HTMLTextAreaElement {
  return exactlyOne(
    'note',
    controlsLabelled<HTMLInputElement | HTMLTextAreaElement>(form, WORDS.note, 'input, textarea'),
  );
}

export function findPassphraseField(form: Element): HTMLInputElement {
  const labelled = controlsLabelled<HTMLInputElement>(form, WORDS.passphrase, 'input');
  if (labelled.length) return exactlyOne('passphrase', labelled);
  // By type: the only password field of the form.
  return exactlyOne('passphrase', visibleIn<HTMLInputElement>(form, PASSWORD_SELECTOR));
}

/** The RSA public key field of the user-generated form, if this is that form. */
export function queryPublicKeyField(form: Element): HTMLElement | undefined {
  const found = controlsLabelled<HTMLElement>(form, WORDS.publicKey, 'textarea, input');
  return found.length === 1 ? found[0] : undefined;
}

/** The form's own submit button: "Next" (or "Confirm" on some releases). */
export function findSubmitButton(form: Element): HTMLElement {
  const next = buttonsNamed(form, WORDS.next);
  if (next.length) return exactlyOne('submit', next);
  const confirm = buttonsNamed(form, WORDS.confirm);
  if (confirm.length) return exactlyOne('submit', confirm);
  return exactlyOne('submit', visibleIn<HTMLElement>(form, SUBMIT_SELECTOR));
}

/* ---------------------------------------------------------- permissions -- */

export type Level = 'read_only' | 'read_write';
export type RightId = KnownRight | `other:${string}`;

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
  checked: boolean;
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

export function isOn(control: Element): boolean {
  if (control instanceof HTMLInputElement) return control.checked;
  for (const attr of ['aria-checked', 'aria-selected', 'aria-pressed']) {
    if (control.getAttribute(attr) === 'true') return true;
  }
  return false;
}

export function isDisabled(control: Element): boolean {
  if (control instanceof HTMLInputElement || control instanceof HTMLButtonElement) {
    if (control.disabled) return true;
  }
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

function keyOf<K extends string>(table: Record<K, Words>, text: string): K | undefined {
  for (const key of Object.keys(table) as K[]) {
    if (matchesWords(text, table[key])) return key;
  }
  return undefined;
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
      const text = normalise(visibleText(child));
      if (text && text !== ownLabel && text.length <= 60 && !matchesWords(text, WORDS.permissions)) return text;
    }
    if (node === section) break;
  }
  return undefined;
}

export function classifyRight(label: string, group: string | undefined): RightId {
  const item = keyOf(ITEM_WORDS, label);
  if (item === 'utaTrade') return 'uta.trade';
  if (item === 'utaManagement') return 'uta.management';
  const groupKey = group ? keyOf(GROUP_WORDS, group) : undefined;
  if (item && groupKey) {
    for (const [id, right] of Object.entries(RIGHTS) as [KnownRight, (typeof RIGHTS)[KnownRight]][]) {
      if (right.group === groupKey && right.item === item) return id;
    }
  }
  return `other:${group ? `${group} ` : ''}${label}`;
}

function movesMoney(label: string): 'transfer' | 'withdraw' | undefined {
  const item = keyOf(ITEM_WORDS, label);
  return item !== undefined && (DANGEROUS_ITEMS as readonly string[]).includes(item)
    ? (item as 'transfer' | 'withdraw')
    : undefined;
}

function readLevelChoices(section: Element, toggles: readonly HTMLElement[]) {
  const perOwner = new Map<Element | null, Partial<LevelChoice> & { values: Level[] }>();
  for (const choice of visibleIn<HTMLElement>(section, CHOICE_SELECTOR)) {
    const name = accessibleName(choice);
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

/** Every permission control of the form, what it is and whether it is on. */
export function readPermissions(form: Element): PermissionsView {
  const section = findPermissionsSection(form);
  const toggles = visibleIn<HTMLElement>(section, TOGGLE_SELECTOR);
  const levels = readLevelChoices(section, toggles);
  const rights = toggles.map((control): RightControl => {
    const label = normalise(accessibleName(control));
    const group = groupTitleOf(control, section, label);
    const level = levels.get(control);
    const id = classifyRight(label, group);
    const moves = movesMoney(label);
    return {
      id,
      label: group && !id.startsWith('uta.') ? `${group} ${label}` : label,
      control,
      checked: isOn(control),
      disabled: isDisabled(control),
      dangerous: moves !== undefined,
      ...(moves ? { moves } : {}),
      ...(level ? { level } : {}),
    };
  });
  const ids = new Set(rights.map((r) => r.id));
  const layout: Layout = [...ids].some((id) => id.startsWith('uta.'))
    ? 'unified'
    : ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'].some((id) => ids.has(id as RightId))
      ? 'classic'
      : 'unknown';
  const mode = levels.get(null);
  return { section, layout, ...(mode ? { mode } : {}), rights };
}

/* ------------------------------------------------------------ IP field -- */

export type IpField =
  | { kind: 'comma'; input: HTMLInputElement | HTMLTextAreaElement; box: Element }
  | { kind: 'chips'; input: HTMLInputElement; addButton: HTMLElement | undefined; box: Element };

/**
 * Bitget's IP binding field, in either style: one comma-separated field, or
 * "type one, press Add" chips (an Add button next to a single-line input).
 */
export function findIpField(form: Element): IpField {
  const input = exactlyOne(
    'ipField',
    controlsLabelled<HTMLInputElement | HTMLTextAreaElement>(form, WORDS.ipField, TEXT_FIELD_SELECTOR),
  );
  // The field's box: the nearest ancestor holding the field's title.
  const box =
    ancestorWhere(input, form, (el) => el !== input && elementsWithText(el, WORDS.ipField).length > 0) ??
    input.parentElement ??
    input;
  if (input instanceof HTMLTextAreaElement) return { kind: 'comma', input, box };
  const adds = buttonsNamed(box, WORDS.addIp);
  const chips =
    adds.length > 0 ||
    readChips(box, input).length > 0 ||
    matchesWords(input.getAttribute('placeholder'), WORDS.singleIpPlaceholder);
  if (chips) return { kind: 'chips', input, addButton: adds.length === 1 ? adds[0] : undefined, box };
  return { kind: 'comma', input, box };
}

/** The addresses shown as chips in the field's box (not the draft in the input). */
export function readChips(box: Element, input: Element): string[] {
  const found: string[] = [];
  const doc = box.ownerDocument;
  const walker = doc.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data.trim();
    if (IPV4_TEXT.test(text) && !input.contains(node) && !found.includes(text)) found.push(text);
  }
  return found;
}

/** The addresses currently in the field, either style. */
export function readIps(field: IpField): string[] {
  if (field.kind === 'chips') return readChips(field.box, field.input);
  return field.input.value
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/* ------------------------------------------------------- verification -- */

export function findConfirmButton(dialog: Element): HTMLElement {
  return exactlyOne('confirm', buttonsNamed(dialog, WORDS.confirm));
}

/** The code fields of the security verification, in order. */
export function verificationFields(dialog: Element): HTMLInputElement[] {
  return visibleIn<HTMLInputElement>(dialog, 'input').filter((i) => i.type !== 'hidden' && i.type !== 'checkbox');
}

/* ----------------------------------------------------------- the result -- */

function valuesIn(container: Element, pattern: RegExp): { value: string; element: Element }[] {
  const found: { value: string; element: Element }[] = [];
  const doc = container.ownerDocument;
  const walker = doc.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node as Text).data.trim();
    if (pattern.test(text) && node.parentElement && isVisible(node.parentElement)) {
      found.push({ value: text, element: node.parentElement });
    }
  }
  for (const field of queryAll<HTMLInputElement | HTMLTextAreaElement>(container, 'input, textarea')) {
    const value = field.value.trim();
    if (pattern.test(value) && isVisible(field)) found.push({ value, element: field });
  }
  return found;
}

/** From a label, the nearest box that holds a value of `pattern`: the value next to its label. */
function valueNextTo(dialog: Element, words: Words, pattern: RegExp, control: ControlId) {
  const values = new Map<string, Element>();
  for (const label of elementsWithText(dialog, words)) {
    const box = ancestorWhere(label, dialog, (el) => valuesIn(el, pattern).length > 0);
    if (!box) continue;
    for (const { value, element } of valuesIn(box, pattern)) values.set(value, element);
  }
  if (values.size !== 1) throw new NotFoundError(control, values.size ? 'ambiguous' : 'missing', values.size);
  const [[value, element]] = [...values] as [[string, Element]];
  return { value, element };
}

export interface ResultView {
  apiKey: string;
  apiKeyElement: Element;
  /** Absent for a user-generated (RSA) key: Bitget issues no secret. */
  secret?: { value: string; element: Element };
}

/**
 * The created key in a result dialog: the API Key (`bg_` + 32 hex) next to
 * its label, and the Secret Key (a long hex token) next to its label. Only
 * ever called with a visible dialog: look-alikes elsewhere in the page (a
 * ticker, the key list) are never read.
 */
export function readResult(dialog: Element): ResultView {
  const apiKey = valueNextTo(dialog, WORDS.apiKeyLabel, API_KEY_PATTERN, 'apiKey');
  const hasSecretLabel = elementsWithText(dialog, WORDS.secretKeyLabel).length > 0;
  if (!hasSecretLabel) return { apiKey: apiKey.value, apiKeyElement: apiKey.element };
  const secret = valueNextTo(dialog, WORDS.secretKeyLabel, SECRET_KEY_PATTERN, 'secretKey');
  return { apiKey: apiKey.value, apiKeyElement: apiKey.element, secret };
}

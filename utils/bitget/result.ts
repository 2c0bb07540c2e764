/**
 * The created key as Bitget shows it the one time: the ONLY module that
 * reads a secret from the page's DOM (a secret only behind a Copy button
 * comes from the copy the user's press makes: components/overlay/copy-watch.ts).
 */
import { ancestorWhere, elementsWithText, isVisible, queryAll, type Words } from './dom';
import { type ControlId, NotFoundError } from './find';
import { BUTTON_SELECTOR, COPY_VALUE_SELECTOR, WORDS } from './selectors';
import { API_KEY_SHAPE, SECRET_KEY_SHAPE } from './shapes';

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
  // A value kept for a copy button (`data-clipboard-text` and the like).
  for (const element of queryAll(container, COPY_VALUE_SELECTOR)) {
    for (const attribute of Array.from(element.attributes)) {
      if (!attribute.name.startsWith('data-')) continue;
      const value = attribute.value.trim();
      if (pattern.test(value) && isVisible(element)) found.push({ value, element });
    }
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
  /**
   * Absent when nothing of a Secret Key's shape is shown: a user-generated
   * (RSA) key, or a Secret Key masked or kept behind a Copy button.
   */
  secret?: { value: string; element: Element };
}

/** Every distinct value of `pattern` shown in `dialog`: exactly one, none, or NotFoundError('ambiguous'). */
function onlyValue(dialog: Element, pattern: RegExp, control: ControlId) {
  const values = new Map<string, Element>();
  for (const { value, element } of valuesIn(dialog, pattern)) values.set(value, element);
  if (values.size > 1) throw new NotFoundError(control, 'ambiguous', values.size);
  const [first] = [...values];
  return first ? { value: first[0], element: first[1] } : undefined;
}

/** By its label when the page labels it plainly; else by shape: the one value of that shape in the dialog. */
function labelledOrOnly(dialog: Element, words: Words, pattern: RegExp, control: ControlId) {
  const labelled =
    elementsWithText(dialog, words).length > 0
      ? optionalValue(() => valueNextTo(dialog, words, pattern, control))
      : undefined;
  return labelled ?? onlyValue(dialog, pattern, control);
}

/**
 * The created key in a result dialog, drawer or section: the API Key (`bg_`
 * + 32 hex) and the Secret Key (a long hex token), each next to its label
 * when the page labels them in words we know, else by shape alone (the one
 * value of that shape in the container: text or a read-only field). Two
 * different values of one shape are never guessed between. Only ever called
 * with a visible flow container: look-alikes elsewhere in the page (a
 * ticker, the key list) are never read.
 */
export function readResult(dialog: Element): ResultView {
  const apiKey = labelledOrOnly(dialog, WORDS.apiKeyLabel, API_KEY_SHAPE, 'apiKey');
  if (!apiKey) throw new NotFoundError('apiKey', 'missing', 0);
  // Nothing readable next to a Secret Key label (masked, behind a Copy
  // button) is no `secret`; the capture decides what that means (it is never
  // "a user-generated key" after a System-generated form).
  const secret =
    elementsWithText(dialog, WORDS.secretKeyLabel).length > 0
      ? optionalValue(() => valueNextTo(dialog, WORDS.secretKeyLabel, SECRET_KEY_SHAPE, 'secretKey'))
      : onlyValue(dialog, SECRET_KEY_SHAPE, 'secretKey');
  return { apiKey: apiKey.value, apiKeyElement: apiKey.element, ...(secret ? { secret } : {}) };
}

/** The value, or undefined when none is shown; two different ones still throw ('ambiguous'). */
function optionalValue<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof NotFoundError && error.reason === 'missing') return undefined;
    throw error;
  }
}

/**
 * A Secret Key as the page copies it when the user presses its Copy button
 * (the only way some pages show it): the whole copied text, trimmed, of a
 * Secret Key's shape, and not the API Key. Undefined for anything else.
 */
export function secretFromCopy(copied: string, apiKey: string): string | undefined {
  const value = copied.trim();
  return value !== apiKey && SECRET_KEY_SHAPE.test(value) ? value : undefined;
}

/**
 * The Copy button next to the Secret Key label: the one visible button of
 * the smallest box around the label that has any. Undefined when there is
 * no such label, or its box holds several buttons (never a guess).
 */
export function findSecretCopyButton(dialog: Element): HTMLElement | undefined {
  const buttons = (box: Element) => queryAll<HTMLElement>(box, BUTTON_SELECTOR).filter(isVisible);
  for (const label of elementsWithText(dialog, WORDS.secretKeyLabel)) {
    const box = ancestorWhere(label, dialog, (el) => buttons(el).length > 0);
    const found = box ? buttons(box) : [];
    if (found.length === 1) return found[0];
  }
  return undefined;
}

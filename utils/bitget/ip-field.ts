/** Bitget's IP binding field, in either style, and the addresses in it. */
import { ancestorWhere, elementsWithText, matchesWords } from './dom';
import { buttonsNamed, controlsLabelled, exactlyOne } from './find';
import { IPV4_TEXT, TEXT_FIELD_SELECTOR, WORDS } from './selectors';

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

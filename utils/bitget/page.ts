/**
 * The page around the flow: sign-in, the key list, the key-type chooser and
 * the security verification.
 */
import { elementsWithText, innermost } from './dom';
import { buttonsNamed, type ControlId, dialogOf, exactlyOne, visibleIn } from './find';
import {
  API_KEY_IN_TEXT,
  BUTTON_SELECTOR,
  CELL_SELECTOR,
  CHOICE_SELECTOR,
  MAIN_SELECTOR,
  ROW_SELECTOR,
  WORDS,
} from './selectors';

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

export function findConfirmButton(dialog: Element): HTMLElement {
  return exactlyOne('confirm', buttonsNamed(dialog, WORDS.confirm));
}

/** The code fields of the security verification, in order. */
export function verificationFields(dialog: Element): HTMLInputElement[] {
  return visibleIn<HTMLInputElement>(dialog, 'input').filter((i) => i.type !== 'hidden' && i.type !== 'checkbox');
}

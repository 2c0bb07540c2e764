/**
 * Which step of Bitget's flow the page shows, from what is on screen:
 * the top visible dialog first (result, verification, form, chooser, key
 * limit), then the page under it (key list, signed out).
 */

import { isVisible, matchesWords, normalise, visibleText, type Words } from './dom';
import { optional, visibleDialogs, visibleFlowContainers, visibleIn } from './find';
import { queryPublicKeyField } from './form';
import { countListedKeys, findCreateButton, findSignInButton } from './page';
import {
  ANNOUNCEMENT_SELECTOR,
  MAX_KEYS,
  PASSWORD_SELECTOR,
  ROW_SELECTOR,
  TEXT_FIELD_SELECTOR,
  TOGGLE_SELECTOR,
  WORDS,
} from './selectors';
import { API_KEY_SHAPE, SECRET_KEY_SHAPE } from './shapes';

export type PageKind =
  | 'loading'
  | 'signed-out'
  | 'key-list'
  | 'chooser'
  | 'form'
  | 'verification'
  | 'result'
  | 'key-limit';

export interface PageState {
  kind: PageKind;
  /** The dialog this state lives in (chooser, form, verification, result, a limit dialog). */
  dialog?: HTMLElement;
  /** Form and result: a System-generated (HMAC) or User-generated (RSA) key. */
  keyType?: 'system' | 'user';
  /** Key list: how many keys the list shows. */
  keyCount?: number;
}

/** The short texts of a subtree, normalised, for cheap repeated word tests. */
class TextIndex {
  private readonly texts: string[] = [];

  constructor(root: Element) {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const parents = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = (node as Text).data;
      if (!data.trim()) continue;
      if (data.length <= 200) this.texts.push(normalise(data));
      const parent = node.parentElement;
      if (parent && !parents.has(parent)) {
        parents.add(parent);
        const whole = visibleText(parent);
        if (whole !== data && whole.length <= 200) this.texts.push(normalise(whole));
      }
    }
  }

  has(words: Words): boolean {
    return this.texts.some((text) => text && words.some((word) => word.test(text)));
  }

  hasValue(pattern: RegExp): boolean {
    return this.texts.some((text) => pattern.test(text));
  }
}

function fieldValues(dialog: Element): string[] {
  return Array.from(dialog.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'), (f) =>
    f.value.trim(),
  );
}

/**
 * The key form in words the guide does not know (a language it has no words
 * for, a new wording): on/off controls (three or more: every layout of the
 * rights has more, a sign-in form's "remember me" and "I agree" boxes fewer),
 * a field to type in — a password field outside a modal dialog, where a
 * page's own filters could look alike — and no table of keys. Taken for the
 * form so that the guard on Next stays on: every right there is unknown, and
 * Next is stopped while one of them is on.
 */
function looksLikeKeyForm(container: HTMLElement, modal: boolean): boolean {
  // Cheapest first: a scan asks this of every container the words did not name.
  if (container.querySelector(ROW_SELECTOR)) return false;
  if (visibleIn(container, modal ? TEXT_FIELD_SELECTOR : PASSWORD_SELECTOR).length === 0) return false;
  return visibleIn(container, TOGGLE_SELECTOR).length >= 3;
}

/**
 * What a visible dialog (or, `modal` false, a drawer or inline container)
 * is, or undefined for one the guide does not care about (e.g. "Delete API key?").
 */
export function classifyDialog(dialog: HTMLElement, modal = true): PageState | undefined {
  const text = new TextIndex(dialog);
  const values = fieldValues(dialog);
  const lowerKey = (pattern: RegExp) => text.hasValue(pattern) || values.some((v) => pattern.test(v));
  // The result by shape as much as by words: a `bg_` key with its label or
  // a Secret Key label (its value behind a Copy button), or a `bg_` key and a
  // long hex token side by side (labels we do not know).
  if (lowerKey(API_KEY_SHAPE)) {
    const secretShown = lowerKey(SECRET_KEY_SHAPE);
    if (secretShown || text.has(WORDS.apiKeyLabel) || text.has(WORDS.secretKeyLabel))
      return { kind: 'result', dialog, keyType: secretShown ? 'system' : 'user' };
  }
  if (text.has(WORDS.passphrase) || text.has(WORDS.publicKey) || text.has(WORDS.permissions)) {
    const user =
      text.has(WORDS.formUserGenerated) || (!text.has(WORDS.passphrase) && optional(() => queryPublicKeyField(dialog)));
    return { kind: 'form', dialog, keyType: user ? 'user' : 'system' };
  }
  if (text.has(WORDS.keyLimit)) return { kind: 'key-limit', dialog };
  if (text.has(WORDS.verification)) return { kind: 'verification', dialog };
  if (text.has(WORDS.systemGenerated) && text.has(WORDS.userGenerated)) return { kind: 'chooser', dialog };
  if (looksLikeKeyForm(dialog, modal)) return { kind: 'form', dialog, keyType: 'system' };
  return undefined;
}

function limitAlertShown(doc: Document): boolean {
  for (const alert of Array.from(doc.querySelectorAll(ANNOUNCEMENT_SELECTOR))) {
    if (isVisible(alert) && matchesWords(visibleText(alert), WORDS.keyLimit)) return true;
  }
  return false;
}

export function detectPageState(doc: Document): PageState {
  const dialogs = visibleDialogs(doc);
  for (let i = dialogs.length - 1; i >= 0; i--) {
    const dialog = dialogs[i];
    if (!dialog) continue;
    const state = classifyDialog(dialog);
    if (state) return state;
  }
  // Not in a dialog: a drawer, a side panel or a form inline on its own route.
  // Only the flow's own states count there (never the key list's table as a result).
  const containers = visibleFlowContainers(doc);
  for (let i = containers.length - 1; i >= 0; i--) {
    const container = containers[i];
    if (!container || dialogs.some((d) => d.contains(container))) continue;
    const state = classifyDialog(container, false);
    if (!state || state.kind === 'key-limit') continue;
    if (state.kind === 'result' && container.querySelector(ROW_SELECTOR)) continue;
    return state;
  }
  if (limitAlertShown(doc)) return { kind: 'key-limit' };
  const create = optional(() => findCreateButton(doc));
  if (create) {
    const keyCount = countListedKeys(doc);
    return { kind: keyCount >= MAX_KEYS ? 'key-limit' : 'key-list', keyCount };
  }
  if (optional(() => findSignInButton(doc))) return { kind: 'signed-out' };
  return { kind: 'loading' };
}

/** The form's own fields: Note, Passphrase, the RSA public key, and its submit button. */
import { buttonsNamed, controlsLabelled, exactlyOne, optional, visibleIn } from './find';
import {
  BUTTON_SELECTOR,
  CHOICE_SELECTOR,
  PASSWORD_SELECTOR,
  SUBMIT_SELECTOR,
  TOGGLE_SELECTOR,
  WORDS,
} from './selectors';

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

/**
 * Whether a press on `pressed` (inside `form`) may submit it. Bitget's submit
 * button when it is found; when it cannot be told apart (words the guide
 * does not know, no `type="submit"`), any button of the form but an on/off
 * control or a choice may be it, if a person pressed it (`byUser`; the
 * guide's own writes press Bitget's Add button): the guard on Next then
 * stops them all rather than let the real one through.
 */
export function maySubmit(form: Element, pressed: Element, byUser: boolean): boolean {
  const submit = optional(() => findSubmitButton(form));
  if (submit) return submit.contains(pressed);
  const button = pressed.closest(BUTTON_SELECTOR);
  return (
    byUser && button !== null && form.contains(button) && !button.closest(`${TOGGLE_SELECTOR}, ${CHOICE_SELECTOR}`)
  );
}

/**
 * The seven steps of the Mantix guide and which one the page is at, derived
 * from the page state alone (pure, so the panel follows the page live).
 */
import { PASSPHRASE_RULE } from '../bitget/shapes';
import type { PageKind } from '../bitget/state';
import { t } from '../i18n';

/**
 * The steps' titles in English (tests locate steps by them); the panel shows
 * `stepTitle()`, i.e. `guide_step1`… in the UI language. The i18n unit test
 * keeps the two in step.
 */
export const GUIDE_STEPS = [
  'Sign in to Bitget',
  'Open API Management',
  'Create API Key → System-generated',
  'Set Note, Passphrase and rights',
  'Bind Mantix server IPs',
  'Confirm with 2FA',
  'Send the keys to Mantix',
] as const;

/** The title of step `index` (0-based) in the UI language. */
export function stepTitle(index: number): string {
  return t(`guide_step${(index + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
}

/** 0-based index into GUIDE_STEPS. */
export type StepIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface FormProgress {
  keyType: 'system' | 'user';
  noteDone: boolean;
  passphraseDone: boolean;
  rightsDone: boolean;
  ipsDone: boolean;
}

export function currentStep(page: PageKind, form?: FormProgress): StepIndex {
  switch (page) {
    case 'signed-out':
      return 0;
    case 'loading':
      return 1;
    case 'key-list':
    case 'key-limit':
    case 'chooser':
      return 2;
    case 'form':
      if (!form || form.keyType === 'user') return 2;
      if (!form.noteDone || !form.passphraseDone || !form.rightsDone) return 3;
      if (!form.ipsDone) return 4;
      return 5;
    case 'verification':
      return 5;
    case 'result':
      return 6;
  }
}

export type PassphraseCheck = 'empty' | 'too-short' | 'too-long' | 'invalid-characters' | 'ok';

/** Bitget's passphrase rule (8–32 letters and digits), without keeping the value. */
export function checkPassphrase(value: string): PassphraseCheck {
  if (value.length === 0) return 'empty';
  if (!PASSPHRASE_RULE.charset.test(value)) return 'invalid-characters';
  if (value.length < PASSPHRASE_RULE.min) return 'too-short';
  if (value.length > PASSPHRASE_RULE.max) return 'too-long';
  return 'ok';
}

const PASSPHRASE_MESSAGES = {
  empty: 'passphraseCheck_empty',
  'too-short': 'passphraseCheck_tooShort',
  'too-long': 'passphraseCheck_tooLong',
  'invalid-characters': 'passphraseCheck_invalidCharacters',
  ok: 'passphraseCheck_ok',
} as const satisfies Record<PassphraseCheck, string>;

/** What the guide says about the passphrase, in the UI language. */
export function passphraseMessage(check: PassphraseCheck): string {
  return t(PASSPHRASE_MESSAGES[check]);
}

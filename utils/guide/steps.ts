/**
 * The seven steps of the Mantix guide and which one the page is at, derived
 * from the page state alone (pure, so the panel follows the page live).
 */
import { PASSPHRASE_RULE } from '../bitget/selectors';
import type { PageKind } from '../bitget/state';

export const GUIDE_STEPS = [
  'Sign in to Bitget',
  'Open API Management',
  'Create API Key → System-generated',
  'Set Note, Passphrase and rights',
  'Bind Mantix server IPs',
  'Confirm with 2FA',
  'Send the keys to Mantix',
] as const;

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

export const PASSPHRASE_MESSAGES: Record<PassphraseCheck, string> = {
  empty: 'Choose a passphrase: 8–32 letters and digits.',
  'too-short': 'Too short: use 8–32 letters and digits.',
  'too-long': 'Too long: use at most 32 letters and digits.',
  'invalid-characters': 'Use letters and digits only: no spaces or symbols.',
  ok: 'Passphrase meets Bitget’s rule (8–32 letters and digits).',
};

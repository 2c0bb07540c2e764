/**
 * What Mantix's verdict on a key means for the user: the contract's failure
 * codes (../shared/mantix-api.md §3) mapped to the seed's troubleshooting
 * sentences, the action that fixes each, and whether the keys are useless now
 * (then the background wipes them at once). The sentences are in the UI
 * language (public/_locales).
 */
import { t } from '../i18n';

export const FAILURE_CODES = [
  'invalid_passphrase',
  'invalid_api_key',
  'ip_not_allowed',
  'missing_permission',
  'withdraw_enabled',
  'account_restricted',
  'exchange_unavailable',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/**
 * What the popup offers next to the sentence.
 * - `reenter_passphrase`: the passphrase field, then "Send again"
 * - `fill_ips`: open Bitget's API page (the guide fills Mantix's IPs), then "Send again"
 * - `set_up_rights`: open Bitget's API page to add the rights, then "Send again"
 * - `new_key`: the keys are wiped; create a new key on Bitget
 * - `check_again`: ask Mantix again about the same connection
 * - `send_again`: send the same keys again
 * - `link_again`: open the options page to link the account again
 * - `none`: nothing the user can fix here (e.g. an untrusted server key)
 */
export type FixAction =
  | 'reenter_passphrase'
  | 'fill_ips'
  | 'set_up_rights'
  | 'new_key'
  | 'check_again'
  | 'send_again'
  | 'link_again'
  | 'none';

export interface Advice {
  /** The sentence for the user. */
  sentence: string;
  action: FixAction;
  /** The keys cannot work any more: wipe them now. */
  wipeKeys: boolean;
}

/** What fixes each failure; the sentence is `verification_<code>` in public/_locales (the seed's troubleshooting list). */
const VERIFICATION_FIX: Record<FailureCode, Omit<Advice, 'sentence'>> = {
  invalid_passphrase: { action: 'reenter_passphrase', wipeKeys: false },
  invalid_api_key: { action: 'new_key', wipeKeys: true },
  ip_not_allowed: { action: 'fill_ips', wipeKeys: false },
  missing_permission: { action: 'set_up_rights', wipeKeys: false },
  withdraw_enabled: { action: 'new_key', wipeKeys: true },
  account_restricted: { action: 'new_key', wipeKeys: true },
  exchange_unavailable: { action: 'check_again', wipeKeys: false },
};

export function isFailureCode(code: string): code is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(code);
}

/**
 * Advice for a failed verification. `serverMessage` (Mantix's own sentence)
 * is added where it names what is missing (`missing_permission`).
 */
export function verificationAdvice(code: string, serverMessage?: string): Advice {
  if (!isFailureCode(code)) return { sentence: t('verification_unknown'), action: 'send_again', wipeKeys: false };
  const sentence = t(`verification_${code}`);
  if (code === 'missing_permission' && serverMessage) {
    return { ...VERIFICATION_FIX[code], sentence: t('verification_mantixSays', [sentence, serverMessage]) };
  }
  return { ...VERIFICATION_FIX[code], sentence };
}

/* ---------------------------------------------- failures before a verdict -- */

/** Codes the handoff itself produces (besides the Mantix client's own). */
export const HANDOFF_ERROR_CODES = [
  'untrusted_ingest_key',
  'retries_exhausted',
  'key_rotated_twice',
  'refused',
  'keys_gone',
  'poll_timeout',
  'not_linked',
  'internal',
] as const;
export type HandoffErrorCode = (typeof HANDOFF_ERROR_CODES)[number];

/** The error with its sentence (`handoffError_<code>` in public/_locales). */
export function handoffError(code: HandoffErrorCode): { code: HandoffErrorCode; message: string } {
  return { code, message: t(`handoffError_${code}`) };
}

/** Codes of the Mantix client (utils/mantix/errors.ts) that the user fixes by linking again. */
const LINK_CODES = new Set(['not_linked', 'link_expired', 'insufficient_scope']);

/** The action offered next to an error that happened before Mantix gave a verdict. */
export function sendErrorAction(code: string): FixAction {
  if (LINK_CODES.has(code)) return 'link_again';
  if (code === 'untrusted_ingest_key') return 'none';
  if (code === 'poll_timeout') return 'check_again';
  if (code === 'keys_gone') return 'new_key';
  return 'send_again';
}

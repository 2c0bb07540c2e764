/**
 * What Mantix's verdict on a key means for the user: the contract's failure
 * codes (../shared/mantix-api.md §3) mapped to the seed's troubleshooting
 * sentences, the action that fixes each, and whether the keys are useless now
 * (then the background wipes them at once).
 */

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

const VERIFICATION_ADVICE: Record<FailureCode, Advice> = {
  invalid_passphrase: {
    sentence: 'Bitget refused the Passphrase. Re-enter it exactly as you set it on Bitget, then send again.',
    action: 'reenter_passphrase',
    wipeKeys: false,
  },
  invalid_api_key: {
    sentence:
      'Bitget does not accept this API Key or Secret Key: one of them is wrong, or the key was deleted. Create a new key on Bitget.',
    action: 'new_key',
    wipeKeys: true,
  },
  ip_not_allowed: {
    sentence:
      "The key's IP list lacks Mantix's servers. Add them to the key on Bitget (Mantix Connect fills them in for you), then send again.",
    action: 'fill_ips',
    wipeKeys: false,
  },
  missing_permission: {
    sentence: 'The key lacks the Read & Trade rights Mantix needs. Add them to the key on Bitget, then send again.',
    action: 'set_up_rights',
    wipeKeys: false,
  },
  withdraw_enabled: {
    sentence:
      'The key has Transfer or Withdraw rights, and Mantix refuses such keys. Delete it on Bitget and create a new key without them.',
    action: 'new_key',
    wipeKeys: true,
  },
  account_restricted: {
    sentence:
      'Bitget has restricted your account or its API access. Resolve it with Bitget support, then create a new key.',
    action: 'new_key',
    wipeKeys: true,
  },
  exchange_unavailable: {
    sentence: 'Bitget did not answer Mantix. Mantix keeps trying by itself; check again in a minute.',
    action: 'check_again',
    wipeKeys: false,
  },
};

const UNKNOWN_VERIFICATION: Advice = {
  sentence: 'Mantix could not verify the key. Check the key on Bitget, then send again.',
  action: 'send_again',
  wipeKeys: false,
};

export function isFailureCode(code: string): code is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(code);
}

/**
 * Advice for a failed verification. `serverMessage` (Mantix's own sentence)
 * is added where it names what is missing (`missing_permission`).
 */
export function verificationAdvice(code: string, serverMessage?: string): Advice {
  if (!isFailureCode(code)) return UNKNOWN_VERIFICATION;
  const advice = VERIFICATION_ADVICE[code];
  if (code === 'missing_permission' && serverMessage) {
    return { ...advice, sentence: `${advice.sentence} Mantix says: ${serverMessage}` };
  }
  return advice;
}

/* ---------------------------------------------- failures before a verdict -- */

/** Codes the handoff itself produces (besides the Mantix client's own). */
export const HANDOFF_ERRORS = {
  untrusted_ingest_key: {
    code: 'untrusted_ingest_key',
    message:
      "Mantix's encryption key is not one this version of Mantix Connect trusts, so nothing was sent. Update Mantix Connect or contact Mantix support.",
  },
  retries_exhausted: {
    code: 'retries_exhausted',
    message: 'Mantix could not be reached after 6 tries. Your keys stay in this browser until they expire; try again.',
  },
  key_rotated_twice: {
    code: 'key_rotated_twice',
    message: 'Mantix changed its encryption key while the keys were being sent. Nothing was stored; try again.',
  },
  refused: {
    code: 'refused',
    message: "Mantix refused the encrypted keys. Check that your computer's date and time are right, then try again.",
  },
  keys_gone: {
    code: 'keys_gone',
    message: 'The captured keys are gone (discarded or expired), so nothing more was sent.',
  },
  poll_timeout: {
    code: 'poll_timeout',
    message: 'Mantix is still checking the key after 2 minutes. Check again in a moment.',
  },
  not_linked: {
    code: 'not_linked',
    message: 'Mantix Connect is not linked to a Mantix account. Link it in the settings, then send again.',
  },
} as const satisfies Record<string, { code: string; message: string }>;

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

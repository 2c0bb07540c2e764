/**
 * The popup's security checklist. The first three items come from what the
 * page showed when the key was created (`observed`); the last two only the
 * user can confirm. Pasted keys have nothing observed: those items say so.
 */

import { type KnownRight, REQUIRED_RIGHTS, RIGHTS } from '../bitget/selectors';
import { MAX_BOUND_IPS } from '../ip';
import type { Observed } from '../protocol';

export type CheckState = 'ok' | 'problem' | 'unknown';

export interface ObservedCheck {
  id: 'rights' | 'no_transfer' | 'ips';
  label: string;
  state: CheckState;
  /** Why, in a few words. */
  note: string;
}

/** A right counts as granted when `permissions` names it (its id) or its read-write code. */
function granted(permissions: readonly string[], right: KnownRight): boolean {
  const readWrite = RIGHTS[right].codes[0];
  return permissions.includes(right) || (readWrite !== undefined && permissions.includes(readWrite));
}

export function observedChecks(observed: Observed | null): ObservedCheck[] {
  if (!observed) {
    const note = 'Not seen (pasted keys): check it on Bitget.';
    return [
      { id: 'rights', label: 'Read & Trade rights', state: 'unknown', note },
      { id: 'no_transfer', label: 'Transfer and Withdraw off', state: 'unknown', note },
      { id: 'ips', label: `IP addresses bound (up to ${MAX_BOUND_IPS})`, state: 'unknown', note },
    ];
  }
  return [rightsCheck(observed), transferCheck(observed), ipsCheck(observed)];
}

function rightsCheck(observed: Observed): ObservedCheck {
  const label = 'Read & Trade rights';
  if (observed.account_mode === 'unknown') {
    return { id: 'rights', label, state: 'unknown', note: 'The page layout was not recognised: check it on Bitget.' };
  }
  const missing = REQUIRED_RIGHTS[observed.account_mode].filter((right) => !granted(observed.permissions, right));
  return missing.length === 0
    ? { id: 'rights', label, state: 'ok', note: 'Read & Trade rights are on.' }
    : { id: 'rights', label, state: 'problem', note: `Missing: ${missing.join(', ')}.` };
}

function transferCheck(observed: Observed): ObservedCheck {
  const label = 'Transfer and Withdraw off';
  const on = [observed.transfer_enabled ? 'Transfer' : undefined, observed.withdraw_enabled ? 'Withdraw' : undefined]
    .filter(Boolean)
    .join(' and ');
  return on
    ? { id: 'no_transfer', label, state: 'problem', note: `${on} is on: Mantix refuses such keys.` }
    : { id: 'no_transfer', label, state: 'ok', note: 'No right can move money out.' };
}

function ipsCheck(observed: Observed): ObservedCheck {
  const label = `IP addresses bound (up to ${MAX_BOUND_IPS})`;
  const count = observed.ip_whitelist.length;
  if (count === 0) return { id: 'ips', label, state: 'problem', note: 'No IP address is bound to the key.' };
  if (count > MAX_BOUND_IPS) {
    return {
      id: 'ips',
      label,
      state: 'problem',
      note: `${count} addresses: Bitget recommends at most ${MAX_BOUND_IPS}.`,
    };
  }
  return { id: 'ips', label, state: 'ok', note: `${count} address${count === 1 ? '' : 'es'} bound.` };
}

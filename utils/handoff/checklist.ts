/**
 * The popup's security checklist. The first three items come from what the
 * page showed when the key was created (`observed`); the last two only the
 * user can confirm. Pasted keys have nothing observed: those items say so.
 */

import { type KnownRight, REQUIRED_RIGHTS, RIGHTS } from '../bitget/selectors';
import { t } from '../i18n';
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
    const note = t('checklist_notSeen');
    return [
      { id: 'rights', label: t('checklist_rights'), state: 'unknown', note },
      { id: 'no_transfer', label: t('checklist_noTransfer'), state: 'unknown', note },
      { id: 'ips', label: t('checklist_ips', MAX_BOUND_IPS), state: 'unknown', note },
    ];
  }
  return [rightsCheck(observed), transferCheck(observed), ipsCheck(observed)];
}

function rightsCheck(observed: Observed): ObservedCheck {
  const label = t('checklist_rights');
  if (observed.account_mode === 'unknown') {
    return { id: 'rights', label, state: 'unknown', note: t('checklist_layoutUnknown') };
  }
  const missing = REQUIRED_RIGHTS[observed.account_mode].filter((right) => !granted(observed.permissions, right));
  return missing.length === 0
    ? { id: 'rights', label, state: 'ok', note: t('checklist_rightsOn') }
    : { id: 'rights', label, state: 'problem', note: t('checklist_missing', missing.join(', ')) };
}

function transferCheck(observed: Observed): ObservedCheck {
  const label = t('checklist_noTransfer');
  const { transfer_enabled: transfer, withdraw_enabled: withdraw } = observed;
  if (!transfer && !withdraw) return { id: 'no_transfer', label, state: 'ok', note: t('checklist_noMoneyOut') };
  const note =
    transfer && withdraw ? t('checklist_bothOn') : transfer ? t('checklist_transferOn') : t('checklist_withdrawOn');
  return { id: 'no_transfer', label, state: 'problem', note };
}

function ipsCheck(observed: Observed): ObservedCheck {
  const label = t('checklist_ips', MAX_BOUND_IPS);
  const count = observed.ip_whitelist.length;
  if (count === 0) return { id: 'ips', label, state: 'problem', note: t('checklist_noIps') };
  if (count > MAX_BOUND_IPS) {
    return {
      id: 'ips',
      label,
      state: 'problem',
      note: t('checklist_tooManyIps', [count, MAX_BOUND_IPS]),
    };
  }
  const note = count === 1 ? t('checklist_ipsBound_one', count) : t('checklist_ipsBound_other', count);
  return { id: 'ips', label, state: 'ok', note };
}

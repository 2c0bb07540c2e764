/**
 * The popup's security checklist, as codes: what the page showed when the key
 * was created (`observed`). The view (components/popup/Checklist.tsx) turns
 * the codes into words; nothing here is text. Pasted keys have nothing
 * observed: one item says so.
 */

import { type KnownRight, REQUIRED_RIGHTS, RIGHTS } from '../bitget/rights';
import { MAX_BOUND_IPS } from '../ip';
import type { Observed } from '../protocol';

export type CheckState = 'ok' | 'problem' | 'unknown';

export type ObservedCheck =
  | { id: 'not_seen'; state: 'unknown' }
  | { id: 'rights'; state: 'ok' }
  | { id: 'rights'; state: 'unknown'; reason: 'layout_unknown' }
  | { id: 'rights'; state: 'problem'; missing: KnownRight[] }
  | { id: 'no_transfer'; state: 'ok' }
  | { id: 'no_transfer'; state: 'problem'; transfer: boolean; withdraw: boolean }
  | { id: 'ips'; state: 'ok'; count: number }
  | { id: 'ips'; state: 'problem'; count: number; max: number };

/** A right counts as granted when `permissions` names it (its id) or its read-write code. */
function granted(permissions: readonly string[], right: KnownRight): boolean {
  const readWrite = RIGHTS[right].codes[0];
  return permissions.includes(right) || (readWrite !== undefined && permissions.includes(readWrite));
}

export function observedChecks(observed: Observed | null): ObservedCheck[] {
  if (!observed) return [{ id: 'not_seen', state: 'unknown' }];
  return [rightsCheck(observed), transferCheck(observed), ipsCheck(observed)];
}

function rightsCheck(observed: Observed): ObservedCheck {
  if (observed.account_mode === 'unknown') return { id: 'rights', state: 'unknown', reason: 'layout_unknown' };
  const missing = REQUIRED_RIGHTS[observed.account_mode].filter((right) => !granted(observed.permissions, right));
  return missing.length === 0 ? { id: 'rights', state: 'ok' } : { id: 'rights', state: 'problem', missing };
}

function transferCheck(observed: Observed): ObservedCheck {
  const { transfer_enabled: transfer, withdraw_enabled: withdraw } = observed;
  if (!transfer && !withdraw) return { id: 'no_transfer', state: 'ok' };
  return { id: 'no_transfer', state: 'problem', transfer, withdraw };
}

function ipsCheck(observed: Observed): ObservedCheck {
  const count = observed.ip_whitelist.length;
  if (count === 0 || count > MAX_BOUND_IPS) return { id: 'ips', state: 'problem', count, max: MAX_BOUND_IPS };
  return { id: 'ips', state: 'ok', count };
}

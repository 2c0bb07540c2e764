/**
 * Codes in, words out: the popup's view turns the handoff's codes (checklist
 * items, rights, key names) into sentences in the UI language. Nothing here
 * decides anything.
 */
import type { REQUIRED_RIGHTS } from '@/utils/bitget/rights';
import type { ObservedCheck } from '@/utils/handoff/checklist';
import { formatList, type MessageKey, t } from '@/utils/i18n';
import { tPlural } from '../shared/plural';

type RequiredRight = (typeof REQUIRED_RIGHTS)[keyof typeof REQUIRED_RIGHTS][number];

/** Bitget's names of the rights Mantix needs (the guide uses the same words). */
const RIGHT_NAMES: Record<RequiredRight, MessageKey> = {
  'futures.orders': 'rights_futuresOrders',
  'futures.holdings': 'rights_futuresHoldings',
  'spot.trade': 'rights_spotTrade',
  'margin.trade': 'rights_marginTrade',
  'uta.trade': 'rights_utaTrade',
};

export function rightName(right: string): string {
  const key = RIGHT_NAMES[right as RequiredRight];
  return key ? t(key as 'rights_spotTrade') : right;
}

/** One sentence per checklist item: each thing said once. */
export function checkSentence(check: ObservedCheck): string {
  switch (check.id) {
    case 'not_seen':
      return t('checklist_notSeenAll');
    case 'rights':
      if (check.state === 'ok') return t('checklist_rightsOn');
      if (check.state === 'unknown') return t('checklist_layoutUnknown');
      return t('checklist_missing', formatList(check.missing.map(rightName)));
    case 'no_transfer':
      if (check.state === 'ok') return t('checklist_noMoneyOut');
      if (check.transfer && check.withdraw) return t('checklist_bothOn');
      return check.transfer ? t('checklist_transferOn') : t('checklist_withdrawOn');
    case 'ips':
      if (check.state === 'ok') return tPlural('checklist_ipsCount', check.count);
      if (check.count === 0) return t('checklist_noIps');
      return t('checklist_tooManyIps', [check.count, check.max]);
  }
}

/** The last characters of a masked API Key (`bg_19aa…0656` → `0656`). */
function lastCharacters(apiKeyMasked: string): string {
  return apiKeyMasked.slice(-4);
}

/** A key as people name it: its note on Bitget and its last characters (never an id). */
export function keyName(apiKeyMasked: string, note?: string): string {
  const last = lastCharacters(apiKeyMasked);
  return note ? t('key_named', [note, last]) : t('key_unnamed', last);
}

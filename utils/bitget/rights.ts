/**
 * Bitget's rights as data: their ids, where they sit (group and item, named
 * by the words in ./selectors.ts) and their permission codes, and the ones
 * Mantix needs per layout. No selector and no page text here: the popup's
 * checklist reads these too.
 */
import type { GROUP_WORDS, ITEM_WORDS } from './selectors';

/**
 * The rights the adapter can name. Anything else on the page is an `other`
 * right: never needed by Mantix, turned off by "Set up rights for Mantix".
 */
export const RIGHTS = {
  'futures.orders': { group: 'futures', item: 'orders', codes: ['coow', 'coor'] },
  'futures.holdings': { group: 'futures', item: 'holdings', codes: ['cpow', 'cpor'] },
  'spot.trade': { group: 'spot', item: 'trade', codes: ['stow', 'stor'] },
  'margin.trade': { group: 'margin', item: 'trade', codes: ['smow', 'smor'] },
  'copy.trade': { group: 'copy', item: 'trade', codes: ['ttow', 'ttor'] },
  'wallet.transfer': { group: 'wallet', item: 'transfer', codes: ['wtow', 'wtor'] },
  'wallet.withdraw': { group: 'wallet', item: 'withdraw', codes: ['wwow'] },
  'uta.trade': { group: undefined, item: 'utaTrade', codes: ['uta_trade'] },
  'uta.management': { group: undefined, item: 'utaManagement', codes: ['uta_mgt'] },
  'copy.orders': { group: 'copy', item: 'orders', codes: ['copy_futures_order'] },
  'copy.positions': { group: 'copy', item: 'holdings', codes: ['copy_futures_position'] },
  'assets.withdraw': { group: 'assets', item: 'withdraw', codes: ['withdraw'] },
} as const satisfies Record<
  string,
  { group: keyof typeof GROUP_WORDS | undefined; item: keyof typeof ITEM_WORDS; codes: readonly string[] }
>;
export type KnownRight = keyof typeof RIGHTS;

/** What Mantix needs, per layout. */
export const REQUIRED_RIGHTS = {
  classic: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'],
  unified: ['uta.trade'],
} as const satisfies Record<'classic' | 'unified', readonly KnownRight[]>;

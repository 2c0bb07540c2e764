/**
 * What a permission control IS, from its words alone (pure): its own label,
 * its description line and its group heading. Known rights are recognised
 * by their label and group (whole names first, then words inside a name
 * composed of several, e.g. "wallet · transfer"); money-moving rights by
 * any Transfer / Withdraw word anywhere in the name, with inflections.
 * Every word comes from selectors.ts.
 */
import { matchesWords, normalise, remembered, type Words } from './dom';
import { type KnownRight, RIGHTS } from './rights';
import { GROUP_WORDS, ITEM_WORDS, MONEY_OUT_WORDS } from './selectors';

export type RightId = KnownRight | `other:${string}`;

export interface Classification {
  id: RightId;
  /** Transfer or withdraw, when the name says so. */
  moves?: 'transfer' | 'withdraw';
}

/** Letters and digits that make a word continue (a whole-name pattern must not be glued to them). */
const WORD_CHAR = 'a-z0-9а-яё';

/** A whole-name pattern (`^…$`) turned into one that finds the name inside a longer text. */
function inside(word: RegExp): RegExp {
  const source = word.source.replace(/^\^/, '').replace(/\$$/, '');
  return new RegExp(`(?<![${WORD_CHAR}])(?:${source})(?![${WORD_CHAR}])`, word.flags.replace('g', ''));
}

const insideCache = new Map<Words, RegExp[]>();
function insideWords(words: Words): RegExp[] {
  let found = insideCache.get(words);
  if (!found) {
    found = words.map(inside);
    insideCache.set(words, found);
  }
  return found;
}

function keyOf<K extends string>(table: Record<K, Words>, text: string, loose: boolean): K | undefined {
  const value = normalise(text);
  if (!value) return undefined;
  const keys = Object.keys(table) as K[];
  if (!loose) return keys.find((key) => matchesWords(value, table[key]));
  // Inside a longer name the word that comes first names it: a label comes
  // before its description ("Торговля · Размещение … ордеров" is Trade, not
  // Orders). On a tie the table's order decides.
  let best: { key: K; at: number } | undefined;
  for (const key of keys) {
    for (const word of insideWords(table[key])) {
      const at = value.search(word);
      if (at >= 0 && (best === undefined || at < best.at)) best = { key, at };
    }
  }
  return best?.key;
}

/** Transfer or withdraw, if any money-out word is anywhere in `text`. */
export function movesMoney(text: string): 'transfer' | 'withdraw' | undefined {
  const value = normalise(text);
  if (!value) return undefined;
  for (const kind of ['withdraw', 'transfer'] as const) {
    if (MONEY_OUT_WORDS[kind].some((word) => word.test(value))) return kind;
  }
  return undefined;
}

/** `text` with the words that named its group taken out. */
function withoutGroup(text: string, group: keyof typeof GROUP_WORDS | undefined): string {
  const value = normalise(text);
  if (!group) return value;
  const words = insideWords(GROUP_WORDS[group]);
  return words.reduce((rest, word) => rest.replace(word, ' '), value);
}

function knownRight(group: string | undefined, item: string | undefined): KnownRight | undefined {
  if (item === 'utaTrade') return 'uta.trade';
  if (item === 'utaManagement') return 'uta.management';
  if (!group || !item) return undefined;
  for (const [id, right] of Object.entries(RIGHTS) as [KnownRight, (typeof RIGHTS)[KnownRight]][]) {
    if (right.group === group && right.item === item) return id;
  }
  return undefined;
}

/**
 * Classifies a right from its own `label`, its `group` heading and its
 * `description` line (each may be empty). A right is known only when both
 * its item and its group are recognised (or it is a unified-account item).
 */
export function classifyRight(label: string, group?: string, description?: string): Classification {
  // Every scan classifies the same rights again: a pure function of three texts, kept.
  const key = JSON.stringify([label, group ?? '', description ?? '']);
  return remembered(classified, key, () => classifyNow(label, group, description));
}

const classified = new Map<string, Classification>();

function classifyNow(label: string, group?: string, description?: string): Classification {
  const name = [group, label].filter(Boolean).join(' ');
  const groupKey = (group ? keyOf(GROUP_WORDS, group, false) : undefined) ?? keyOf(GROUP_WORDS, name, true);
  // An item word inside a longer name must lie outside the group's own words:
  // "Copy trading · Manage" is not Copy trading's Trade right.
  // The label says it first; the heading's own words (the rest of
  // "Фьючерсная торговля") never name the item while the label names one.
  const item =
    keyOf(ITEM_WORDS, label, false) ??
    keyOf(ITEM_WORDS, withoutGroup(label, groupKey), true) ??
    keyOf(ITEM_WORDS, withoutGroup(name, groupKey), true);
  const known = knownRight(groupKey, item);
  // Money words count in the label and group always; in the description only
  // when the label itself is not a known, harmless right.
  const moneyItem = item === 'transfer' || item === 'withdraw' ? item : undefined;
  const harmless = known !== undefined && !moneyItem;
  const moves = moneyItem ?? movesMoney(name) ?? (harmless ? undefined : movesMoney(description ?? ''));
  const id: RightId = known ?? `other:${normalise(name) || normalise(description)}`;
  return { id, ...(moves ? { moves } : {}) };
}

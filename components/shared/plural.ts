/**
 * Counted phrases read naturally in every language: the message has one key
 * per plural category (`_one`, `_few`, `_many`, `_other`), and
 * Intl.PluralRules of the UI language picks one (Russian: 1 адрес, 2 адреса,
 * 5 адресов; English: one/other; Chinese: other).
 */
import type en from '@/public/_locales/en/messages.json';
import { type MessageKey, t, uiLanguage } from '@/utils/i18n';

type Categories = 'one' | 'few' | 'many' | 'other';
/** The `base` of keys `base_one` … `base_other` that all exist. */
export type PluralBase = {
  [K in keyof typeof en]: K extends `${infer B}_other`
    ? `${B}_one` extends keyof typeof en
      ? `${B}_few` extends keyof typeof en
        ? `${B}_many` extends keyof typeof en
          ? B
          : never
        : never
      : never
    : never;
}[keyof typeof en];

const rules = new Map<string, Intl.PluralRules>();

export function pluralCategory(count: number, language = uiLanguage()): Categories {
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  const category = rule.select(count);
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** The message `base_<category>` for `count`; `$1` is the count, then `rest`. */
export function tPlural(base: PluralBase, count: number, rest: readonly (string | number)[] = []): string {
  const key = `${base}_${pluralCategory(count)}` as MessageKey;
  return (t as (key: MessageKey, substitutions: readonly (string | number)[]) => string)(key, [count, ...rest]);
}

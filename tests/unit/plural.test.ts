/** Counted phrases (Intl.PluralRules): every plural message has all four forms in all three languages. */
import { describe, expect, it } from 'vitest';
import { pluralCategory } from '@/components/shared/plural';
import { getMessage, LOCALES, readMessages } from './chrome-i18n';

const CATEGORIES = ['one', 'few', 'many', 'other'] as const;

describe('plural forms', () => {
  it('Russian has one, few and many; English one and other; Chinese other', () => {
    expect([1, 3, 5, 21, 22, 25].map((n) => pluralCategory(n, 'ru'))).toEqual([
      'one',
      'few',
      'many',
      'one',
      'few',
      'many',
    ]);
    expect([1, 3, 5].map((n) => pluralCategory(n, 'en'))).toEqual(['one', 'other', 'other']);
    expect([1, 3].map((n) => pluralCategory(n, 'zh-CN'))).toEqual(['other', 'other']);
  });

  it('each counted message has every form, in every language', () => {
    for (const locale of LOCALES) {
      const messages = readMessages(locale);
      const bases = Object.keys(messages)
        .filter((key) => key.endsWith('_few'))
        .map((key) => key.slice(0, -'_few'.length));
      expect(bases.length).toBeGreaterThan(0);
      for (const base of bases)
        for (const category of CATEGORIES) expect(messages, locale).toHaveProperty(`${base}_${category}`);
    }
  });

  it('reads naturally in Russian', () => {
    const ru = readMessages('ru');
    const say = (n: number) => getMessage(ru, `checklist_ipsCount_${pluralCategory(n, 'ru')}`, [String(n)]);
    expect([1, 3, 5].map(say)).toEqual(['Привязан 1 IP-адрес.', 'Привязано 3 IP-адреса.', 'Привязано 5 IP-адресов.']);
  });
});

/**
 * The three languages are complete and consistent: every English key exists
 * in Russian and Chinese (and nothing else does), with the same placeholders
 * in the same order, and is actually translated. Also the helper `t()`.
 */
import { describe, expect, it } from 'vitest';
import { GUIDE_STEPS, stepTitle } from '@/utils/guide/steps';
import { t, tParts } from '@/utils/i18n';
import { getMessage, LOCALES, type Locale, type MessageEntry, readMessages } from './chrome-i18n';

const files = Object.fromEntries(LOCALES.map((locale) => [locale, readMessages(locale)])) as Record<
  Locale,
  Record<string, MessageEntry>
>;
const english = files.en;
const translations = LOCALES.filter((locale) => locale !== 'en');

/** Keys whose text is the same in every language (product names, formats). */
const SAME_IN_EVERY_LANGUAGE = new Set(['extName']);
/** Keys that may be the same as English in one language (Bitget's own wording there). */
const SAME_AS_ENGLISH: Record<Exclude<Locale, 'en'>, Set<string>> = {
  ru: new Set([]),
  zh_CN: new Set([
    'field_apiKey',
    'field_secretKey',
    'control_apiKey',
    'control_secretKey',
    'captureField_apiKey',
    'captureField_secretKey',
  ]),
};

/** A message that is only placeholders and punctuation (e.g. "$LABEL$: $STATE$") has nothing to translate. */
function hasWords(message: string): boolean {
  return /\p{L}/u.test(message.replace(/\$[a-zA-Z0-9_@]+\$/g, ''));
}

function placeholdersOf(entry: MessageEntry): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry.placeholders ?? {})
      .map(([name, value]) => [name.toLowerCase(), value.content] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** The `$NAME$` references of a message, lower-cased and sorted. */
function referencesOf(message: string): string[] {
  return [...message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()).sort();
}

describe('messages.json', () => {
  it('has valid, distinct key names in English', () => {
    const keys = Object.keys(english);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key, key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    // Chrome looks keys up case-insensitively.
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  for (const locale of translations) {
    it(`${locale}: has every English key`, () => {
      const missing = Object.keys(english).filter((key) => !(key in files[locale]));
      expect(missing, `keys missing in ${locale}`).toEqual([]);
    });

    it(`${locale}: has no key that English lacks`, () => {
      const extra = Object.keys(files[locale]).filter((key) => !(key in english));
      expect(extra, `keys in ${locale} but not in en`).toEqual([]);
    });

    it(`${locale}: has the same placeholders as English`, () => {
      const differing = Object.entries(english)
        .filter(([key]) => key in files[locale])
        .filter(([key, entry]) => {
          const other = files[locale][key] as MessageEntry;
          return (
            JSON.stringify(placeholdersOf(other)) !== JSON.stringify(placeholdersOf(entry)) ||
            JSON.stringify(referencesOf(other.message)) !== JSON.stringify(referencesOf(entry.message))
          );
        })
        .map(([key]) => key);
      expect(differing, `keys whose placeholders differ in ${locale}`).toEqual([]);
    });

    it(`${locale}: is translated`, () => {
      const untranslated = Object.entries(files[locale])
        .filter(([key, entry]) => entry.message === english[key]?.message && hasWords(entry.message))
        .map(([key]) => key)
        .filter((key) => !SAME_IN_EVERY_LANGUAGE.has(key) && !SAME_AS_ENGLISH[locale as 'ru' | 'zh_CN'].has(key));
      expect(untranslated, `keys still in English in ${locale}`).toEqual([]);
    });
  }

  for (const locale of LOCALES) {
    it(`${locale}: every message is well-formed`, () => {
      for (const [key, entry] of Object.entries(files[locale])) {
        expect(entry.message.trim(), `${locale} ${key}`).not.toBe('');
        const names = Object.keys(placeholdersOf(entry));
        // Every $NAME$ is defined and every placeholder is used.
        expect([...new Set(referencesOf(entry.message))].sort(), `${locale} ${key}`).toEqual(names);
        // Substitutions go through named placeholders only: $1 is in `content`, not in the message.
        expect(entry.message, `${locale} ${key}`).not.toMatch(/\$\d/);
        for (const content of Object.values(placeholdersOf(entry))) expect(content).toMatch(/^\$[1-9]$/);
        // Rendered with its substitutions, nothing of the syntax is left.
        const rendered = getMessage(files[locale], key, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
        expect(rendered, `${locale} ${key}`).not.toMatch(/\$/);
      }
    });

    it(`${locale}: fits the manifest's limits`, () => {
      expect(files[locale].extName?.message.length).toBeLessThanOrEqual(75);
      expect(files[locale].extDescription?.message.length).toBeLessThanOrEqual(132);
    });
  }

  it('uses each substitution number once, from $1 up without gaps', () => {
    for (const [key, entry] of Object.entries(english)) {
      const numbers = Object.values(placeholdersOf(entry))
        .map((content) => Number(content.slice(1)))
        .sort();
      expect(numbers, key).toEqual(numbers.map((_, index) => index + 1));
    }
  });

  it('names the language of each file', () => {
    expect(LOCALES.map((locale) => files[locale].langTag?.message)).toEqual(['en', 'ru', 'zh-CN']);
  });
});

describe('t()', () => {
  it('gives the English text in unit tests, with substitutions', () => {
    expect(t('options_accountHeading')).toBe('Mantix account');
    expect(t('options_expiresIn', '4:59')).toBe('The code expires in 4:59');
    expect(t('ip_private', ['10.0.0.1', '10.0.0.0/8'])).toBe('10.0.0.1 is a private address (10.0.0.0/8)');
    expect(t('ipList_tooMany', [12, 10])).toBe('Mantix sent 12 IP addresses; at most 10 are accepted.');
  });

  it('splits a text around rich substitutions', () => {
    const bold = { bold: 'Approve' };
    expect(tParts('options_approveIntro', [bold])).toEqual([
      'A Mantix page opened in a new tab. Check that it shows this code, then choose ',
      bold,
      '.',
    ]);
  });

  it('keeps the English step titles (which tests locate steps by) equal to the messages', () => {
    expect(GUIDE_STEPS.map((_, index) => stepTitle(index))).toEqual([...GUIDE_STEPS]);
  });

  it('renders every language with Chrome’s rules', () => {
    expect(getMessage(files.ru, 'OPTIONS_EXPIRESIN', '4:59')).toBe('Код действует ещё 4:59');
    expect(getMessage(files.zh_CN, 'options_expiresIn', ['4:59'])).toBe('确认码将在 4:59 后过期');
    expect(getMessage(files.en, 'no_such_key')).toBe('');
  });
});

/**
 * The extension's UI text, through the platform's i18n: the browser picks
 * `public/_locales/<language>/messages.json` from its UI language (English,
 * Russian, Simplified Chinese; English for any other language).
 *
 * Keys are typed from the English file, so a misspelt key does not compile,
 * and a key whose English text has placeholders needs its substitutions.
 * Call `t()` only at run time (never at module top level).
 */
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

type Messages = typeof en;
export type MessageKey = keyof Messages;
export type Substitution = string | number;

/** Substitutions fill `$1`…`$9` in order (the `content` of each placeholder). */
type SubstitutionArgs<K extends MessageKey> = Messages[K] extends { placeholders: object }
  ? [substitutions: Substitution | readonly Substitution[]]
  : [];

type GetMessage = (name: string, substitutions?: string | string[]) => string;

function asList(substitutions: Substitution | readonly Substitution[] | undefined): string[] | undefined {
  if (substitutions === undefined) return undefined;
  return (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
}

/**
 * Texts as the browser gave them: the in-page guide asks for the same few
 * dozen on every render, and each ask crosses into the browser's i18n
 * binding. Kept per `getMessage` (the language never changes while a page
 * lives; a test that swaps the function starts afresh), at most KNOWN_MAX.
 * Substitutions are UI values (counts, names, a masked key), never a secret.
 */
const KNOWN_MAX = 500;
let known: { from: unknown; texts: Map<string, string> } = { from: undefined, texts: new Map() };

function message(key: MessageKey, substitutions?: string[]): string {
  const getMessage = browser.i18n.getMessage as GetMessage;
  if (known.from !== getMessage || known.texts.size >= KNOWN_MAX) known = { from: getMessage, texts: new Map() };
  const id = substitutions ? `${key}\u0000${substitutions.join('\u0001')}` : key;
  const cached = known.texts.get(id);
  if (cached !== undefined) return cached;
  const text = getMessage(key, substitutions);
  if (text) known.texts.set(id, text);
  if (text) return text;
  // Only an English file without the key gets here (the browser falls back to English).
  if (import.meta.env.DEV) console.error(`[i18n] no message "${key}" in public/_locales`);
  return key;
}

/** The UI text of `key` in the browser's language. */
export function t<K extends MessageKey>(key: K, ...args: SubstitutionArgs<K>): string {
  return message(key, asList(args[0]));
}

const MARK = /\uE000(\d+)\uE001/;

/**
 * The text of `key` split around its substitutions, which may be anything
 * (e.g. React elements: `<strong>`, `<time>`), in the translation's order.
 */
export function tParts<K extends MessageKey, T>(key: K, parts: readonly T[]): (string | T)[] {
  const text = message(
    key,
    parts.map((_, index) => `\uE000${index}\uE001`),
  );
  return text
    .split(MARK)
    .map((piece, index) => (index % 2 === 1 ? (parts[Number(piece)] as T) : piece))
    .filter((piece) => piece !== '');
}

/** The BCP 47 tag of the language the UI is shown in (not merely the browser's): `<html lang>`, dates. */
export function uiLanguage(): string {
  return t('langTag');
}

/** "a, b and c" as the UI language writes a list. */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(items);
}

/** A date and time as the UI language writes it. */
export function formatDateTime(value: string | number | Date): string {
  return new Date(value).toLocaleString(uiLanguage());
}

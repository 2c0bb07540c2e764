/**
 * `i18n.getMessage` as Chrome implements it, over a messages.json file: the
 * unit tests' browser speaks English, and the completeness test renders each
 * language with it.
 *
 * Chrome replaces each `$name$` (case-insensitive) with its placeholder's
 * `content` when it loads the file, then `$1`…`$9` with the substitutions
 * (a missing one becomes empty) and `$$` with `$`. An unknown key gives "".
 */
import en from '../../public/_locales/en/messages.json';
import ru from '../../public/_locales/ru/messages.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type MessagesFile = Record<string, MessageEntry>;

export const LOCALES = ['en', 'ru', 'zh_CN'] as const;
export type Locale = (typeof LOCALES)[number];

const FILES: Record<Locale, MessagesFile> = { en, ru, zh_CN: zhCN };

export function readMessages(locale: Locale): MessagesFile {
  return FILES[locale];
}

/** The message with its placeholders resolved, as Chrome keeps it after loading the file. */
function loaded(entry: MessageEntry): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value.content]),
  );
  return entry.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (whole, name: string) => {
    const content = placeholders.get(name.toLowerCase());
    return content ?? whole;
  });
}

export function getMessage(messages: MessagesFile, key: string, substitutions?: string | string[]): string {
  const entry = Object.entries(messages).find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  if (!entry) return '';
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return loaded(entry).replace(/\$(\$+|\d+)/g, (_, ref: string) =>
    ref.startsWith('$') ? ref : (values[Number(ref) - 1] ?? ''),
  );
}

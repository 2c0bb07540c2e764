/**
 * The shipped `_locales/<language>/messages.json`: what the browser reads
 * (each message and its placeholders' `content`), without the translators'
 * notes (`description`, placeholder `example`) and without indentation. The
 * sources in public/_locales keep the notes; only the package gets smaller.
 */

interface Message {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export function compactMessages(json: string): string {
  const messages = JSON.parse(json) as Record<string, Message>;
  const compact: Record<string, Omit<Message, 'description'>> = {};
  for (const [key, { message, placeholders }] of Object.entries(messages)) {
    compact[key] = placeholders
      ? {
          message,
          placeholders: Object.fromEntries(
            Object.entries(placeholders).map(([name, { content }]) => [name, { content }]),
          ),
        }
      : { message };
  }
  return JSON.stringify(compact);
}

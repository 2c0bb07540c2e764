/** The shipped messages.json keeps every message and placeholder the browser reads, and nothing else. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactMessages } from '@/utils/build/compact-messages';

const LOCALES = join(import.meta.dirname, '../../public/_locales');

describe('compactMessages', () => {
  for (const language of readdirSync(LOCALES)) {
    it(`${language}: the same messages and placeholders, no notes, smaller`, () => {
      const source = readFileSync(join(LOCALES, language, 'messages.json'), 'utf8');
      const full = JSON.parse(source) as Record<
        string,
        { message: string; placeholders?: Record<string, { content: string }> }
      >;
      const shipped = compactMessages(source);
      const compact = JSON.parse(shipped) as typeof full;
      expect(Object.keys(compact)).toEqual(Object.keys(full));
      for (const [key, { message, placeholders }] of Object.entries(full)) {
        expect(compact[key]?.message, key).toBe(message);
        for (const [name, { content }] of Object.entries(placeholders ?? {})) {
          expect(compact[key]?.placeholders?.[name], `${key}.${name}`).toEqual({ content });
        }
      }
      expect(shipped).not.toContain('"description"');
      expect(shipped).not.toContain('"example"');
      expect(shipped.length).toBeLessThan(source.length);
    });
  }
});

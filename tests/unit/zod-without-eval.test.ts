import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_CONSTRUCTOR, patchZodSource, ZodPatchError } from '@/utils/build/zod-without-eval';

const zodCore = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4', 'core');

describe('zod without eval (build plugin)', () => {
  it('removes every Function constructor from the zod modules that carry one', () => {
    for (const file of ['util.js', 'doc.js']) {
      const id = join(zodCore, file);
      const source = readFileSync(id, 'utf8');
      expect(FUNCTION_CONSTRUCTOR.test(source)).toBe(true);
      const patched = patchZodSource(id, source) ?? '';
      expect(FUNCTION_CONSTRUCTOR.test(patched)).toBe(false);
      expect(patched.length).toBeGreaterThan(source.length / 2);
    }
  });

  it('leaves other modules alone and fails loudly when zod changed', () => {
    expect(patchZodSource('/x/node_modules/zod/v4/core/schemas.js', 'new Function("")')).toBeUndefined();
    expect(() => patchZodSource(join(zodCore, 'util.js'), 'export const x = 1;')).toThrow(ZodPatchError);
  });

  it('recognises the shapes of the Function constructor', () => {
    for (const code of ['new Function("")', 'return Function(``)', 'let e=Function,t=1', 'const F = Function;']) {
      expect(FUNCTION_CONSTRUCTOR.test(code), code).toBe(true);
    }
    for (const code of ['Function.call.bind(x)', 'typeof x == "function"', 'isAsyncFunction(fn)', 'a.Function(']) {
      expect(FUNCTION_CONSTRUCTOR.test(code), code).toBe(false);
    }
  });
});

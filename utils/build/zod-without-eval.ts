/**
 * Build-time only (wxt.config.ts). zod compiles fast object parsers with
 * `new Function` unless told `jitless`; the extension sets
 * `z.config({ jitless: true })` (utils/zod-config.ts), so that code never runs.
 * This plugin also removes it from the bundles: the probe in `allowsEval`
 * answers "no", and `Doc.compile` throws. No `Function` constructor ships
 * (web-ext lint's DANGEROUS_EVAL), and a store reviewer sees no eval.
 *
 * If a zod update changes the patched code, the build fails here with the
 * file's name rather than silently shipping the eval again.
 */
import type { Plugin } from 'vite';

interface Patch {
  file: RegExp;
  find: RegExp;
  replace: string;
}

const PATCHES: readonly Patch[] = [
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/,
    find: /const F = Function;\s*new F\(""\);\s*return true;/,
    replace: 'return false;',
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]core[\\/]doc\.js$/,
    find: /compile\(\) \{\s*const F = Function;[\s\S]*?return factory\(.*\);\s*\}/,
    replace: 'compile() {\n        throw new Error("zod: code generation is off in this build (jitless)");\n    }',
  },
];

/** Any use of the Function constructor: `Function(`, `new Function`, `= Function;`. */
export const FUNCTION_CONSTRUCTOR = /new\s+Function\s*\(|(?<![\w$.])Function\s*\(|=\s*Function\s*[;,)]/;

export class ZodPatchError extends Error {
  override name = 'ZodPatchError';
}

/** The patched source of one zod module, or undefined when the file is not one to patch. */
export function patchZodSource(id: string, code: string): string | undefined {
  const patch = PATCHES.find((p) => p.file.test(id));
  if (!patch) return undefined;
  if (!patch.find.test(code)) {
    throw new ZodPatchError(`zod-without-eval: the code to remove was not found in ${id} (zod changed?)`);
  }
  const patched = code.replace(patch.find, patch.replace);
  if (FUNCTION_CONSTRUCTOR.test(patched)) {
    throw new ZodPatchError(`zod-without-eval: ${id} still uses the Function constructor after the patch`);
  }
  return patched;
}

export function zodWithoutEval(): Plugin {
  return {
    name: 'mantix:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      const patched = patchZodSource(id.split('?')[0] ?? id, code);
      return patched === undefined ? null : { code: patched, map: null };
    },
  };
}

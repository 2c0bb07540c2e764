/**
 * Build settings for the two scripts that run in Bitget's page: the loader
 * (the manifest's content script, on every Bitget page) and the guide (injected
 * by the background on the API key page only). Their size is paid on Bitget's
 * page, so, for those two builds only:
 *
 * - `react` / `react-dom` are Preact's compat layer (the overlay keeps React's
 *   API; the popup and the options page keep React itself);
 * - `wxt/browser` is the browser's own `browser`/`chrome` namespace, not the
 *   webextension polyfill (MV3 APIs return promises in every targeted browser);
 * - Terser minifies them (five passes, no unsafe transforms): the guide
 *   is 0.57 kB gzip smaller than with the default minifier (44.98 → 44.41 kB).
 *
 * Used by wxt.config.ts's `vite:build:extendConfig` hook.
 */
import { createRequire } from 'node:module';
import type { Alias, InlineConfig } from 'vite';
import type { Entrypoint } from 'wxt';

/** Entrypoint names (see entrypoints/): the loader and the injected guide. */
export const PAGE_SCRIPT_ENTRYPOINTS = ['bitget', 'bitget-guide'];

const require = createRequire(import.meta.url);

function pageScriptAliases(): Alias[] {
  const wxtBrowser = require.resolve('wxt/browser').replace(/\.c?js$/, '.mjs');
  return [
    { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
    { find: /^react-dom$/, replacement: 'preact/compat' },
    { find: /^react\/jsx-(dev-)?runtime$/, replacement: 'preact/jsx-runtime' },
    { find: /^react$/, replacement: 'preact/compat' },
    { find: /^wxt\/browser$/, replacement: wxtBrowser },
  ];
}

function asArray(alias: NonNullable<InlineConfig['resolve']>['alias']): Alias[] {
  if (!alias) return [];
  if (Array.isArray(alias)) return [...alias];
  return Object.entries(alias).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
}

export function lightContentScripts(entrypoints: readonly Entrypoint[], config: InlineConfig): void {
  if (!entrypoints.some((entry) => PAGE_SCRIPT_ENTRYPOINTS.includes(entry.name))) return;
  config.resolve ??= {};
  // The first matching alias wins: ours go before the modules' (e.g. the polyfill's `wxt/browser`).
  config.resolve.alias = [...pageScriptAliases(), ...asArray(config.resolve.alias)];
  config.build = { ...config.build, minify: 'terser', terserOptions: { compress: { passes: 5 }, ecma: 2020 } };
}

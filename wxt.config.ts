import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { BITGET_ORIGIN_PATTERN } from './utils/bitget/origin';
import { compactMessages } from './utils/build/compact-messages';
import { lightContentScripts } from './utils/build/light-content-scripts';
import { zodWithoutEval } from './utils/build/zod-without-eval';
import { apiHostPattern, buildNameSuffix, extensionPagesCsp, resolveBuildConfig } from './utils/build-config';

/**
 * WXT defines process.env.NODE_ENV as the mode ("test" in test builds), which
 * would ship React's development build in the content script. Every build is
 * production-like, so libraries always get their production code.
 */
function productionLibraries(): Plugin {
  return {
    name: 'mantix:production-libraries',
    enforce: 'post',
    config(config) {
      config.define = { ...config.define, 'process.env.NODE_ENV': JSON.stringify('production') };
    },
  };
}

const GECKO_ID = 'connect@mantix.example';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  outDir: process.env.MANTIX_OUT_DIR ?? '.output',
  // Production builds land in chrome-mv3 / firefox-mv3; test builds in their
  // own chrome-mv3-test / firefox-mv3-test, never mistaken for a release.
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  // Firefox's sources zip: what a reviewer needs to rebuild, nothing else.
  zip: {
    excludeSources: ['tests/**', 'bench/**', 'test-results/**', '.output-*/**', '.ci/**'],
  },
  hooks: {
    // The strict check: a production build without its variables fails here,
    // naming the missing one (the functions below are also used by `prepare`).
    'build:before': (wxt) => {
      resolveBuildConfig(process.env, wxt.config.mode);
    },
    // The translators' glossaries (public/_locales/*/GLOSSARY.md) and notes stay out of the extension.
    'build:publicAssets': (_wxt, files) => {
      const kept = files
        .filter((file) => !/^_locales\/.*\.md$/.test(file.relativeDest))
        .map((file) =>
          'absoluteSrc' in file && /^_locales\/[^/]+\/messages\.json$/.test(file.relativeDest)
            ? { relativeDest: file.relativeDest, contents: compactMessages(readFileSync(file.absoluteSrc, 'utf8')) }
            : file,
        );
      files.splice(0, files.length, ...kept);
    },
    // The loader and the injected guide: Preact instead of React DOM, no polyfill.
    'vite:build:extendConfig': lightContentScripts,
  },
  vite: (env) => {
    const mantix = resolveBuildConfig(process.env, env.mode, { lenient: true });
    return {
      define: { __MANTIX_CONFIG__: JSON.stringify(mantix) },
      plugins: [zodWithoutEval(), ...(env.command === 'build' ? [productionLibraries()] : [])],
      build: { sourcemap: false },
      // Firefox's native `browser` needs no polyfill (utils/build/native-browser.ts).
      ...(env.browser === 'firefox'
        ? {
            resolve: {
              alias: { 'webextension-polyfill': resolve(import.meta.dirname, 'utils/build/native-browser.ts') },
            },
          }
        : {}),
    };
  },
  manifest: ({ mode, browser, command }) => {
    const mantix = resolveBuildConfig(process.env, mode, { lenient: true });
    return {
      // The texts are in public/_locales/<language>/messages.json.
      name: `__MSG_extName__${buildNameSuffix(mode)}`,
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // `scripting`: the background injects the guide into the API page only (no install warning).
      permissions: ['storage', 'alarms', 'scripting'],
      host_permissions: [BITGET_ORIGIN_PATTERN, apiHostPattern(mantix.apiUrl)],
      // No web page and no other extension may connect to this one.
      ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [], matches: [] } }),
      content_security_policy: {
        extension_pages: extensionPagesCsp(mantix.apiUrl, { devServer: command === 'serve' }),
      },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['authenticationInfo', 'financialAndPaymentInfo'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
      action: { default_title: '__MSG_extName__' },
    };
  },
});

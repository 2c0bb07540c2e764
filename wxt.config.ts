import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { apiHostPattern, resolveBuildConfig } from './utils/build-config';

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

const BITGET_ORIGIN_PATTERN = 'https://www.bitget.com/*';
const GECKO_ID = 'connect@mantix.example';

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  outDir: process.env.MANTIX_OUT_DIR ?? '.output',
  // Test builds are production-like and land where production builds do.
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}',
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
  },
  vite: (env) => {
    const mantix = resolveBuildConfig(process.env, env.mode, { lenient: true });
    return {
      define: { __MANTIX_CONFIG__: JSON.stringify(mantix) },
      plugins: env.command === 'build' ? [productionLibraries()] : [],
      build: { sourcemap: false },
    };
  },
  manifest: ({ mode, browser }) => {
    const mantix = resolveBuildConfig(process.env, mode, { lenient: true });
    return {
      // The texts are in public/_locales/<language>/messages.json.
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: ['storage', 'alarms'],
      host_permissions: [BITGET_ORIGIN_PATTERN, apiHostPattern(mantix.apiUrl)],
      // No web page and no other extension may connect to this one.
      ...(browser === 'firefox' ? {} : { externally_connectable: { ids: [], matches: [] } }),
      content_security_policy: {
        extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
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

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { resolveBuildConfig } from '../utils/build-config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Extension code runs with WXT's fakeBrowser, an in-memory IndexedDB and English texts. */
const extensionCode = {
  plugins: [WxtVitest({ root })],
  define: { __MANTIX_CONFIG__: JSON.stringify(resolveBuildConfig({}, 'test')) },
};

export default defineConfig({
  root,
  test: {
    // Vitest's own default is one worker per core but one: a single worker on
    // these two-core machines, where two take the suite from about 86 to 59 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        // Extension code: utils, components, entrypoint logic, with WXT's fakeBrowser; no network.
        ...extensionCode,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup.ts'],
          restoreMocks: true,
        },
      },
      {
        // The reference Mantix server, driven over real HTTP on loopback.
        test: {
          name: 'contract',
          include: ['tests/contract/**/*.test.ts'],
          exclude: ['tests/contract/client/**'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // The extension's Mantix client and link service against the reference server, over real HTTP.
        ...extensionCode,
        test: {
          name: 'client',
          include: ['tests/contract/client/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/unit/setup.ts'],
          restoreMocks: true,
          testTimeout: 20_000,
        },
      },
    ],
  },
});

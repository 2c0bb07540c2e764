/**
 * The Firefox end-to-end suite: the built Firefox MV3 extension in a real
 * headless Firefox (puppeteer-core over WebDriver BiDi), one browser at a
 * time, files and tests in order.
 *   npm run build:test:firefox && npm run test:firefox
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  test: {
    name: 'firefox',
    include: ['tests/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 240_000,
    hookTimeout: 90_000,
    // As the Chrome suite: one retry on CI (shared, noisy machines), none locally.
    retry: process.env.CI ? 1 : 0,
    reporters: ['default', ['json', { outputFile: 'test-results/firefox.json' }]],
  },
});

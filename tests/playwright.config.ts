import { defineConfig } from '@playwright/test';
import { e2eWorkers } from './e2e/workers';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/e2e',
  // Two browsers at a time (these machines have two cores; a third made the
  // suite slower), each with its own build and reference Mantix server port
  // (tests/e2e/workers.ts).
  workers: e2eWorkers(),
  fullyParallel: false,
  forbidOnly: CI,
  // These machines are shared and noisy: on CI a test that fails is run once
  // more, and one that then passes is reported as flaky by name in the closing
  // summary (tests/tools/summary.ts) rather than hidden. Locally: no retry.
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    actionTimeout: 10_000,
    // A trace is recorded only on a failed test's retry (CI retries once):
    // recording one for every test costs about a fifth of the suite's time on
    // these two cores. Locally: `npm run test:e2e -- --trace=on`.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
});

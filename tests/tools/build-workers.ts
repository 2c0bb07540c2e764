/**
 * `npm run build:test:workers`: one test build per extra end-to-end worker.
 * The Mantix API URL is built into the extension, so each Playwright worker
 * talks to its own reference server: worker 0 uses `.output` (:8787, from
 * `npm run build:test`), worker i the build in `.output-w<i>` (:8787 + i).
 * As many as `E2E_WORKERS` asks for (tests/playwright.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { e2eWorkers, workerBuild } from '../e2e/workers';

for (let index = 1; index < e2eWorkers(); index++) {
  const { outDir, apiUrl } = workerBuild(index);
  const run = spawnSync('npm', ['run', '-s', 'build:test'], {
    stdio: 'inherit',
    env: { ...process.env, MANTIX_OUT_DIR: outDir, WXT_MANTIX_API_URL: apiUrl },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

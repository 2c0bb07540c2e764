/**
 * How many Playwright workers the end-to-end suite runs, and the build each
 * one drives (the Mantix API URL is built in, so each needs its own).
 */
export const BASE_PORT = 8787;

export function e2eWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.E2E_WORKERS ?? 2);
  return Number.isInteger(asked) && asked >= 1 ? asked : 2;
}

/** Worker 0: `.output` of `npm run build:test`; worker i: `.output-w<i>`, its server on BASE_PORT + i. */
export function workerBuild(index: number): { outDir: string; apiUrl: string } {
  return {
    outDir: index === 0 ? '.output' : `.output-w${index}`,
    apiUrl: `http://127.0.0.1:${BASE_PORT + index}`,
  };
}

/**
 * The closing line of `npm test`: totals of every runner, as one plain
 * "N passed, N failed, N skipped" line.
 */
import { readFileSync } from 'node:fs';

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function vitestTotals(report: unknown): Totals {
  const r = report as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
    numTodoTests?: number;
  };
  return {
    passed: r?.numPassedTests ?? 0,
    failed: r?.numFailedTests ?? 0,
    skipped: (r?.numPendingTests ?? 0) + (r?.numTodoTests ?? 0),
  };
}

interface PlaywrightSuite {
  specs?: { title?: string; file?: string; tests?: { status?: string }[] }[];
  suites?: PlaywrightSuite[];
}

/** Titles of the tests that failed once and passed on CI's one retry. */
function flakyTitles(suites: PlaywrightSuite[] = []): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? [])
      .filter((spec) => (spec.tests ?? []).some((t) => t.status === 'flaky'))
      .map((spec) => `${spec.file ?? '?'} › ${spec.title ?? '?'}`),
    ...flakyTitles(suite.suites),
  ]);
}

function playwrightTotals(report: unknown): Totals & { flaky: string[] } {
  const r = report as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
    suites?: PlaywrightSuite[];
  };
  const flaky = flakyTitles(r?.suites);
  return {
    // A flaky test passed on its retry: counted as passed, and named below.
    passed: (r?.stats?.expected ?? 0) + (r?.stats?.flaky ?? 0),
    failed: r?.stats?.unexpected ?? 0,
    skipped: r?.stats?.skipped ?? 0,
    flaky,
  };
}

const replica = playwrightTotals(readJson('test-results/replica.json'));
const e2e = playwrightTotals(readJson('test-results/e2e.json'));
const parts: [string, Totals][] = [
  ['unit+contract', vitestTotals(readJson('test-results/vitest.json'))],
  ['replica self-check', replica],
  ['e2e', e2e],
  ['firefox e2e', vitestTotals(readJson('test-results/firefox.json'))],
];
const total = parts.reduce<Totals>(
  (sum, [, t]) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
for (const [name, t] of parts) console.log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
const flaky = [...replica.flaky, ...e2e.flaky];
for (const title of flaky) console.log(`flaky (failed once, passed on retry): ${title}`);
const mutations = readJson('test-results/mutations.json') as { line?: string; detail?: string } | undefined;
if (mutations?.line) console.log(`mutation harness: ${mutations.line} (${mutations.detail ?? ''})`);
console.log(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${flaky.length ? ` (${flaky.length} flaky)` : ''}`,
);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

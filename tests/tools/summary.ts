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

function playwrightTotals(report: unknown): Totals {
  const stats = (report as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } })
    ?.stats;
  return {
    passed: stats?.expected ?? 0,
    failed: (stats?.unexpected ?? 0) + (stats?.flaky ?? 0),
    skipped: stats?.skipped ?? 0,
  };
}

const parts: [string, Totals][] = [
  ['unit+contract', vitestTotals(readJson('test-results/vitest.json'))],
  ['replica self-check', playwrightTotals(readJson('test-results/replica.json'))],
  ['e2e', playwrightTotals(readJson('test-results/e2e.json'))],
  ['firefox e2e', vitestTotals(readJson('test-results/firefox.json'))],
];
const total = parts.reduce<Totals>(
  (sum, [, t]) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
for (const [name, t] of parts) console.log(`${name}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
const mutations = readJson('test-results/mutations.json') as { line?: string; detail?: string } | undefined;
if (mutations?.line) console.log(`mutation harness: ${mutations.line} (${mutations.detail ?? ''})`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

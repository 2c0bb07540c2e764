/// <reference types="chrome" />
/**
 * The page shapes issue 10 found on Bitget versions this project had never
 * seen, rebuilt as replicas (a form in a side drawer with switches and no
 * chooser; custom ARIA controls whose names join group and item, Transfer
 * pre-ticked, the result in read-only fields with a wordy Secret label;
 * description lines under each right, in Russian and in Chinese, Transfer
 * on in a unified account). Each is driven by meaning (tests/e2e/
 * guide-drive.ts) and must come out RIGHT: warned and guarded while
 * Transfer / Withdraw is on, Mantix's exact rights and IPs in the page's
 * submitted state, the keys captured, no ✓ that the page contradicts, and
 * no page control under the panel.
 */
import { covered } from '../fixtures/bitget/drive';
import { type ReplicaVariantName, replicaVariants } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { classify, driveGuide, newRun } from './guide-drive';
import { linkAccount } from './handoff-flow';

const SHAPES = (Object.keys(replicaVariants) as ReplicaVariantName[]).filter(
  (name) => 'shape' in replicaVariants[name],
);

test('the unseen shapes are all here', () => {
  expect(SHAPES.length).toBeGreaterThanOrEqual(4);
});

for (const name of SHAPES) {
  test(`${name}: warned, guarded, set up, filled and captured, by meaning`, async ({ context, options, mantix }) => {
    await linkAccount(await options(), mantix);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    covered.length = 0;
    const run = newRun(name);
    await driveGuide(page, replicaVariants[name], run);
    run.covered = [...covered];
    run.outcome = classify(run);
    const detail = JSON.stringify(run, null, 2);
    expect(run.falseTicks, detail).toEqual([]);
    expect(run.outcome, detail).toBe('right');
    expect(run.covered, `page controls under the panel: ${detail}`).toEqual([]);
    expect(errors).toEqual([]);
  });
}

/// <reference types="chrome" />
/**
 * The page shapes issue 10 found on Bitget versions this project had never
 * seen, rebuilt as replicas (a form in a side drawer with switches and no
 * chooser; custom ARIA controls whose names join group and item, Transfer
 * pre-ticked, the result in read-only fields with a wordy Secret label;
 * description lines under each right, in Russian and in Chinese, Transfer
 * on in a unified account; and the Secret Key only behind Bitget's Copy
 * button). Each is driven by meaning (tests/e2e/
 * guide-drive.ts) and must come out RIGHT: warned and guarded while
 * Transfer / Withdraw is on, Mantix's exact rights and IPs in the page's
 * submitted state, the keys captured, no ✓ that the page contradicts, and
 * no page control under the panel.
 */
import { covered } from '../fixtures/bitget/drive';
import { type BitgetVariant, type ReplicaVariantName, replicaVariants } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { classify, driveGuide, newRun } from './guide-drive';
import { linkAccount } from './handoff-flow';

const NAMED: [string, BitgetVariant][] = (Object.keys(replicaVariants) as ReplicaVariantName[])
  .filter((name) => 'shape' in replicaVariants[name])
  .map((name) => [name, replicaVariants[name]]);

/**
 * The Secret Key only behind Bitget's Copy button: the panel asks, the user
 * presses Copy, the key is taken from the copy. Not a replica of its own (the
 * mutation harness draws its bases from the replicas), a named variant here.
 */
const described = replicaVariants['classic-zh-described'];
const SECRET_COPY_ONLY: [string, BitgetVariant] = [
  'classic-zh-described+secret-copy-only',
  { ...described, name: 'classic-zh-described+secret-copy-only', shape: { ...described.shape, secretCopyOnly: true } },
];

const SHAPES = [...NAMED, SECRET_COPY_ONLY];

test('the unseen shapes are all here', () => {
  expect(NAMED.length).toBeGreaterThanOrEqual(4);
});

for (const [name, variant] of SHAPES) {
  test(`${name}: warned, guarded, set up, filled and captured, by meaning`, async ({ context, options, mantix }) => {
    await linkAccount(await options(), mantix);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    covered.length = 0;
    const run = newRun(name);
    await driveGuide(page, variant, run);
    run.covered = [...covered];
    run.outcome = classify(run);
    const detail = JSON.stringify(run, null, 2);
    expect(run.falseTicks, detail).toEqual([]);
    expect(run.outcome, detail).toBe('right');
    expect(run.covered, `page controls under the panel: ${detail}`).toEqual([]);
    expect(errors).toEqual([]);
  });
}

/// <reference types="chrome" />
/**
 * The mutation harness (issue 10 §3): every replica, perturbed automatically
 * and deterministically (tests/fixtures/bitget/mutations.ts), driven in real
 * Chromium with the built extension, linked to the reference Mantix server,
 * by tests/e2e/guide-drive.ts, which classifies each page from the page's
 * TRUE state: right, could-not-check, short, false ✓, unguarded.
 *
 * A FALSE ✓ (a safety line ticked that is false in the page's state) or a
 * Next that is not guarded while Transfer / Withdraw is on always fails.
 * A page that is neither right nor "could not check" fails too, unless it
 * is listed in KNOWN_SHORT (each with the reason): the list only shrinks
 * (a listed page that now passes fails the test, so the list is kept true).
 *
 * Beside them, the English replicas in a language the guide has no words for
 * (`foreignPages`): it cannot name a right there, so at best it says it
 * cannot check; the same rules fail a false ✓ or an unguarded Next.
 *
 * Summary: test-results/mutations.json ("N perturbed pages: X right, Y
 * could-not-check, 0 false ✓"). One browser (one profile, linked once) for
 * all pages: a new tab per page.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { covered } from '../fixtures/bitget/drive';
import { foreignPages, perturbedPages } from '../fixtures/bitget/mutations';
import { type MantixServer, startMantixServer } from '../mantix-server/server';
import { classify, driveGuide, type GuideRun, newRun, type Outcome } from './guide-drive';
import { inWorker, linkAccount } from './handoff-flow';
import { launchWithExtension, readBuiltExtension, removeProfile } from './harness';
import { OptionsPage } from './pages/options';

const COUNT = Number(process.env.MUTATIONS_COUNT ?? 42);
// Another seed draws other combinations of the same transforms (default: the README's pages).
const SEED = process.env.MUTATIONS_SEED ? Number(process.env.MUTATIONS_SEED) : undefined;
// `npm test` drives every third page (14: each replica once, like the replica
// self-check) to stay inside its time budget; `npm run test:mutations` drives
// all of them (the README's figures come from that run).
const PAGES = [
  ...perturbedPages(COUNT, SEED).filter((_, i) => process.env.MUTATIONS_ALL === '1' || i % 3 === 0),
  // Pages in a language the guide has no words for (each about 20 s: it waits
  // for what cannot come): every third in `npm test`, all with MUTATIONS_ALL.
  ...foreignPages().filter((_, i) => process.env.MUTATIONS_ALL === '1' || i % 3 === 0),
];
const RESULTS = resolve('test-results');
const PER_PAGE = join(RESULTS, 'mutations');

/** Pages the guide falls short on today, and why (see the README's Bitget section). */
const KNOWN_SHORT: { [id: string]: string } = {};

interface Shared {
  context: BrowserContext;
  mantix: MantixServer;
  hosts: Set<string>;
}

const test = base.extend<{ page: Page }, { shared: Shared }>({
  shared: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      const built = await readBuiltExtension();
      const mantix = await startMantixServer({ port: Number(new URL(built.apiUrl).port || 80) });
      const launched = await launchWithExtension(built.dir);
      const hosts = new Set<string>();
      launched.context.on('request', (r) => {
        const url = new URL(r.url());
        if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) hosts.add(url.host);
      });
      const options = await OptionsPage.open(launched.context, launched.extensionId);
      await linkAccount(options, mantix);
      await options.page.close();
      await use({ context: launched.context, mantix, hosts });
      await launched.context.close().catch(() => undefined);
      await removeProfile(launched.userDataDir);
      await mantix.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  page: async ({ shared }, use) => {
    const page = await shared.context.newPage();
    await use(page);
    await page.close();
    // The next page starts with no key waiting (one profile serves every page).
    await Promise.race([
      inWorker(shared.context, async () => {
        const stored = await chrome.storage.session.get(null);
        await chrome.storage.session.remove(Object.keys(stored).filter((k) => /capture|handoff/i.test(k)));
        await chrome.storage.local.remove(['captureWaiting', '$captureWaiting$']);
      }),
      new Promise((resolve) => setTimeout(resolve, 5_000)),
    ]);
    // Privacy snapshot: nothing but Bitget (routed) and the Mantix server.
    const allowed = new Set(['www.bitget.com', new URL(shared.mantix.url).host]);
    expect(
      [...shared.hosts].filter((h) => !allowed.has(h)),
      'hosts contacted besides Mantix and Bitget',
    ).toEqual([]);
  },
});

function writeSummary(): void {
  const records = readdirSync(PER_PAGE)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(PER_PAGE, f), 'utf8')) as GuideRun)
    .filter((r) => PAGES.some((p) => p.id === r.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const count = (o: Outcome, of = records) => of.filter((r) => r.outcome === o).length;
  const falseTicks = records.reduce((n, r) => n + r.falseTicks.length, 0);
  const foreign = records.filter((r) => r.transforms.includes('foreign-language'));
  const perturbed = records.filter((r) => !foreign.includes(r));
  const tally = (of: GuideRun[]) =>
    `${count('right', of)} right, ${count('could-not-check', of)} could-not-check, ${count('false-tick', of)} false ✓`;
  const summary = {
    generated: PAGES.length,
    checked: records.length,
    right: count('right'),
    couldNotCheck: count('could-not-check'),
    short: count('short'),
    falseTicks,
    pagesWithFalseTicks: count('false-tick'),
    unguarded: records.filter((r) => r.guarded === false).length,
    pagesWithCoveredControls: records.filter((r) => r.covered.length).length,
    line:
      `${perturbed.length} of ${COUNT} perturbed pages: ${tally(perturbed)}; ` +
      `${foreign.length} pages in a language the guide has no words for: ${tally(foreign)}`,
    detail: `${records.filter((r) => r.guarded === false).length} with Next not guarded while Transfer/Withdraw was on, ${count('short')} neither right nor “could not check”, ${falseTicks} false ✓ lines in all`,
    pages: records,
  };
  writeFileSync(join(RESULTS, 'mutations.json'), `${JSON.stringify(summary, null, 2)}\n`);
}

test.describe('mutation harness', () => {
  test.beforeAll(() => {
    mkdirSync(PER_PAGE, { recursive: true });
  });
  test.afterAll(() => {
    writeSummary();
  });

  for (const perturbed of PAGES) {
    test(`perturbed ${perturbed.id}`, async ({ page }) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      covered.length = 0;
      const record: GuideRun = {
        ...newRun(perturbed.id),
        base: perturbed.base,
        transforms: perturbed.transforms,
        seed: perturbed.seed,
      };
      try {
        await driveGuide(page, perturbed.variant, record);
      } catch (error) {
        record.notes.push(`stopped: ${(error as Error).message.split('\n')[0]}`);
      } finally {
        record.covered = [...covered];
        record.outcome = classify(record);
        writeFileSync(join(PER_PAGE, `${perturbed.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
      }
      const detail = JSON.stringify(record, null, 2);
      expect(record.falseTicks, `FALSE ✓ on ${perturbed.id}: ${detail}`).toEqual([]);
      expect(record.guarded, `Next not guarded with Transfer/Withdraw on, ${perturbed.id}: ${detail}`).not.toBe(false);
      const known = KNOWN_SHORT[perturbed.id];
      if (known) {
        test.info().annotations.push({ type: 'known short', description: known });
        expect(record.outcome, `listed in KNOWN_SHORT but now ${record.outcome}: take it off the list`).toBe('short');
      } else {
        expect(record.outcome, `neither right nor “could not check”: ${detail}`).toMatch(/^(right|could-not-check)$/);
      }
      expect(errors, 'errors thrown into the page').toEqual([]);
    });
  }
});

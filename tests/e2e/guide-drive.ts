/// <reference types="chrome" />
/**
 * Drives the guide through a whole key creation on any replica, by meaning
 * (the replica's named elements, never its wording), and records what it
 * did against the page's TRUE state (the replica's own state through its
 * main-world test hook, never the guide). Used by the mutation harness and
 * by the unseen-shapes spec.
 *
 * - RIGHT: the guide warned on Transfer / Withdraw when on; "Set up rights
 *   for Mantix" left exactly Mantix's rights + read-write in the page's
 *   submitted state; "Fill Mantix IPs" reached the page's state; the keys
 *   were captured when the page showed them.
 * - COULD-NOT-CHECK: the panel said it could not check, and still guarded
 *   Next.
 * - SHORT: neither.
 * - FALSE-TICK: a safety line ticked that is false in the page's state.
 * - UNGUARDED: Next went through while Transfer / Withdraw was on.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import {
  element,
  facts,
  isMantixSet,
  moneyRight,
  openForm,
  type Preview,
  press,
  preview,
  setRight,
  typeInto,
  verifyAndConfirm,
  view,
} from '../fixtures/bitget/drive';
import type { BitgetVariant } from '../fixtures/bitget/route';
import { readReplica, replicaUrl, routeBitget } from '../fixtures/bitget/route';
import { MANTIX_IPS } from './handoff-flow';
import { type ChecklistLine, Overlay } from './pages/overlay';

const PASSPHRASE = 'Mutation2test4Mantix';

export type Outcome = 'right' | 'could-not-check' | 'short' | 'false-tick' | 'unguarded';

export interface GuideRun {
  id: string;
  base: string;
  transforms: string[];
  seed: number;
  outcome: Outcome;
  warned: boolean | null;
  guarded: boolean | null;
  rightsExact: boolean;
  ipsReached: boolean;
  captured: boolean;
  saidCannotCheck: boolean;
  falseTicks: string[];
  covered: string[];
  notes: string[];
  /** Milliseconds per phase (open, rights, ips, money, next, result). */
  ms: { [phase: string]: number };
}

/** The truth behind a checklist line (undefined: a line this spec cannot map to a fact). */
function lineTruth(line: ChecklistLine, p: Preview | null): boolean | undefined {
  const f = facts(p);
  const key = line.id ?? line.label.toLowerCase();
  if (/transfer and withdraw off|no-transfer-withdraw/.test(key)) return !f.moneyOut;
  if (/unified account trade|uta\.trade/.test(key)) return f.utaTradeReadWrite;
  if (/^read-write$/.test(key)) return p?.layout === 'classic' ? f.readWrite : f.utaTradeReadWrite;
  if (/futures orders|futures\.orders/.test(key)) return f.futuresOrders;
  if (/futures holdings|futures\.holdings/.test(key)) return f.futuresHoldings;
  if (/spot trade|spot\.trade/.test(key)) return f.spotTrade;
  if (/margin trade|margin\.trade/.test(key)) return f.marginTrade;
  return undefined;
}

/** ✓ lines (and, right after the set-up, its "Rights set" claim) that are false in the page's state. */
async function falseTicks(page: Page, overlay: Overlay, afterSetUp: boolean): Promise<string[]> {
  const [lines, p] = await Promise.all([overlay.checklistLines(), preview(page)]);
  const wrong = lines.filter((l) => l.state === 'ok' && lineTruth(l, p) === false).map((l) => `✓ ${l.label}`);
  if (afterSetUp && !isMantixSet(p) && (await overlay.status(/^Rights set for Mantix/).count())) {
    wrong.push('“Rights set for Mantix” while the page holds other rights');
  }
  return wrong;
}

/** Fails the record on a ✓ that stays false once the panel has had time to catch up (3 s). */
async function checkTicks(page: Page, overlay: Overlay, record: GuideRun, when: string, afterSetUp = false) {
  const deadline = Date.now() + 3_000;
  let wrong = await falseTicks(page, overlay, afterSetUp);
  while (wrong.length && Date.now() < deadline) {
    await page.waitForTimeout(250);
    wrong = await falseTicks(page, overlay, afterSetUp);
  }
  for (const w of wrong) record.falseTicks.push(`${when}: ${w}`);
}

async function visibleWithin(locator: Locator, ms: number): Promise<boolean> {
  return locator
    .first()
    .waitFor({ state: 'visible', timeout: ms })
    .then(
      () => true,
      () => false,
    );
}

async function formIps(page: Page): Promise<string[]> {
  const form = (await readReplica(page)).state.form;
  if (!form) return [];
  return form.ips.length ? form.ips : form.ipText.split(/[,，]/).map((ip) => ip.trim());
}

export async function driveGuide(page: Page, variant: BitgetVariant, record: GuideRun): Promise<void> {
  const overlay = new Overlay(page);
  const note = (text: string) => record.notes.push(text);
  let mark = Date.now();
  const lap = (phase: string) => {
    record.ms[phase] = Date.now() - mark;
    mark = Date.now();
  };
  await routeBitget(page, variant);
  await page.goto(replicaUrl(variant));
  await expect(overlay.panel).toBeVisible();
  await openForm(page, variant);
  await typeInto(page, 'note', 'Mantix', { paste: true });
  await typeInto(page, 'passphrase', PASSPHRASE, { paste: true });
  const cannot = async () => {
    if (!record.saidCannotCheck && (await overlay.cannotCheck.count())) record.saidCannotCheck = true;
  };

  // 1. As the form opens (maybe Transfer on, maybe a read-only trade right).
  await page.waitForTimeout(600);
  await checkTicks(page, overlay, record, 'as opened');
  const openedMoney = facts(await preview(page)).moneyOut;
  if (openedMoney) record.warned = await visibleWithin(overlay.dangerAlert, 4_000);
  await cannot();

  lap('open');

  // 2. "Set up rights for Mantix".
  const setUp = overlay.button('Set up rights for Mantix');
  if (await visibleWithin(setUp, 3_000)) {
    await setUp.click();
    await expect
      .poll(async () => isMantixSet(await preview(page)), { timeout: 5_000 })
      .toBe(true)
      .catch(() => note('the set-up did not reach Mantix’s set'));
    await page.waitForTimeout(300);
    await checkTicks(page, overlay, record, 'after the set-up', true);
  } else note('no “Set up rights for Mantix” button');
  await cannot();

  lap('rights');

  // 3. "Fill Mantix IPs".
  const fill = overlay.button('Fill Mantix IPs');
  if (await visibleWithin(fill, 2_000)) {
    await fill.click();
    await expect
      .poll(
        async () => {
          const ips = await formIps(page);
          return MANTIX_IPS.every((ip) => ips.includes(ip));
        },
        { timeout: 5_000 },
      )
      .toBe(true)
      .catch(() => note('the Mantix IPs did not reach the page'));
  } else note('no “Fill Mantix IPs” button');

  lap('ips');

  // 4. The user turns a money-moving right on by hand: the warning, and no ✓ for "off".
  const money = await moneyRight(page, variant);
  if (variant.layout === 'classic' && money.endsWith('withdraw')) await press(page, 'mode:read_write');
  await setRight(page, money, true);
  if (!facts(await preview(page)).moneyOut) throw new Error(`${money} did not turn on`);
  const warnedNow = await visibleWithin(overlay.dangerAlert, 4_000);
  record.warned = (record.warned ?? true) && warnedNow;
  await checkTicks(page, overlay, record, `with ${money} on`);
  await cannot();

  lap('money');

  // 5. Next with money on: the guard must stop it before the page sees it.
  await press(page, 'next');
  const guard = overlay.anyGuard;
  await expect
    .poll(async () => (await guard.count()) > 0 || (await readReplica(page)).submitted !== null, { timeout: 4_000 })
    .toBe(true)
    .catch(() => undefined);
  const submittedEarly = (await readReplica(page)).submitted;
  if (submittedEarly && facts(submittedEarly).moneyOut) {
    record.guarded = false;
    note(`Next went through with ${submittedEarly.permissions.join(', ')}`);
    return;
  }
  record.guarded = (await guard.count()) > 0;
  if (!record.guarded) {
    note(`Next was not guarded (the page stayed on ${await view(page)})`);
    return;
  }
  await cannot();
  const turnOff = guard.getByRole('button', { name: 'Turn it off and continue' });
  if (!(await turnOff.count())) {
    note('the guard offers no “Turn it off and continue”');
    return;
  }
  await turnOff.click();
  await expect
    .poll(async () => (await readReplica(page)).submitted !== null, { timeout: 6_000 })
    .toBe(true)
    .catch(() => note('after “Turn it off and continue” nothing was submitted'));
  const { submitted } = await readReplica(page);
  if (!submitted) return;
  if (facts(submitted).moneyOut) {
    record.guarded = false;
    note(`“Turn it off and continue” submitted ${submitted.permissions.join(', ')}`);
    return;
  }
  record.rightsExact = isMantixSet(submitted);
  if (!record.rightsExact) note(`submitted ${submitted.permType} ${submitted.permissions.join(', ')}`);
  record.ipsReached = MANTIX_IPS.every((ip) => submitted.ips.includes(ip));

  lap('next');

  // 6. Verification, the result, the capture.
  await verifyAndConfirm(page, { paste: true });
  await element(page, 'result:apiKey');
  if (variant.shape?.secretCopyOnly) {
    // The Secret Key is only behind its Copy button: a user presses it when the panel asks.
    if (await visibleWithin(overlay.status(/Press Copy next to the Secret Key/), 8_000))
      await press(page, 'copy:secretKey');
    else note('the panel did not ask for the Secret Key’s Copy button');
  }
  record.captured = await visibleWithin(overlay.status(/^Keys captured/), 8_000);
  if (!record.captured) {
    // biome-ignore lint/performance/useDomNodeTextContent: what the user reads.
    const said = await overlay.panel.innerText().catch(() => '');
    note(`not captured; the panel says: ${said.replace(/\s+/g, ' ').slice(-220)}`);
  }
  await cannot();
  lap('result');
}

export function classify(r: GuideRun): Outcome {
  if (r.falseTicks.length) return 'false-tick';
  if (r.guarded === false) return 'unguarded';
  if (r.warned !== false && r.guarded && r.rightsExact && r.ipsReached && r.captured) return 'right';
  if (r.saidCannotCheck && r.guarded) return 'could-not-check';
  return 'short';
}

/** A run with nothing observed yet. */
export function newRun(id: string): GuideRun {
  return {
    id,
    base: id,
    transforms: [],
    seed: 0,
    outcome: 'short',
    warned: null,
    guarded: null,
    rightsExact: false,
    ipsReached: false,
    captured: false,
    saidCannotCheck: false,
    falseTicks: [],
    covered: [],
    notes: [],
    ms: {},
  };
}

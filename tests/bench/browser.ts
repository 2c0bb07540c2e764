/**
 * The bench's measurements in real headless Chromium: page overhead and
 * reaction on the Bitget replica (with the extension vs the same browser
 * flags without it), the service worker's wake-up, and the handoff.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page, type Response } from '@playwright/test';
import { extensionWorker, type Launched, stopServiceWorker } from '../e2e/harness';
import { OptionsPage } from '../e2e/pages/options';
import { OVERLAY_HOST, Overlay } from '../e2e/pages/overlay';
import { PopupPage } from '../e2e/pages/popup';
import { type BitgetVariant, replicaText, replicaUrl, replicaVariants } from '../fixtures/bitget/route';
import type { MantixServer } from '../mantix-server/server';
import { chromiumArgs, findChromium } from '../tools/chromium';
import {
  armClickClock,
  barePost,
  PING,
  type ProbeMark,
  READ_CLICK_CLOCK,
  READ_PROBE,
  READ_READY_CLOCK,
  READY_CLOCK,
  reactionProbe,
} from './probe';
import { median, sleep } from './stats';

/** Thrown when what a figure needs is not there (yet): the figure says so instead of a number. */
export class NotMeasurable extends Error {
  override name = 'NotMeasurable';
}

export const LOCALE = 'en-US';

/**
 * The named replica with a fixed modal delay (300 ms instead of a random
 * 100–600 ms), so that the filled-form windows with and without the
 * extension differ by the extension only.
 */
export const BENCH_VARIANT: BitgetVariant = {
  ...replicaVariants['classic-en-native-comma'],
  delayMs: [300, 300],
};

const t = (key: string) => replicaText('en', key);

/* ---------------------------------------------------------- browsers -- */

/** Chromium with the same flags as `launchWithExtension` minus the extension. */
export async function launchWithoutExtension(
  extensionDir: string,
): Promise<{ context: BrowserContext; userDataDir: string }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'mantix-bench-bare-'));
  const args = chromiumArgs(extensionDir).filter(
    (arg) => !arg.startsWith('--disable-extensions-except=') && !arg.startsWith('--load-extension='),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: true,
    args: [...args, `--lang=${LOCALE}`],
    locale: LOCALE,
    viewport: { width: 1280, height: 860 },
    serviceWorkers: 'allow',
  });
  return { context, userDataDir };
}

/* ----------------------------------------------------- page overhead -- */

interface Metrics {
  TaskDuration: number;
  ScriptDuration: number;
  LayoutDuration: number;
  RecalcStyleDuration: number;
  /** CPU time of the main thread (not wall time): less sensitive to other processes on the machine. */
  ThreadTime: number;
  Timestamp: number;
}

async function readMetrics(session: { send(method: 'Performance.getMetrics'): Promise<unknown> }): Promise<Metrics> {
  const { metrics } = (await session.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    TaskDuration: get('TaskDuration'),
    ScriptDuration: get('ScriptDuration'),
    LayoutDuration: get('LayoutDuration'),
    RecalcStyleDuration: get('RecalcStyleDuration'),
    ThreadTime: get('ThreadTime'),
    Timestamp: get('Timestamp'),
  };
}

export interface OverheadSample {
  /** Main-thread busy time in the window, ms. */
  taskMs: number;
  scriptMs: number;
  /** Main-thread CPU time in the window, ms. */
  cpuMs: number;
  styleLayoutMs: number;
  windowMs: number;
  reaction?: ReactionSample;
}

export interface ReactionSample {
  transferFrames: number[];
  transferMs: number[];
  formFrames: number[];
  formMs: number[];
  problems: string[];
}

const IDLE_WINDOW_MS = 10_000;
const SETTLE_MS = 1_000;
const TYPE_DELAY_MS = 20;
const TRANSFER_TOGGLES = 2;
const PASSPHRASE = 'Mantix2024bench';
const IPS = ['203.0.113.10', '203.0.113.11', '198.51.100.7'];
const RIGHTS: [group: string, item: string][] = [
  ['grpFutures', 'itemOrders'],
  ['grpFutures', 'itemHoldings'],
  ['grpSpot', 'itemTrade'],
  ['grpMargin', 'itemTrade'],
];

/** The row around a permission group's title. */
const groupRow = (scope: Locator, title: string) => scope.getByText(title, { exact: true }).locator('xpath=..');

/** Opens the replica's key list in a new page; with the extension, waits for the guide's panel. */
async function openReplica(context: BrowserContext, withExtension: boolean, home = false): Promise<Page> {
  const page = await context.newPage();
  await page.goto(replicaUrl(BENCH_VARIANT, home ? '' : 'account/newapi'));
  await page.waitForFunction(
    `'__bitgetReplica' in window && window.__bitgetReplica.state().view === '${home ? 'home' : 'list'}' && !window.__bitgetReplica.state().loading`,
  );
  if (withExtension && !home) {
    try {
      await new Overlay(page).panel.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      await page.close();
      throw new NotMeasurable('the guide’s panel (role complementary, “Mantix guide”) did not appear on the replica');
    }
  }
  return page;
}

/**
 * "The user fills the form", the same script with and without the
 * extension: Create API Key → System-generated → note, passphrase,
 * Read-write, the four trade rights, Transfer on/off twice, Mantix's IPs.
 * Fixed pauses only (never waits for the overlay), so both windows match.
 */
async function fillForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: t('createApiKey'), exact: true }).click();
  await page
    .getByRole('dialog', { name: t('chooserTitle') })
    .getByText(t('systemGenerated'), { exact: true })
    .click();
  const form = page.getByRole('dialog', { name: t('formTitleSystem') });
  await form.waitFor();
  await sleep(300);
  await form.getByRole('textbox', { name: new RegExp(`^${t('note')}`) }).pressSequentially('Mantix', {
    delay: TYPE_DELAY_MS,
  });
  await form.getByLabel(t('passphrase'), { exact: true }).pressSequentially(PASSPHRASE, { delay: TYPE_DELAY_MS });
  await form.getByRole('radio', { name: t('readWrite'), exact: true }).click();
  for (const [group, item] of RIGHTS) {
    await groupRow(form, t(group))
      .getByRole('checkbox', { name: t(item), exact: true })
      .click();
  }
  const transfer = groupRow(form, t('grpWallet')).getByRole('checkbox', { name: t('itemTransfer'), exact: true });
  for (let i = 0; i < TRANSFER_TOGGLES; i++) {
    await transfer.click();
    await sleep(400);
    await transfer.click();
    await sleep(400);
  }
  const ipField = form.getByPlaceholder(t('ipPlaceholderComma'));
  await ipField.fill('');
  await ipField.pressSequentially(IPS.join(','), { delay: TYPE_DELAY_MS });
  await sleep(500);
}

/** Frames (and ms) from each Transfer-on to the next new visible alert; from the form modal to the step moving on. */
function reactionFromMarks(marks: readonly ProbeMark[]): ReactionSample {
  const sample: ReactionSample = { transferFrames: [], transferMs: [], formFrames: [], formMs: [], problems: [] };
  marks.forEach((mark, index) => {
    if (mark.name !== 'transfer' || !mark.checked) return;
    const before = [...marks.slice(0, index)].reverse().find((m) => m.name === 'alerts')?.count ?? 0;
    const later = marks.slice(index + 1);
    const nextToggle = later.findIndex((m) => m.name === 'transfer');
    const window = nextToggle < 0 ? later : later.slice(0, nextToggle);
    const shown = window.find((m) => m.name === 'alerts' && (m.count ?? 0) > before);
    if (!shown) {
      sample.problems.push('no new role="alert" in the overlay before Transfer was turned off again (400 ms)');
      return;
    }
    sample.transferFrames.push(shown.frame - mark.frame);
    sample.transferMs.push(shown.t - mark.t);
  });
  const openIndex = marks.findIndex((m) => m.name === 'form-open');
  const open = marks[openIndex];
  if (!open) {
    sample.problems.push('the form modal was not seen');
  } else {
    const stepBefore = [...marks.slice(0, openIndex)].reverse().find((m) => m.name === 'step')?.step ?? -1;
    const ready = marks.slice(openIndex + 1).find((m) => m.name === 'step' && (m.step ?? -1) > stepBefore);
    if (!ready) sample.problems.push('the overlay’s aria-current="step" did not move on after the form modal mounted');
    else {
      sample.formFrames.push(ready.frame - open.frame);
      sample.formMs.push(ready.t - open.t);
    }
  }
  return sample;
}

/** Loads the replica once and closes it (caches, first compile), before any measured run. */
export async function warmUp(context: BrowserContext, withExtension: boolean): Promise<void> {
  const page = await openReplica(context, withExtension);
  await sleep(500);
  await page.close();
}

/** In-app routes between Bitget pages that are not the API page (the header's links), ticker running. */
export const BROWSE_NAVIGATIONS = 12;
async function browse(page: Page): Promise<void> {
  const links = ['navMarkets', 'navSpot', 'navFutures', 'navCopy', 'navEarn'];
  for (let i = 0; i < BROWSE_NAVIGATIONS; i++) {
    await page.getByRole('link', { name: t(links[i % links.length] ?? 'navSpot'), exact: true }).click();
    await sleep(400);
  }
}

/**
 * One window of main-thread busy time on the replica: idle (ticker only, 10 s), while the form is
 * filled, or browsing Bitget pages that are not the API page (only the loader runs there).
 */
export async function overheadRun(
  context: BrowserContext,
  mode: 'idle' | 'fill' | 'browse',
  withExtension: boolean,
): Promise<OverheadSample> {
  const page = await openReplica(context, withExtension, mode === 'browse');
  try {
    if (mode === 'fill') {
      await page.evaluate(
        reactionProbe({ host: OVERLAY_HOST, formTitle: t('formTitleSystem'), transferLabel: t('itemTransfer') }),
      );
    }
    await sleep(SETTLE_MS);
    const session = await context.newCDPSession(page);
    await session.send('Performance.enable');
    const before = await readMetrics(session);
    if (mode === 'idle') await sleep(IDLE_WINDOW_MS);
    else if (mode === 'browse') await browse(page);
    else await fillForm(page);
    const after = await readMetrics(session);
    await session.detach();
    const sample: OverheadSample = {
      taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
      scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
      cpuMs: (after.ThreadTime - before.ThreadTime) * 1000,
      styleLayoutMs:
        (after.LayoutDuration - before.LayoutDuration + after.RecalcStyleDuration - before.RecalcStyleDuration) * 1000,
      windowMs: (after.Timestamp - before.Timestamp) * 1000,
    };
    if (mode === 'fill' && withExtension) {
      const probe = (await page.evaluate(READ_PROBE)) as { marks: ProbeMark[] } | null;
      sample.reaction = probe
        ? reactionFromMarks(probe.marks)
        : {
            transferFrames: [],
            transferMs: [],
            formFrames: [],
            formMs: [],
            problems: ['the probe was lost'],
          };
    }
    return sample;
  } finally {
    await page.close();
  }
}

/* ---------------------------------------------------- service worker -- */

export interface WorkerSample {
  coldPingMs: number;
  warmPingMs: number;
}

/**
 * Stops the worker, then times one `ping` from an extension page (the
 * extension's manifest.json, opened as a page: an extension document that
 * keeps no port open, so nothing else wakes the worker first).
 */
export async function workerPings(ext: Launched, runs: number): Promise<WorkerSample[]> {
  const page = await ext.context.newPage();
  try {
    await page.goto(`chrome-extension://${ext.extensionId}/manifest.json`);
    const samples: WorkerSample[] = [];
    for (let i = 0; i < runs; i++) {
      await stopServiceWorker(ext.context, ext.extensionId);
      await sleep(300);
      const cold = (await page.evaluate(PING)) as { ms: number; ok: boolean };
      await sleep(100);
      const warm = (await page.evaluate(PING)) as { ms: number; ok: boolean };
      if (!cold.ok || !warm.ok) throw new NotMeasurable('the background did not answer `ping` with ok');
      samples.push({ coldPingMs: cold.ms, warmPingMs: warm.ms });
    }
    return samples;
  } finally {
    await page.close();
  }
}

export interface PopupReadySample {
  coldMs: number;
  warmMs: number;
}

async function popupReadyMs(page: Page, extensionId: string): Promise<number> {
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const at = (await page.evaluate(READ_READY_CLOCK)) as number | null;
    if (at !== null) return at;
    await sleep(50);
  }
  throw new NotMeasurable('the popup’s data-testid="background-status" never said “Extension ready”');
}

/** The popup from navigation to "Extension ready": after a stopped worker, and with the worker running. */
export async function popupReady(ext: Launched, runs: number): Promise<PopupReadySample[]> {
  const page = await ext.context.newPage();
  await page.addInitScript(READY_CLOCK);
  const samples: PopupReadySample[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await page.goto('about:blank');
      await stopServiceWorker(ext.context, ext.extensionId);
      await sleep(300);
      const coldMs = await popupReadyMs(page, ext.extensionId);
      await page.goto('about:blank');
      await sleep(100);
      const warmMs = await popupReadyMs(page, ext.extensionId);
      samples.push({ coldMs, warmMs });
    }
    return samples;
  } finally {
    await page.close();
  }
}

/* ----------------------------------------------------------- handoff -- */

async function dev(mantix: MantixServer, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mantix.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function randomKeys() {
  const letters = [...randomBytes(20)].map((b) => ALNUM[b % ALNUM.length]).join('');
  return {
    apiKey: `bg_${randomBytes(16).toString('hex')}`,
    secretKey: randomBytes(32).toString('hex'),
    passphrase: `Mx${letters}`,
  };
}

/** Links the extension to the reference server's demo account through the options page. */
export async function linkAccount(ext: Launched, mantix: MantixServer): Promise<void> {
  await dev(mantix, '/dev/scenario', { interval: 1, verification_delay_ms: 200 });
  const options = await OptionsPage.open(ext.context, ext.extensionId);
  try {
    const verification = await options.startLinking();
    const userCode = await options.userCode.inputValue();
    await dev(mantix, '/dev/approve', { user_code: userCode });
    await options.accountValue('Email').filter({ hasText: 'demo@mantix.test' }).waitFor({ timeout: 20_000 });
    await verification.close();
  } catch (error) {
    throw new NotMeasurable(`linking the demo account through the options page failed: ${short(error)}`);
  } finally {
    await options.page.close();
  }
}

export interface HandoffSample {
  /** Send pressed (keys captured, both confirmations ticked) → the 202 of POST /v1/exchange-connections. */
  sendTo202Ms: number;
  /** Send pressed → that POST leaves the worker. */
  sendToPostMs: number;
  /** The POST on the wire until the 202's headers. */
  postTo202Ms: number;
  /** The reference server's own time on the POST (its request log's `handledMs`). */
  serverPostMs: number;
  /** The same for the bare POSTs (median of the run's three). */
  serverBareMs: number;
  bodyBytes: number;
  /** A bare POST of the same size to the same server, from the same worker. */
  bareMs: number;
  bareStatus: number;
}

const isPost = (r: Response) => r.request().method() === 'POST' && r.url().endsWith('/v1/exchange-connections');

export async function handoffRun(ext: Launched, mantix: MantixServer): Promise<HandoffSample> {
  const { context } = ext;
  const popup = await PopupPage.open(context, ext.extensionId);
  try {
    try {
      await popup.pasteKeys(randomKeys());
      await popup.apiKey.waitFor({ timeout: 10_000 });
      await popup.page.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' }).check();
      await popup.page.getByRole('checkbox', { name: 'I saved the Secret Key somewhere safe' }).check();
    } catch (error) {
      throw new NotMeasurable(`the popup's paste form / confirmations are not usable: ${short(error)}`);
    }
    await popup.page.evaluate(armClickClock('^Send to'));
    const accepted = context.waitForEvent('response', {
      predicate: (r) => isPost(r) && r.status() === 202,
      timeout: 20_000,
    });
    await popup.sendButton().click();
    let response: Response;
    try {
      response = await accepted;
    } catch (error) {
      throw new NotMeasurable(`no 202 for POST /v1/exchange-connections after Send: ${short(error)}`);
    }
    const clickedAt = (await popup.page.evaluate(READ_CLICK_CLOCK)) as number | null;
    if (clickedAt === null) throw new NotMeasurable('the Send click was not seen in the popup');
    const timing = response.request().timing();
    const postStart = timing.startTime;
    const answered = timing.startTime + timing.responseStart;
    const bodyBytes = Buffer.byteLength(response.request().postData() ?? '');
    try {
      await popup.active.waitFor({ timeout: 20_000 });
    } catch {
      throw new NotMeasurable('the popup did not show “Connected to Mantix” after the 202');
    }
    // Three bare POSTs on the same (warm) worker; the median stands for this run.
    const worker = await extensionWorker(context);
    const bares: { ms: number; status: number }[] = [];
    for (let i = 0; i < 3; i++) {
      bares.push(
        (await worker.evaluate(barePost(`${mantix.url}/v1/exchange-connections`, bodyBytes))) as {
          ms: number;
          status: number;
        },
      );
    }
    const bare = { ms: median(bares.map((b) => b.ms)), status: bares[0]?.status ?? 0 };
    const posts = (
      (await dev(mantix, '/dev/requests')) as { method: string; path: string; status: number; handledMs: number }[]
    ).filter((entry) => entry.method === 'POST' && entry.path === '/v1/exchange-connections');
    const accepted202 = posts.filter((entry) => entry.status === 202).pop();
    const bareLogged = posts.slice(-3).filter((entry) => entry.status !== 202);
    if (!accepted202 || bareLogged.length !== 3) throw new NotMeasurable('the reference server did not log the POSTs');
    return {
      sendTo202Ms: answered - clickedAt,
      sendToPostMs: postStart - clickedAt,
      postTo202Ms: timing.responseStart,
      serverPostMs: accepted202.handledMs,
      serverBareMs: median(bareLogged.map((entry) => entry.handledMs)),
      bodyBytes,
      bareMs: bare.ms,
      bareStatus: bare.status,
    };
  } finally {
    await popup.page.close();
  }
}

export function short(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 300) ?? '';
}

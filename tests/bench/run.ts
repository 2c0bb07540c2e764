/**
 * `npm run bench`: a performance REPORT of the built extension, never a
 * timed test. Builds its own copy (Chrome + Firefox MV3 and their zips),
 * starts the reference Mantix server (a process of its own), runs the extension in real
 * headless Chromium on the Bitget replica next to the same browser without
 * it (runs interleaved, so drift hits both), and writes bench/report.md and
 * bench/report.json (each figure: median, spread, n, budget, met/missed).
 *
 *   npm run bench                  everything (about 5 minutes on 2 cores)
 *   npm run bench -- --no-build    measure the existing build in .output-bench
 *   npm run bench -- --quick       fewer runs, for trying the bench itself;
 *                                  writes to bench/runs/ only
 *   npm run bench -- --only=page,worker,handoff,actions   only those browser sections
 *                                  (sizes always); writes to bench/runs/ only
 * Environment: MANTIX_BENCH_OUT_DIR (default .output-bench),
 * MANTIX_BENCH_API_URL (default http://127.0.0.1:18875, the build's Mantix API).
 */
import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { encryptCredentials } from '../../utils/handoff/jwe';
import { type Launched, launchWithExtension, readBuiltExtension, removeProfile } from '../e2e/harness';
import { routeBitget } from '../fixtures/bitget/route';
import { readCommittedPublicJwk } from '../mantix-server/keys';
import type { MantixServer } from '../mantix-server/server';
import { userActionsSection } from './actions';
import {
  BENCH_VARIANT,
  BROWSE_NAVIGATIONS,
  type HandoffSample,
  handoffRun,
  LOCALE,
  launchWithoutExtension,
  linkAccount,
  NotMeasurable,
  type OverheadSample,
  overheadRun,
  popupReady,
  short,
  warmUp,
  workerPings,
} from './browser';
import { startMantixProcess } from './mantix-process';
import {
  collectBudgets,
  type Figure,
  figure,
  notMeasurable,
  type Report,
  ratioFigure,
  renderMarkdown,
  type Section,
  type SizeSection,
} from './report';
import { analysisFileOf, measureSizes } from './sizes';
import { median } from './stats';

const started = Date.now();
const flags = new Set(process.argv.slice(2));
const ONLY = new Set(
  [...flags]
    .find((flag) => flag.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? [],
);
const want = (part: 'page' | 'worker' | 'handoff' | 'actions') => ONLY.size === 0 || ONLY.has(part);
/** A partial or quick run goes to bench/runs/ only, never over the committed report. */
const QUICK = flags.has('--quick') || ONLY.size > 0;
const NO_BUILD = flags.has('--no-build');
const OUT_DIR = resolve(process.env.MANTIX_BENCH_OUT_DIR ?? '.output-bench');
const API_URL = process.env.MANTIX_BENCH_API_URL ?? 'http://127.0.0.1:18875';
const RUNS = QUICK
  ? { idle: 2, fill: 2, browse: 2, worker: 3, popup: 2, handoff: 2, jwe: 20 }
  : { idle: 5, fill: 5, browse: 5, worker: 7, popup: 5, handoff: 5, jwe: 50 };

const OVERHEAD_BUDGET = { max: 1.02, text: '≤ 1.02×' };
const FILL_BUDGET = { max: 1.05, text: '≤ 1.05×' };
const BROWSE_BUDGET = { max: 1.01, text: '≤ 1.01×' };
const FRAME_BUDGET = { max: 1, text: '≤ 1 frame (the next frame)' };
const HANDOFF_BUDGET = { max: 1.5, text: '≤ 1.5× the bare POST' };

const notes: string[] = [];
const log = (message: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

/* ------------------------------------------------------------ build -- */

function build(browser: 'chrome' | 'firefox'): void {
  const tsx = resolve('node_modules/.bin/tsx');
  const result = spawnSync(tsx, ['tests/bench/build.ts', browser, OUT_DIR], {
    env: { ...process.env, MANTIX_OUT_DIR: OUT_DIR, WXT_MANTIX_API_URL: API_URL, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    console.error(output);
    const reason = output.split('\n').find((line) => /error/i.test(line) && !/^\s+at /.test(line));
    throw new Error(`the ${browser} build failed: ${reason?.trim() ?? `exit code ${result.status}`}`);
  }
}

/* ------------------------------------------------------------- JWE -- */

async function jweSamples(runs: number): Promise<number[]> {
  const ingestKey = { kid: 'test-ingest-1', jwk: readCommittedPublicJwk('test-ingest-1') };
  const credentials = {
    apiKey: `bg_${'a1'.repeat(16)}`,
    secretKey: 'b2'.repeat(32),
    passphrase: 'Mantix2024bench',
  };
  const once = () => encryptCredentials({ accountId: 'acc_demo_0001', ingestKey, credentials });
  for (let i = 0; i < 5; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/* ---------------------------------------------------------- sections -- */

const pick = <T>(samples: readonly T[], key: (s: T) => number) => samples.map(key);
const pairs = (a: readonly number[], b: readonly number[]) =>
  a.slice(0, Math.min(a.length, b.length)).map((x, i) => x / (b[i] ?? Number.NaN));

function unmeasurable(specs: [string, string, Figure['unit'], typeof OVERHEAD_BUDGET?][], reason: string): Figure[] {
  return specs.map(([id, label, unit, budget]) => notMeasurable(id, label, unit, reason, budget));
}

const OVERHEAD_SPECS: [string, string, Figure['unit'], typeof OVERHEAD_BUDGET?][] = [
  ['idle-ratio', 'Ticker only (10 s): main-thread time with / without the extension', '×', OVERHEAD_BUDGET],
  ['idle-busy-ratio', 'Ticker only: busy (wall) time with / without', '×'],
  ['fill-ratio', 'Filling the form: main-thread time with / without the extension', '×', FILL_BUDGET],
  ['fill-busy-ratio', 'Filling the form: busy (wall) time with / without', '×'],
  [
    'browse-ratio',
    'Non-API Bitget pages (in-app routes): main-thread time with / without the extension',
    '×',
    BROWSE_BUDGET,
  ],
  ['browse-busy-ratio', 'Non-API Bitget pages: busy (wall) time with / without', '×'],
];

const REACTION_SPECS: [string, string, Figure['unit'], typeof OVERHEAD_BUDGET?][] = [
  ['transfer-frames', 'Transfer ticked → the overlay’s warning (role="alert") shown', 'frames', FRAME_BUDGET],
  ['transfer-ms', 'Transfer ticked → warning shown (time)', 'ms'],
  [
    'form-frames',
    'Bitget’s form modal mounted → the overlay on the form step (aria-current="step")',
    'frames',
    FRAME_BUDGET,
  ],
  ['form-ms', 'Form modal mounted → overlay ready (time)', 'ms'],
];

/** "with − without = +X ms (Y % of the window)". */
function extra(withExt: readonly number[], without: readonly number[], windowMs: number): string {
  const delta = median(withExt) - median(without);
  const sign = delta >= 0 ? '+' : '−';
  return `with − without = ${sign}${Math.abs(delta).toFixed(0)} ms (${sign}${((Math.abs(delta) / windowMs) * 100).toFixed(1)} % of the ${(windowMs / 1000).toFixed(1)} s window)`;
}

/**
 * The rows of one overhead scenario. The budget is judged on main-thread CPU
 * time (CDP `ThreadTime`); busy time (`TaskDuration`, wall clock) is shown
 * next to it: on a shared machine a task's wall time grows whenever the
 * thread waits for a core, whoever caused it.
 */
function overheadFigures(
  prefix: 'idle' | 'fill' | 'browse',
  title: string,
  runs: { with: OverheadSample[]; without: OverheadSample[] },
): Figure[] {
  const idle = prefix === 'idle';
  const unit: Figure['unit'] = idle ? 'ms / 10 s' : 'ms';
  const scale = (s: OverheadSample, ms: number) => (idle ? (ms * 10_000) / s.windowMs : ms);
  const series = (side: OverheadSample[], key: 'cpuMs' | 'taskMs' | 'scriptMs') => side.map((s) => scale(s, s[key]));
  const windowMs = idle ? 10_000 : median(runs.with.map((s) => s.windowMs));
  const cpu = { w: series(runs.with, 'cpuMs'), wo: series(runs.without, 'cpuMs') };
  const busy = { w: series(runs.with, 'taskMs'), wo: series(runs.without, 'taskMs') };
  const rows = [
    ratioFigure(`${prefix}-ratio`, `${title}: main-thread time with / without the extension`, cpu.w, cpu.wo, {
      budget: prefix === 'fill' ? FILL_BUDGET : prefix === 'browse' ? BROWSE_BUDGET : OVERHEAD_BUDGET,
      pairs: pairs(cpu.w, cpu.wo),
      note: `main-thread CPU time (ThreadTime); ${extra(cpu.w, cpu.wo, windowMs)}`,
    }),
    figure(`${prefix}-cpu-with`, `${title}: main-thread CPU time, with the extension`, unit, cpu.w),
    figure(`${prefix}-cpu-without`, `${title}: main-thread CPU time, without`, unit, cpu.wo),
    ratioFigure(`${prefix}-busy-ratio`, `${title}: busy (wall) time with / without`, busy.w, busy.wo, {
      pairs: pairs(busy.w, busy.wo),
      note: `TaskDuration, wall clock: grows while the thread waits for a core; ${extra(busy.w, busy.wo, windowMs)}`,
    }),
    figure(`${prefix}-busy-with`, `${title}: busy time (TaskDuration), with`, unit, busy.w),
    figure(`${prefix}-busy-without`, `${title}: busy time, without`, unit, busy.wo),
    figure(
      `${prefix}-script-with`,
      `${title}: script time (ScriptDuration), with`,
      unit,
      series(runs.with, 'scriptMs'),
    ),
    figure(`${prefix}-script-without`, `${title}: script time, without`, unit, series(runs.without, 'scriptMs')),
  ];
  if (!idle) {
    rows.push(
      figure(
        `${prefix}-window-with`,
        `${title}: length of the window, with`,
        'ms',
        pick(runs.with, (s) => s.windowMs),
      ),
      figure(
        `${prefix}-window-without`,
        `${title}: length of the window, without`,
        'ms',
        pick(runs.without, (s) => s.windowMs),
      ),
    );
  }
  return rows;
}

async function pageSections(
  ext: Launched | null,
  extError: string | undefined,
  bare: BrowserContext | undefined,
): Promise<{ overhead: Figure[]; reaction: Figure[] }> {
  if (!ext || !bare) {
    const reason = extError ?? 'the extension did not load';
    return { overhead: unmeasurable(OVERHEAD_SPECS, reason), reaction: unmeasurable(REACTION_SPECS, reason) };
  }
  const overhead: Figure[] = [];
  let reaction: Figure[] = [];

  // Ticker only: alternate which browser goes first (ABBA…), so drift cancels.
  const idle = { with: [] as OverheadSample[], without: [] as OverheadSample[] };
  try {
    await warmUp(ext.context, true);
    await warmUp(bare, false);
    for (let i = 0; i < RUNS.idle; i++) {
      for (const withExtension of i % 2 === 0 ? [true, false] : [false, true]) {
        const sample = await overheadRun(withExtension ? ext.context : bare, 'idle', withExtension);
        (withExtension ? idle.with : idle.without).push(sample);
      }
      log(`ticker-only pair ${i + 1}/${RUNS.idle}`);
    }
    overhead.push(...overheadFigures('idle', 'Ticker only (10 s)', idle));
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    overhead.push(...unmeasurable(OVERHEAD_SPECS.slice(0, 2), error.message));
  }

  const fill = { with: [] as OverheadSample[], without: [] as OverheadSample[] };
  try {
    for (let i = 0; i < RUNS.fill; i++) {
      for (const withExtension of i % 2 === 0 ? [false, true] : [true, false]) {
        const sample = await overheadRun(withExtension ? ext.context : bare, 'fill', withExtension);
        (withExtension ? fill.with : fill.without).push(sample);
      }
      log(`filled-form pair ${i + 1}/${RUNS.fill}`);
    }
    overhead.push(...overheadFigures('fill', 'Filling the form', fill));
    const reactions = fill.with.flatMap((s) => (s.reaction ? [s.reaction] : []));
    const problems = [...new Set(reactions.flatMap((r) => r.problems))];
    const problemNote = (n: number) =>
      problems.length ? `${problems.join('; ')}${n ? ' (in some runs)' : ''}` : undefined;
    const series = (key: 'transferFrames' | 'transferMs' | 'formFrames' | 'formMs') => reactions.flatMap((r) => r[key]);
    const reactionFigure = (index: number, key: 'transferFrames' | 'transferMs' | 'formFrames' | 'formMs') => {
      const [id, label, unit, budget] = REACTION_SPECS[index] ?? ['', '', 'ms'];
      const samples = series(key);
      const note = problemNote(samples.length);
      if (samples.length === 0) return notMeasurable(id, label, unit, note ?? 'no samples', budget);
      return figure(id, label, unit, samples, { ...(budget ? { budget } : {}), ...(note ? { note } : {}) });
    };
    reaction = [
      reactionFigure(0, 'transferFrames'),
      reactionFigure(1, 'transferMs'),
      reactionFigure(2, 'formFrames'),
      reactionFigure(3, 'formMs'),
    ];
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    overhead.push(...unmeasurable(OVERHEAD_SPECS.slice(2, 4), error.message));
    reaction = unmeasurable(REACTION_SPECS, error.message);
  }

  // Bitget pages that are not the API page: only the loader runs (no guide, no DOM observer).
  const browse = { with: [] as OverheadSample[], without: [] as OverheadSample[] };
  try {
    for (let i = 0; i < RUNS.browse; i++) {
      for (const withExtension of i % 2 === 0 ? [true, false] : [false, true]) {
        const sample = await overheadRun(withExtension ? ext.context : bare, 'browse', withExtension);
        (withExtension ? browse.with : browse.without).push(sample);
      }
      log(`non-API browsing pair ${i + 1}/${RUNS.browse}`);
    }
    overhead.push(...overheadFigures('browse', `Non-API Bitget pages (${BROWSE_NAVIGATIONS} in-app routes)`, browse));
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    overhead.push(...unmeasurable(OVERHEAD_SPECS.slice(4), error.message));
  }
  return { overhead, reaction };
}

async function workerSection(ext: Launched | null, extError: string | undefined): Promise<Figure[]> {
  const specs: [string, string, Figure['unit']][] = [
    ['ping-cold', 'Stopped worker → answer to the first message (`ping`)', 'ms'],
    ['ping-warm', 'Running worker → answer to `ping` (for comparison)', 'ms'],
    ['popup-cold', 'Popup: navigation → “Extension ready”, worker stopped', 'ms'],
    ['popup-warm', 'Popup: navigation → “Extension ready”, worker running', 'ms'],
  ];
  if (!ext) return unmeasurable(specs, extError ?? 'the extension did not load');
  const figures: Figure[] = [];
  try {
    const pings = await workerPings(ext, RUNS.worker);
    figures.push(
      figure(
        'ping-cold',
        specs[0]?.[1] ?? '',
        'ms',
        pick(pings, (s) => s.coldPingMs),
      ),
      figure(
        'ping-warm',
        specs[1]?.[1] ?? '',
        'ms',
        pick(pings, (s) => s.warmPingMs),
      ),
    );
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    figures.push(...unmeasurable(specs.slice(0, 2), error.message));
  }
  log('service worker pings done');
  try {
    const ready = await popupReady(ext, RUNS.popup);
    figures.push(
      figure(
        'popup-cold',
        specs[2]?.[1] ?? '',
        'ms',
        pick(ready, (s) => s.coldMs),
      ),
      figure(
        'popup-warm',
        specs[3]?.[1] ?? '',
        'ms',
        pick(ready, (s) => s.warmMs),
      ),
    );
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    figures.push(...unmeasurable(specs.slice(2), error.message));
  }
  log('popup readiness done');
  return figures;
}

async function handoffSection(
  ext: Launched | null,
  extError: string | undefined,
  mantix: MantixServer | undefined,
  jwe: number[],
): Promise<Figure[]> {
  const specs: [string, string, Figure['unit'], typeof OVERHEAD_BUDGET?][] = [
    ['handoff-ratio', 'Send → 202, against a bare POST of the same size', '×', HANDOFF_BUDGET],
    ['handoff-send-202', 'Send pressed (keys captured) → Mantix’s 202', 'ms'],
    ['handoff-bare', 'Bare POST of the same size to the same server (from the worker)', 'ms'],
    ['handoff-send-post', '… of which: Send pressed → the POST leaves the worker', 'ms'],
    ['handoff-post-202', '… of which: the POST on the wire → 202 (server decrypts and checks)', 'ms'],
    ['handoff-server-post', '… of which: Mantix’s own work on the POST (arrival → 202 written)', 'ms'],
    ['handoff-server-bare', 'Mantix’s own work on a bare POST (arrival → 401 written)', 'ms'],
    ['handoff-body', 'POST body size', 'B'],
  ];
  const jweFigure = figure(
    'jwe-node',
    'JWE build alone (jose EncryptJWT, P-256 ECDH-ES + A256GCM, in Node)',
    'ms',
    jwe,
    {
      note: 'utils/handoff/jwe.ts encryptCredentials with the reference server’s test-ingest-1 key',
    },
  );
  if (!ext || !mantix) return [...unmeasurable(specs, extError ?? 'the extension did not load'), jweFigure];
  const samples: HandoffSample[] = [];
  try {
    await linkAccount(ext, mantix);
    log('linked the demo account');
    // The bench's Bitget routes make Playwright hold every request of the context (the worker's too)
    // until its Node process lets it go: not part of the product, so not of this measurement.
    await ext.context.unrouteAll({ behavior: 'wait' });
    // One Send first, not counted (as the page's warm-up load): the first run
    // of the server's and the worker's code paths (compiling them) is not
    // what a Send costs a user of a running Mantix.
    await handoffRun(ext, mantix);
    log('handoff warm-up');
    for (let i = 0; i < RUNS.handoff; i++) {
      samples.push(await handoffRun(ext, mantix));
      log(`handoff ${i + 1}/${RUNS.handoff}`);
    }
  } catch (error) {
    if (!(error instanceof NotMeasurable)) throw error;
    return [...unmeasurable(specs, error.message), jweFigure];
  } finally {
    await routeBitget(ext.context, BENCH_VARIANT);
  }
  const send = pick(samples, (s) => s.sendTo202Ms);
  const bare = pick(samples, (s) => s.bareMs);
  const statuses = [...new Set(samples.map((s) => s.bareStatus))].join(', ');
  return [
    ratioFigure('handoff-ratio', specs[0]?.[1] ?? '', send, bare, { budget: HANDOFF_BUDGET, pairs: pairs(send, bare) }),
    figure('handoff-send-202', specs[1]?.[1] ?? '', 'ms', send, {
      note: 'the handoff’s whole path: message to the worker, JWE, DPoP proof, POST (the ingest key and nonce fetched when the popup opened)',
    }),
    figure('handoff-bare', specs[2]?.[1] ?? '', 'ms', bare, {
      note: `fetch() → response headers; unauthenticated, so Mantix answers ${statuses} after reading the body`,
    }),
    figure(
      'handoff-send-post',
      specs[3]?.[1] ?? '',
      'ms',
      pick(samples, (s) => s.sendToPostMs),
    ),
    figure(
      'handoff-post-202',
      specs[4]?.[1] ?? '',
      'ms',
      pick(samples, (s) => s.postTo202Ms),
    ),
    figure(
      'handoff-server-post',
      specs[5]?.[1] ?? '',
      'ms',
      pick(samples, (s) => s.serverPostMs),
      {
        note: 'the reference server’s request log (`handledMs`): DPoP proof and token checked, JWE decrypted, claims checked — it runs in a Node process of its own (tests/bench/mantix-process.ts), after one Send not counted',
      },
    ),
    figure(
      'handoff-server-bare',
      specs[6]?.[1] ?? '',
      'ms',
      pick(samples, (s) => s.serverBareMs),
      {
        note: 'the same log for the bare POSTs: the body read, then 401 at the first check. The floor of the ratio is about (bare + the difference of these two) / bare, whatever the extension does',
      },
    ),
    figure(
      'handoff-body',
      specs[7]?.[1] ?? '',
      'B',
      pick(samples, (s) => s.bodyBytes),
    ),
    jweFigure,
  ];
}

/* ----------------------------------------------------------- machine -- */

function machine(chromiumVersion: string, loadStart: number[]): Record<string, string | number> {
  const cpus = os.cpus();
  const git = (command: string) => {
    try {
      return execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const changed = git('git status --porcelain').split('\n').filter(Boolean).length;
  const playwright = JSON.parse(readFileSync('node_modules/@playwright/test/package.json', 'utf8')) as {
    version: string;
  };
  return {
    date: new Date().toISOString(),
    'CPU cores': cpus.length,
    'CPU model': cpus[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} ${os.arch()}`,
    Node: process.version,
    Chromium: chromiumVersion,
    Playwright: playwright.version,
    'load average (1/5/15 min) at start': loadStart.map((x) => x.toFixed(2)).join(' / '),
    'load average (1/5/15 min) at end': os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / '),
    commit: `${git('git rev-parse --short HEAD') || 'unknown'}${changed ? ` + ${changed} uncommitted changes` : ''}`,
  };
}

/* -------------------------------------------------------------- main -- */

async function main(): Promise<void> {
  const loadStart = os.loadavg();
  const buildInfo: Report['build'] = { outDir: relative(process.cwd(), OUT_DIR), apiUrl: API_URL, ok: true };
  if (!NO_BUILD) {
    rmSync(OUT_DIR, { recursive: true, force: true });
    for (const browser of ['chrome', 'firefox'] as const) {
      try {
        build(browser);
        log(`built ${browser}`);
      } catch (error) {
        buildInfo.ok = false;
        buildInfo.error = `${buildInfo.error ? `${buildInfo.error}\n` : ''}${short(error)}`;
        console.error(error instanceof Error ? error.message : error);
      }
    }
  }

  let size: SizeSection;
  try {
    size = measureSizes(OUT_DIR, analysisFileOf(OUT_DIR));
  } catch (error) {
    size = { how: '', chrome: [], firefox: [], zips: [], contentScript: null, error: short(error) };
  }
  log('sizes measured');

  const jwe = await jweSamples(RUNS.jwe);
  log('JWE timed');

  const extensionDir = join(OUT_DIR, 'chrome-mv3-test');
  let mantix: MantixServer | undefined;
  let ext: Launched | null = null;
  let extError: string | undefined;
  let bare: { context: BrowserContext; userDataDir: string } | undefined;
  let sections: Section[];
  let chromiumVersion = 'unknown';
  try {
    try {
      const built = await readBuiltExtension(extensionDir);
      mantix = await startMantixProcess(Number(new URL(built.apiUrl).port || 80));
      try {
        ext = await launchWithExtension(extensionDir, { locale: LOCALE });
      } catch (error) {
        extError = `the built extension did not load in Chromium (no service worker): ${short(error)}`;
      }
      bare = await launchWithoutExtension(extensionDir);
      chromiumVersion = bare.context.browser()?.version() ?? chromiumVersion;
      await routeBitget(bare.context, BENCH_VARIANT);
      if (ext) await routeBitget(ext.context, BENCH_VARIANT);
      log(`browsers up (${ext ? 'with and without the extension' : 'without the extension only'})`);
    } catch (error) {
      // E.g. no build, or the Mantix port taken by another run: the report says so, sizes stay.
      extError = `could not set up the browsers and the Mantix server: ${short(error)}`;
      await ext?.context.close().catch(() => undefined);
      ext = null;
    }
    if (extError) notes.push(extError);

    const page = want('page') ? await pageSections(ext, extError, bare?.context) : { overhead: [], reaction: [] };
    const worker = want('worker') ? await workerSection(ext, extError) : [];
    const handoff = want('handoff') ? await handoffSection(ext, extError, mantix, jwe) : [];
    // User actions (issue 13 §3): the handoff section has linked the account, unless it was left out.
    const linked = ext && mantix ? { ext, mantix } : undefined;
    const actions = want('actions')
      ? await userActionsSection(ext, extError, async () => {
          if (linked && !want('handoff')) await linkAccount(linked.ext, linked.mantix);
        })
      : undefined;
    sections = [
      {
        id: 'pageOverhead',
        title: 'Page overhead',
        how:
          'CDP `Performance.getMetrics` on the replica page’s own session, before and after each window, in two ' +
          'Chromiums launched with the same flags, one with the extension (`launchWithExtension`) and one without. ' +
          'The content script runs in an isolated world on the page’s main thread, so its work is in these ' +
          'counters. The budget is judged on main-thread CPU time (`ThreadTime`); busy time (`TaskDuration`, the ' +
          'wall time of the thread’s tasks) and script time (`ScriptDuration`) are shown too — busy time also ' +
          'grows while the thread waits for a core, which on this shared 2-core machine swings between runs ' +
          'regardless of the extension. Replica: `classic-en-native-comma` with a fixed 300 ms modal delay. ' +
          '“Ticker only”: a freshly loaded key list (overlay mounted), 1 s to settle, then 10 s while the ticker ' +
          're-renders every 150 ms (normalised to 10 s). “Filling the form”: the same Playwright script in both ' +
          '(Create API Key → System-generated, note and passphrase typed at 20 ms a key, Read-write, four rights, ' +
          'Transfer on/off twice, three IPs typed), fixed pauses only. “Non-API Bitget pages”: the replica’s home page ' +
          `(only the loader runs there), then ${BROWSE_NAVIGATIONS} in-app routes through the header’s links, 400 ms apart, ` +
          'ticker running. One warm-up load per browser; runs ' +
          'alternate with/without (ABBA) so drift hits both. Ratio = median with / median without; its spread ' +
          'is that of the per-pair ratios.',
        figures: page.overhead,
      },
      {
        id: 'reaction',
        title: 'Reaction',
        how:
          'Measured in the page during the “filling the form” runs with the extension: a main-world ' +
          'requestAnimationFrame counter and mutation observers on the document and on the overlay’s open shadow ' +
          'root (`mantix-guide`). Frames = rAF count when the overlay changed − rAF count when Bitget changed ' +
          '(Transfer’s `change` event; the form dialog entering the DOM). 0 = painted in the same frame as ' +
          'Bitget’s change, 1 = the next frame. The probe runs in the runs without the extension too, so the ' +
          'overhead comparison stays even.',
        figures: page.reaction,
      },
      {
        id: 'handoff',
        title: 'Handoff',
        how:
          'The popup’s paste form with fresh random keys, both confirmations ticked, then Send: from the click ' +
          '(wall clock in the popup) to the 202’s response headers for `POST /v1/exchange-connections` (Playwright’s ' +
          'network timing of the worker’s request) — the product waits for the user between capture and Send, so ' +
          'the clock starts at Send. Each run waits for “Connected to Mantix”, then the worker makes three bare POSTs ' +
          'of the same body size to the same URL (no token, no DPoP; their median counts for the run). The reference server ' +
          'runs in a process of its own (as Mantix is not in the browser’s machine, its crypto should not wait behind ' +
          'Playwright’s traffic), and the bench’s Bitget routes are lifted for this section (Playwright would hold ' +
          'every request of the context, the worker’s too). Mantix’s own work comes from its request log. The account is linked once through the ' +
          'options page (reference server, `verification_delay_ms` 200); one Send before the counted runs is not counted ' +
          '(the first run of the server’s and the worker’s code). JWE alone: the extension’s ' +
          '`encryptCredentials` in Node, 5 warm-up runs.',
        figures: handoff,
      },
      {
        id: 'serviceWorker',
        title: 'Service worker',
        how:
          'The worker is stopped through CDP (`stopServiceWorker`, as Chrome does when idle); then an extension ' +
          'page that holds no port (the extension’s manifest.json opened as a page) sends `ping` in the ' +
          'wire format of utils/messaging.ts and times the round trip; a second ping with the worker running is the ' +
          'warm comparison. The popup figures run from the popup’s navigation start to its status first saying ' +
          '“Extension ready” (a mutation observer installed before the page’s scripts), worker stopped vs running.',
        figures: worker,
      },
      ...(actions ? [actions] : []),
    ];
  } finally {
    await ext?.context.close().catch(() => undefined);
    if (ext) await removeProfile(ext.userDataDir);
    await bare?.context.close().catch(() => undefined);
    if (bare) await removeProfile(bare.userDataDir);
    await mantix?.close();
  }

  if (!buildInfo.ok) notes.push(`The build did not complete: ${buildInfo.error ?? ''}`);
  if (QUICK) notes.push('Quick or partial run (--quick / --only): not the committed report.');
  notes.push(
    'Other engineers share this 2-core machine: the load averages above show how busy it was. Interleaving cancels ' +
      'slow drift between the with/without runs, not bursts inside a single run; a ratio whose per-pair IQR lies ' +
      'just past its budget can land on the other side in the next run.',
  );

  // Only a full run of a build that succeeded replaces the committed report.
  const partial = QUICK || !buildInfo.ok;
  if (!buildInfo.ok) notes.push('This run’s build failed, so it was written to bench/runs/ only.');

  const base = {
    generatedAt: new Date().toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: machine(chromiumVersion, loadStart),
    build: buildInfo,
    notes,
    sections,
    size,
  };
  const report: Report = { ...base, budgets: collectBudgets(base) };
  const markdown = renderMarkdown(report);
  const runsDir = resolve('bench/runs');
  mkdirSync(runsDir, { recursive: true });
  const stamp = report.generatedAt.replace(/[:.]/g, '-');
  writeFileSync(join(runsDir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  if (partial) {
    writeFileSync(join(runsDir, `${stamp}.md`), markdown);
  } else {
    writeFileSync(resolve('bench/report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(resolve('bench/report.md'), markdown);
  }
  console.log(`\n${markdown}`);
  log(
    partial
      ? `partial report in ${relative(process.cwd(), runsDir)}/${stamp}.md`
      : 'wrote bench/report.md and bench/report.json',
  );
}

await main();

/**
 * Launching the built extension in a real Chromium, and what tests need to
 * steer it (service worker id, stopping the worker, reopening the profile).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tools/chromium';
import { workerBuild } from './workers';

/**
 * The built extension under test. Playwright workers run at once, each with
 * its own build (the Mantix API URL is built in): worker 0 uses
 * `npm run build:test` (reference server on :8787), worker i the build of
 * `npm run build:test:workers` in `.output-w<i>` (:8787 + i), see ./workers.ts.
 */
export const EXTENSION_DIR = resolve(
  process.env.MANTIX_EXTENSION_DIR ??
    join(workerBuild(Number(process.env.TEST_PARALLEL_INDEX ?? 0)).outDir, 'chrome-mv3-test'),
);

export interface BuiltExtension {
  dir: string;
  /** The Mantix API origin the build was made for (from its host permissions). */
  apiUrl: string;
}

export async function readBuiltExtension(dir = EXTENSION_DIR): Promise<BuiltExtension> {
  let manifest: { host_permissions?: string[] };
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`No built extension in ${dir}: run \`npm run build:test\` first.`);
  }
  const api = manifest.host_permissions?.find((pattern) => !pattern.startsWith('https://www.bitget.com/'));
  if (!api) throw new Error(`The manifest in ${dir} names no Mantix API host permission.`);
  return { dir, apiUrl: new URL(api.replace(/\*$/, '')).origin };
}

export interface LaunchOptions {
  userDataDir?: string;
  headless?: boolean;
  /** The browser's language (BCP 47), which picks the extension's UI language too; en-US unless told. */
  locale?: string;
}

export interface Launched {
  context: BrowserContext;
  userDataDir: string;
  extensionId: string;
  worker: Worker;
}

/**
 * Chrome's UI locales are languages ("ru", "de") except a few with a region
 * ("en-US", "zh-CN", "pt-BR"…); an unknown one (e.g. "ru-RU") is ignored.
 */
function chromeUiLocale(locale: string): string {
  return /^(en|zh|pt|es)-/i.test(locale) ? locale : (locale.split('-')[0] ?? locale);
}

export async function launchWithExtension(dir: string, options: LaunchOptions = {}): Promise<Launched> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mantix-profile-')));
  const locale = options.locale ?? 'en-US';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    // `locale` alone only emulates it for pages; Chrome loads the extension's messages in its own UI language.
    args: [...chromiumArgs(dir), `--lang=${chromeUiLocale(locale)}`],
    locale,
    viewport: { width: 1280, height: 860 },
    serviceWorkers: 'allow',
  });
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  return { context, userDataDir, extensionId, worker };
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? (await context.waitForEvent('serviceworker', (w) => w.url().startsWith('chrome-extension://')));
}

/**
 * Stops the extension's MV3 service worker through CDP, as Chrome does when
 * it is idle. Playwright does not notice; the next message wakes a fresh one.
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const browser = context.browser();
  const cdp = browser
    ? await browser.newBrowserCDPSession()
    : await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const workers = targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
    for (const target of workers) await cdp.send('Target.closeTarget', { targetId: target.targetId });
  } finally {
    await cdp.detach();
  }
}

export async function removeProfile(userDataDir: string): Promise<void> {
  await rm(userDataDir, { recursive: true, force: true });
}

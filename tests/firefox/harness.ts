/**
 * The built Firefox MV3 extension in a real Firefox (Debian's firefox-esr),
 * driven by puppeteer-core over WebDriver BiDi: launch with a profile that
 * makes no outside connections, the extension installed as a temporary
 * add-on at a fixed moz-extension:// address, and the BiDi way to open its
 * pages (`page.goto()` to moz-extension:// never resolves).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_EXTENSION_DIR = resolve(process.env.MANTIX_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv3-test');
const GECKO_ID = 'connect@mantix.example';
/** Fixed through `extensions.webextensions.uuids`, so the extension's pages keep one address. */
export const EXTENSION_UUID = '5b0c2f4e-8d1a-4e6b-9c3f-2a7d1e0b6c48';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export class NoFirefoxError extends Error {
  override name = 'NoFirefoxError';
}

/** `FIREFOX_PATH`, then Debian's firefox-esr, then firefox. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string {
  const found = [env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
  if (!found) {
    throw new NoFirefoxError(
      'No Firefox found: install one (Debian: `sudo apt-get install firefox-esr`) or set FIREFOX_PATH to its binary.',
    );
  }
  return found;
}

export interface BuiltFirefoxExtension {
  dir: string;
  /** The Mantix API origin the build was made for (from its host permissions). */
  apiUrl: string;
}

export async function readBuiltFirefoxExtension(dir = FIREFOX_EXTENSION_DIR): Promise<BuiltFirefoxExtension> {
  let manifest: { host_permissions?: string[]; browser_specific_settings?: { gecko?: { id?: string } } };
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    throw new Error(`No built Firefox extension in ${dir}: run \`npm run build:test:firefox\` first.`);
  }
  if (manifest.browser_specific_settings?.gecko?.id !== GECKO_ID) {
    throw new Error(`The manifest in ${dir} is not the Firefox build (gecko id ${GECKO_ID}).`);
  }
  const api = manifest.host_permissions?.find((pattern) => !pattern.startsWith('https://www.bitget.com/'));
  if (!api) throw new Error(`The manifest in ${dir} names no Mantix API host permission.`);
  return { dir, apiUrl: new URL(api.replace(/\*$/, '')).origin };
}

/**
 * Preferences for a Firefox that reaches only loopback: every other
 * connection goes to `proxyPort` (a recorder that refuses it), and the
 * services that phone home are off. Loopback is never proxied.
 */
export function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
    // The temporary add-on is removed at shutdown; its storage and address stay for the restart.
    'extensions.webextensions.keepStorageOnUninstall': true,
    'extensions.webextensions.keepUuidOnUninstall': true,
    // All outside traffic to the recorder.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    'network.proxy.allow_hijacking_localhost': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.captive-portal-service.enabled': false,
    'captivedetect.canonicalURL': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.update.enabled': false,
    'services.settings.server': 'http://127.0.0.1:9/v1',
    'services.sync.enabled': false,
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.normandy.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.server': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.update': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.ping-centre.telemetry': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.blocklist.enabled': false,
    'media.gmp-manager.url': '',
    'media.gmp-gmpopenh264.enabled': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'identity.fxaccounts.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'browser.contentanalysis.enabled': false,
    // `permissions.request` grants without a door-hanger nobody can click in headless runs.
    'extensions.webextOptionalPermissionPrompts': false,
  };
}

export interface LaunchedFirefox {
  browser: Browser;
  profileDir: string;
}

/** Firefox with the built extension installed as a temporary add-on; a given profile is reused (a restart). */
export async function launchFirefox(options: {
  extensionDir: string;
  proxyPort: number;
  profileDir?: string;
}): Promise<LaunchedFirefox> {
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'mantix-firefox-')));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profileDir,
    // Lets WebDriver BiDi navigate to moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: firefoxPrefs(options.proxyPort),
    defaultViewport: { width: 1280, height: 860 },
    protocolTimeout: 60_000,
    // Release builds honour `services.settings.server` (Remote Settings, polled at start) only with this set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  try {
    await browser.installExtension(options.extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, profileDir };
}

/** Opens the extension's page `path` (e.g. `popup.html`) in a new tab and waits until it has loaded. */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await navigateExtensionPage(page, path);
  return page;
}

/** `page.goto()` never resolves for moz-extension:// in Firefox; BiDi's navigate with `complete` does. */
export async function navigateExtensionPage(page: Page, path: string): Promise<void> {
  const frame = page.mainFrame() as unknown as {
    browsingContext: { navigate(url: string, wait: 'complete'): Promise<unknown> };
  };
  await frame.browsingContext.navigate(`${EXTENSION_ORIGIN}/${path}`, 'complete');
  await page.waitForFunction(() => document.readyState === 'complete' && document.body.childElementCount > 0);
}

export async function removeProfile(profileDir: string): Promise<void> {
  await rm(profileDir, { recursive: true, force: true });
}

/// <reference types="chrome" />
/**
 * Mantix Connect in a real Firefox (firefox-esr, WebDriver BiDi): the built
 * Firefox MV3 extension, the reference Mantix server on loopback, the Bitget
 * replica at its real address. Per replica: linking through the options page,
 * the guide, the capture, the popup's Send, Mantix receiving exactly the
 * page's keys; the secrets never on disk (also after a restart) and on the
 * wire only inside the JWE; no connection anywhere but Mantix and Bitget.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Secret, scanDirectory, scanStrings } from '../e2e/secrets';
import { type BitgetVariant, replicaVariants } from '../fixtures/bitget/route';
import { type MantixServer, startMantixServer } from '../mantix-server/server';
import { openBitget } from './bitget';
import { createKeyWithGuide, dev, linkThroughOptions, openSystemForm, randomPassphrase, sendFromPopup } from './flow';
import {
  type BuiltFirefoxExtension,
  EXTENSION_ORIGIN,
  type LaunchedFirefox,
  launchFirefox,
  openExtensionPage,
  readBuiltFirefoxExtension,
  removeProfile,
} from './harness';
import { type OutsideRecorder, type RecordedRequest, recordServer, startOutsideRecorder } from './network';
import { aria, byRole, goneRole, inGuide, waitForOverlayText } from './ui';

function randomHex(): string {
  return randomBytes(32).toString('hex');
}

const HOST_ACCESS = 'Allow Mantix Connect on Bitget and Mantix';

const COMPACT_JWE = /^eyJ[\w-]+\.[\w-]*\.[\w-]+\.[\w-]+\.[\w-]+$/;

interface Received {
  claims: { api_key: string; secret_key: string; passphrase: string };
}

let built: BuiltFirefoxExtension;
let mantix: MantixServer;
let outside: OutsideRecorder;
let toMantix: ReturnType<typeof recordServer>;
const launched: LaunchedFirefox[] = [];

beforeAll(async () => {
  built = await readBuiltFirefoxExtension();
  mantix = await startMantixServer({ port: Number(new URL(built.apiUrl).port) });
  outside = await startOutsideRecorder();
  toMantix = recordServer(mantix.port);
});

afterAll(async () => {
  toMantix?.stop();
  await outside?.close();
  await mantix?.close();
});

afterEach(async () => {
  for (const { browser, profileDir } of launched.splice(0)) {
    await browser.close().catch(() => undefined);
    await removeProfile(profileDir);
  }
});

/** A fresh profile (or the given one again), tracked for clean-up. */
async function firefox(profileDir?: string): Promise<LaunchedFirefox> {
  const session = await launchFirefox({ extensionDir: built.dir, proxyPort: outside.port, profileDir });
  launched.push(session);
  return session;
}

function resetRecords(): RecordedRequest[] {
  mantix.reset();
  outside.attempts.length = 0;
  toMantix.requests.length = 0;
  return [];
}

/** Every request as text, for the secret scan. */
function wire(requests: readonly RecordedRequest[]) {
  return requests.map((r, i) => ({
    where: `request ${i} ${r.method} ${r.url}`,
    text: `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`,
  }));
}

/**
 * Two replicas by default, which between them cover both permission layouts,
 * both kinds of controls (ARIA widgets and native inputs) and two page
 * languages; `FIREFOX_REPLICAS=all` adds the English Classic and UTA pages
 * (each full walk costs about half a minute of the 20 the whole `npm test`
 * may take). Every replica runs in the Chrome suite.
 */
const ALL_REPLICAS: [string, BitgetVariant, { restart: boolean }][] = [
  [
    'classic-zh-aria-comma (Classic, Chinese page, ARIA controls)',
    replicaVariants['classic-zh-aria-comma'],
    { restart: true },
  ],
  [
    'uta-ru-native-chips (unified account, Russian page, native controls)',
    replicaVariants['uta-ru-native-chips'],
    { restart: false },
  ],
  ['classic-en-native-comma (Classic)', replicaVariants['classic-en-native-comma'], { restart: false }],
  ['uta-en-aria-chips (unified account)', replicaVariants['uta-en-aria-chips'], { restart: false }],
];
const REPLICAS = process.env.FIREFOX_REPLICAS === 'all' ? ALL_REPLICAS : ALL_REPLICAS.slice(0, 2);

describe.each(REPLICAS)('Firefox on %s', (_title, variant, { restart }) => {
  it('links through the options page, guides the key on Bitget, sends it from the popup; Mantix gets exactly the page’s keys, only inside the JWE', async () => {
    const bitgetRequests = resetRecords();
    const session = await firefox();
    await linkThroughOptions(session.browser, mantix);
    const page = await openBitget(session.browser, variant, `/${variant.lang}/account/newapi`, bitgetRequests);
    const created = await createKeyWithGuide(page, variant, randomPassphrase());
    await sendFromPopup(session.browser, created.apiKey);

    const received = (await dev(mantix, '/dev/received')) as Received[];
    expect(received).toHaveLength(1);
    expect(received[0]?.claims).toMatchObject({
      api_key: created.apiKey,
      secret_key: created.secretKey,
      passphrase: created.passphrase,
    });

    const secrets: Secret[] = [
      { label: 'Secret Key', value: created.secretKey ?? '' },
      { label: 'Passphrase', value: created.passphrase },
    ];
    // The wire: the keys' POST carries a compact JWE, and no request carries a secret in any encoding.
    const post = toMantix.requests.find((r) => r.method === 'POST' && r.url.endsWith('/v1/exchange-connections'));
    expect(post, 'the recorder saw the POST of the keys (else this check proves nothing)').toBeDefined();
    expect((JSON.parse(post?.body ?? '{}') as { credentials?: string }).credentials).toMatch(COMPACT_JWE);
    expect(toMantix.requests.length).toBeGreaterThan(5);
    expect(bitgetRequests.some((r) => r.url.startsWith('https://www.bitget.com/'))).toBe(true);
    expect(scanStrings(wire([...toMantix.requests, ...bitgetRequests]), secrets)).toEqual([]);
    // The privacy snapshot: Firefox and the extension reached nothing but loopback and the routed Bitget.
    expect(outside.attempts, 'hosts contacted besides Mantix and Bitget').toEqual([]);
    const web = bitgetRequests.map((r) => new URL(r.url)).filter((u) => /^(https?|wss?):$/.test(u.protocol));
    expect(web.map((u) => u.origin).filter((o) => o !== 'https://www.bitget.com')).toEqual([]);

    // The disk: the running profile holds no secret (storage.local's IndexedDB, storage-sync, caches, session store).
    const running = await scanDirectory(session.profileDir, secrets);
    expect(running.files).toBeGreaterThan(20);
    expect(running.findings).toEqual([]);
    if (!restart) return;

    // Canaries, to prove the scan reads the extension's storage: storage.local is on disk, storage.session is not.
    const canary = { local: randomHex(), session: randomHex() };
    const options = await openExtensionPage(session.browser, 'options.html');
    await options.evaluate(async ({ local, session }) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      await ext.storage.local.set({ scannerCanary: local });
      await ext.storage.session.set({ scannerCanary: session });
    }, canary);

    // Restart the same profile: still no secret; the capture was memory only.
    await session.browser.close();
    const again = await firefox(session.profileDir);
    const popup = await openExtensionPage(again.browser, 'popup.html');
    await byRole(popup, 'region', 'No key captured yet');
    // The link (storage.local) outlived the restart, so the scan below looked at stored data.
    expect(await popup.$(aria('region', 'Link your Mantix account'))).toBeNull();
    const reopened = await scanDirectory(again.profileDir, [
      ...secrets,
      { label: 'local canary', value: canary.local },
      { label: 'session canary', value: canary.session },
    ]);
    expect(reopened.findings.filter((f) => f.secret === 'local canary').length).toBeGreaterThan(0);
    expect(reopened.findings.filter((f) => f.secret !== 'local canary')).toEqual([]);
    expect(outside.attempts).toEqual([]);
  });
});

describe('Firefox specifics', () => {
  it('event-page background, storage.session without setAccessLevel; host access granted, and when withdrawn the popup, options page and guide say so and Allow access asks for it', async () => {
    resetRecords();
    const session = await firefox();
    const popup = await openExtensionPage(session.browser, 'popup.html');
    await byRole(popup, 'region', 'No key captured yet');
    const origins = ['https://www.bitget.com/*', `${built.apiUrl}/*`];
    const facts = await popup.evaluate(async (origins: string[]) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const background = (await (
        ext.runtime as unknown as { getBackgroundPage(): Promise<Window | null> }
      ).getBackgroundPage()) as Window | null;
      await ext.storage.session.set({ probe: 1 });
      return {
        manifestBackground: ext.runtime.getManifest().background,
        backgroundPage: background?.location.pathname ?? null,
        setAccessLevel: typeof (ext.storage.session as { setAccessLevel?: unknown }).setAccessLevel,
        session: await ext.storage.session.get('probe'),
        granted: await ext.permissions.contains({ origins }),
      };
    }, origins);
    // An event page (a document with a window), not a service worker.
    expect(facts.manifestBackground).toMatchObject({ scripts: [`${EXTENSION_ORIGIN}/background.js`] });
    expect((facts.manifestBackground as { service_worker?: unknown }).service_worker ?? null).toBeNull();
    expect(facts.backgroundPage).toMatch(/background/);
    expect(facts.setAccessLevel).toBe('undefined');
    expect(facts.session).toEqual({ probe: 1 });
    // Firefox 127+ grants the manifest's host permissions at install (also to a temporary add-on): no prompt.
    expect(facts.granted).toBe(true);
    expect(await popup.$(aria('region', HOST_ACCESS))).toBeNull();

    // The user withdraws Mantix's site (about:addons → Permissions): popup, options page and guide say so.
    const options = await linkThroughOptions(session.browser, mantix);
    const withdraw = (origins: string[]) =>
      popup.evaluate(
        (origins: string[]) =>
          (globalThis as unknown as { browser: typeof chrome }).browser.permissions.remove({ origins }),
        origins,
      );
    expect(await withdraw([`${built.apiUrl}/*`])).toBe(true);
    await byRole(popup, 'region', HOST_ACCESS);
    await byRole(options, 'region', HOST_ACCESS);
    const variant = replicaVariants['classic-en-native-comma'];
    const page = await openBitget(session.browser, variant, '/en/account/newapi', []);
    await openSystemForm(page, variant);
    await waitForOverlayText(
      page,
      'Mantix Connect may not reach Mantix yet. Open Mantix Connect settings and press Allow access.',
    );
    await inGuide(page, 'button', 'Open Mantix Connect settings');
    await page.close();

    // Bitget's too: the content script no longer runs there (the guide cannot speak), the popup still can.
    expect(await withdraw(['https://www.bitget.com/*'])).toBe(true);
    const notice = await byRole(popup, 'region', HOST_ACCESS);
    const without = await openBitget(session.browser, variant, '/en/account/newapi', []);
    await without.waitForFunction(() => '__bitgetReplica' in window);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await without.$$eval('mantix-guide', (hosts) => hosts.length)).toBe(0);
    // "Allow access" asks for exactly the missing origins (granted here without the door-hanger, see harness.ts).
    await (await byRole(notice, 'button', 'Allow access')).click();
    await goneRole(popup, 'region', HOST_ACCESS);
    await goneRole(options, 'region', HOST_ACCESS);
    // Granted again: the guide is back on the next load.
    await without.reload();
    await without.waitForSelector('mantix-guide', { timeout: 15_000 });
    expect(
      await popup.evaluate(
        (origins: string[]) =>
          (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins }),
        origins,
      ),
    ).toBe(true);
    expect(outside.attempts).toEqual([]);
  });
});

/// <reference types="chrome" />
/**
 * The secrets' rule, proven in real Chromium: the Secret Key and the
 * Passphrase never touch the disk, never go back into the page, and leave the
 * browser only inside the JWE to the linked Mantix account.
 */
import { randomBytes } from 'node:crypto';
import { replicaVariants, routeBitget } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { createKeyOnBitget, linkAccount, MANTIX_IPS, randomPassphrase, received } from './handoff-flow';
import { OVERLAY_HOST, Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup';
import { readProtected } from './protected-store';
import { installPageProbe, readPageProbe, type Secret, scanDirectory, scanStrings } from './secrets';

const COMPACT_JOSE = /eyJ[\w-]+\.[\w-]*\.[\w-]+(?:\.[\w-]+\.[\w-]+)?/;

test('the disk scanner sees what storage.local holds, and storage.session stays in memory', async ({
  options,
  profile,
}) => {
  const local = randomBytes(32).toString('hex');
  const session = randomBytes(32).toString('hex');
  const view = await options();
  await view.page.evaluate(
    async ({ local, session }) => {
      await chrome.storage.local.set({ scannerCanary: local });
      await chrome.storage.session.set({ scannerCanary: session });
    },
    { local, session },
  );
  await profile.reopen();
  const scan = await scanDirectory(profile.userDataDir, [
    { label: 'local canary', value: local },
    { label: 'session canary', value: session },
  ]);
  expect(scan.files).toBeGreaterThan(50);
  expect(scan.findings.map((f) => f.secret)).toContain('local canary');
  expect(scan.findings.filter((f) => f.secret === 'session canary')).toEqual([]);
});

test('a key made on Bitget reaches Mantix only inside the JWE: not on disk, not on the wire, not in the page', async ({
  context,
  options,
  mantix,
  profile,
  traffic,
}) => {
  test.setTimeout(90_000);
  await linkAccount(await options(), mantix);

  // The page, with the probe in its main world before its own scripts.
  await routeBitget(context, replicaVariants['classic-en-native-comma']);
  const page = await context.newPage();
  await installPageProbe(page, OVERLAY_HOST);
  await page.goto('https://www.bitget.com/en/account/newapi');
  const created = await createKeyOnBitget(page, randomPassphrase(), MANTIX_IPS);
  const secrets: Secret[] = [
    { label: 'Secret Key', value: created.secretKey },
    { label: 'Passphrase', value: created.passphrase },
  ];

  const popup = await PopupPage.open(context, profile.extensionId);
  await expect(popup.captured).toBeVisible();
  await expect(new Overlay(page).keysCaptured).toBeVisible();
  await popup.confirmAndSend();
  await expect(popup.active).toBeVisible();
  const [connection] = await received(mantix);
  expect(connection?.claims).toMatchObject({
    api_key: created.apiKey,
    secret_key: created.secretKey,
    passphrase: created.passphrase,
  });

  /* ---- the wire: every request of pages and the service worker ---- */
  const post = traffic.requests.find((r) => r.method === 'POST' && r.url === `${mantix.url}/v1/exchange-connections`);
  expect(post, 'the recorder saw the POST of the keys (else this check proves nothing)').toBeDefined();
  expect(post?.fromServiceWorker).toBe(true);
  const body = JSON.parse(post?.postData ?? '{}') as { credentials?: string };
  expect(body.credentials).toMatch(COMPACT_JOSE);
  const jwe = body.credentials ?? '';
  const wire = traffic.requests.map((r, i) => ({
    where: `request ${i} ${r.method} ${r.url}`,
    text: `${r.url}\n${JSON.stringify(r.headers)}\n${r.postData ?? ''}`,
  }));
  expect(scanStrings(wire, secrets)).toEqual([]);
  const hosts = new Set(
    traffic.requests
      .map((r) => new URL(r.url))
      .filter((u) => u.protocol.startsWith('http'))
      .map((u) => u.host),
  );
  expect([...hosts].sort()).toEqual([new URL(mantix.url).host, 'www.bitget.com'].sort());

  /* ---- the page: nothing of ours but display text ---- */
  const tokens = await readProtected<{ accessToken: string; refreshToken: string }>(context, 'mantixTokens');
  expect(tokens?.accessToken).toBeTruthy();
  const probe = await readPageProbe(page);
  // The probe works: it saw Bitget show the key, and the overlay's own sentence.
  expect(probe.some((r) => !r.inOverlay && r.text.includes(created.apiKey))).toBe(true);
  expect(probe.some((r) => r.inOverlay && r.text.includes('Keys captured'))).toBe(true);
  const forbiddenEverywhere: Secret[] = [
    { label: 'Passphrase', value: created.passphrase },
    { label: 'JWE', value: jwe },
    { label: 'access token', value: tokens?.accessToken ?? '' },
    { label: 'refresh token', value: tokens?.refreshToken ?? '' },
  ];
  const asStrings = (records: typeof probe) => records.map((r, i) => ({ where: `${i} ${r.kind}`, text: r.text }));
  expect(scanStrings(asStrings(probe), forbiddenEverywhere)).toEqual([]);
  expect(probe.filter((r) => COMPACT_JOSE.test(r.text)).map((r) => r.kind)).toEqual([]);
  // Bitget itself shows the Secret Key in its dialog; nothing of ours may repeat it.
  const ours = probe.filter(
    (r) =>
      r.inOverlay ||
      ['message', 'postMessage', 'event', 'CustomEvent', 'storage', 'final-storage', 'final-cookie'].includes(r.kind),
  );
  expect(ours.length).toBeGreaterThan(0);
  expect(scanStrings(asStrings(ours), secrets)).toEqual([]);

  /* ---- the disk: while running, after a restart, after closing ---- */
  const running = await scanDirectory(profile.userDataDir, secrets);
  expect(running.findings).toEqual([]);
  await profile.reopen();
  const reopened = await scanDirectory(profile.userDataDir, secrets);
  expect(reopened.files).toBeGreaterThan(50);
  expect(reopened.findings).toEqual([]);
  // The capture was memory only: gone with the browser session.
  const afterRestart = await PopupPage.open(profile.context, profile.extensionId);
  await expect(afterRestart.nothingCaptured).toBeVisible();
  await profile.context.close();
  expect((await scanDirectory(profile.userDataDir, secrets)).findings).toEqual([]);
});

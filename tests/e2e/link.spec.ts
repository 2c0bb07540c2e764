/**
 * Linking to a Mantix account, end to end: the built extension in real
 * Chromium, the reference Mantix server on loopback, the user approving on
 * Mantix's own page.
 */
import type { BrowserContext } from '@playwright/test';
import type { MantixServer } from '../mantix-server/server';
import { expect, test } from './fixtures';
import { MantixDevicePage, OptionsPage } from './pages/options';

async function dev(mantix: MantixServer, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mantix.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return response.json();
}

const scenario = (mantix: MantixServer, input: Record<string, unknown>) => dev(mantix, '/dev/scenario', input);

interface Grant {
  status: string;
  poll_count: number;
  refresh_token_valid: boolean;
  jkt: string | null;
}
const grants = async (mantix: MantixServer) => (await dev(mantix, '/dev/grants')) as Grant[];

/** Starts linking in the options page and returns Mantix's verification page, showing the same code. */
async function startLinking(view: OptionsPage, button?: string): Promise<MantixDevicePage> {
  const mantixPage = new MantixDevicePage(await view.startLinking(button));
  const code = await view.userCode.inputValue();
  expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect(mantixPage.code).toHaveText(code);
  return mantixPage;
}

async function expectLinked(view: OptionsPage): Promise<void> {
  await expect(view.accountValue('Name')).toHaveText('Demo Trader');
  await expect(view.accountValue('Email')).toHaveText('demo@mantix.test');
  await expect(view.accountValue('Account ID')).toHaveText('acc_demo_0001');
}

/** Whether the extension's device key is stored, and that its private half cannot be exported. */
async function deviceKey(context: BrowserContext): Promise<'none' | 'non-extractable' | 'extractable'> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker');
  return worker.evaluate(
    () =>
      new Promise<'none' | 'non-extractable' | 'extractable'>((resolve, reject) => {
        const open = indexedDB.open('mantix-device-key', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('keys');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('keys').objectStore('keys').get('dpop');
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const pair = get.result as CryptoKeyPair | undefined;
            open.result.close();
            resolve(!pair ? 'none' : pair.privateKey.extractable ? 'extractable' : 'non-extractable');
          };
        };
      }),
  );
}

test.beforeEach(async ({ mantix }) => {
  await scenario(mantix, { interval: 1 });
});

test('links through the options page, approved in Mantix, and stays linked after a browser restart', async ({
  options,
  mantix,
  profile,
  traffic,
}) => {
  const view = await options();
  await expect(view.linkButton).toBeVisible();
  const mantixPage = await startLinking(view);
  await expect(view.countdown).toHaveText(/The code expires in (10:00|9:5\d)/);
  await mantixPage.approve();

  await expectLinked(view);
  await expect(view.serverIpItems).toHaveText(['203.0.113.10', '203.0.113.11', '198.51.100.7']);
  await view.openAbout();
  await expect(view.trustedKeyItems).toHaveCount(2);
  expect(await deviceKey(profile.context)).toBe('non-extractable');
  const [grant] = await grants(mantix);
  expect(grant).toMatchObject({ status: 'active', refresh_token_valid: true });

  // Every call to Mantix's API came from the background, with a DPoP proof where the contract asks.
  const api = traffic.requests.filter((r) => r.url.startsWith(mantix.url) && !r.url.includes('/device'));
  expect(api.length).toBeGreaterThan(0);
  expect(api.every((r) => r.fromServiceWorker)).toBe(true);
  const v1 = api.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
  expect(v1.every((r) => r.headers.authorization?.startsWith('DPoP ') && r.headers.dpop)).toBe(true);

  await profile.reopen();
  const reopened = await OptionsPage.open(profile.context, profile.extensionId);
  await expectLinked(reopened);
  await expect(reopened.serverIpItems).toHaveCount(3);
});

test('says so when the link is declined in Mantix, and can start again', async ({ options }) => {
  const view = await options();
  const mantixPage = await startLinking(view);
  await mantixPage.deny();
  await expect(view.alert).toContainText('Linking was declined in Mantix.');
  await expect(view.button('Try again')).toBeVisible();
  await startLinking(view, 'Try again');
});

test('says the code expired, and can start again', async ({ options, mantix, profile }) => {
  await scenario(mantix, { device_expires_in: 2 });
  const view = await options();
  await startLinking(view);
  await expect(view.alert).toContainText('The code expired — start again.');
  expect(await deviceKey(profile.context)).toBe('none');
  await scenario(mantix, { device_expires_in: null });
  const mantixPage = await startLinking(view, 'Start again');
  await mantixPage.approve();
  await expectLinked(view);
});

test('unlink revokes the link at Mantix and deletes the device key', async ({ options, mantix, profile }) => {
  const view = await options();
  await (await startLinking(view)).approve();
  await expectLinked(view);
  await view.unlink();
  await expect(view.linkButton).toBeVisible();
  await expect(view.accountStatus).toHaveText(/^Unlinked\./);
  const [grant] = await grants(mantix);
  expect(grant).toMatchObject({ status: 'revoked', refresh_token_valid: false });
  expect(await deviceKey(profile.context)).toBe('none');
});

test('unlinks locally and says so when Mantix cannot be reached', async ({ options, mantix }) => {
  const view = await options();
  await (await startLinking(view)).approve();
  await expectLinked(view);
  await scenario(mantix, { fail_next: 1, status: 503, path: '/oauth/revoke' });
  await view.unlink();
  await expect(view.alert).toContainText('Unlinked on this computer. Mantix could not be reached');
  await expect(view.linkButton).toBeVisible();
});

test('a server answering garbage gets a clear sentence, with details behind a disclosure', async ({
  options,
  mantix,
}) => {
  await scenario(mantix, { garbage: '/oauth/device_authorization' });
  const view = await options();
  await view.linkButton.click();
  await expect(view.alert).toContainText('Mantix sent an unexpected answer.');
  await expect(view.alertDetails).toBeVisible();
  await expect(view.alertDetailsBody).toBeHidden();
  await expect(view.userCode).toHaveCount(0);
  await expect(view.button('Try again')).toBeVisible();
});

test('a server that cannot be reached gets a clear sentence', async ({ options, mantix }) => {
  await scenario(mantix, { fail_next: 1, status: 503, path: '/.well-known/' });
  const view = await options();
  await view.linkButton.click();
  await expect(view.alert).toContainText('Mantix is having trouble right now.');
});

test('the link completes when the service worker was stopped while polling', async ({
  options,
  stopWorker,
  mantix,
}) => {
  const view = await options();
  const mantixPage = await startLinking(view);
  await expect.poll(async () => (await grants(mantix))[0]?.poll_count).toBeGreaterThanOrEqual(1);
  await stopWorker();
  await mantixPage.approve();
  // Nothing but the background's own alarm wakes the stopped worker here.
  await expectLinked(view);
  const [grant] = await grants(mantix);
  expect(grant?.status).toBe('active');
  // A fresh worker starts without the server's DPoP nonce: two nonce
  // challenges at the token endpoint prove the polling resumed in a new one.
  const log = (await dev(mantix, '/dev/requests')) as { path: string; error?: string }[];
  const challenges = log.filter((r) => r.path === '/oauth/token' && r.error === 'use_dpop_nonce');
  expect(challenges).toHaveLength(2);
});

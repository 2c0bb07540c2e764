/// <reference types="chrome" />
/**
 * The handoff, end to end in real Chromium: the built extension, the
 * reference Mantix server on loopback, the Bitget replica at its real URL.
 */
import { expect, test } from './fixtures';
import {
  badge,
  createKeyOnBitget,
  type Keys,
  linkAccount,
  MANTIX_IPS,
  randomKeys,
  randomPassphrase,
  received,
  requestLog,
  scenario,
  sessionKeys,
  workerRunning,
} from './handoff-flow';
import { Overlay } from './pages/overlay';
import type { PopupPage } from './pages/popup';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Pastes `keys` into the popup's manual form and waits until they show as captured. */
async function paste(view: PopupPage, keys: Keys): Promise<void> {
  await view.pasteKeys(keys);
  await expect(view.apiKey).toHaveText(keys.apiKey);
}

const posts = async (mantix: Parameters<typeof requestLog>[0]) =>
  (await requestLog(mantix)).filter((r) => r.method === 'POST' && r.path === '/v1/exchange-connections');

test.describe('happy path', () => {
  test('a key created on the Bitget page: captured → Send → active with the balance; Mantix got exactly it, once', async ({
    context,
    options,
    popup,
    mantix,
    bitget,
  }) => {
    await linkAccount(await options(), mantix);
    const { page } = await bitget.open('classic-en-native-comma');
    const created = await createKeyOnBitget(page, randomPassphrase(), MANTIX_IPS);
    await expect(new Overlay(page).keysCaptured).toBeVisible();

    const view = await popup();
    await expect(view.captured).toBeVisible();
    await expect(view.apiKey).toHaveText(created.apiKey);
    await expect(view.secretKey).not.toContainText(created.secretKey.slice(0, 8));
    await expect(view.expiry).toHaveText(/^1[45]:\d\d$/);
    await expect(view.checklistItem('Read & Trade rights are on.')).toContainText('OK');
    await expect(view.checklistItem('Transfer and Withdraw are off')).toContainText('OK');
    await expect(view.checklistItem('3 IP addresses bound.')).toContainText('OK');
    await expect(view.note).toHaveText('Mantix');
    expect(await badge(context)).toEqual({ text: '1', title: expect.stringContaining('keys captured') });
    await expect(view.sendButton()).toBeDisabled();

    await view.confirmAndSend();
    await expect(view.active).toBeVisible();
    await expect(view.balance).toHaveText('Balance: 1234.56 USDT');
    await expect(view.captured).toHaveCount(0);

    const got = await received(mantix);
    expect(got).toHaveLength(1);
    expect(got[0]?.claims).toMatchObject({
      sub: 'acc_demo_0001',
      aud: 'mantix-ingest',
      exchange: 'bitget',
      api_key: created.apiKey,
      secret_key: created.secretKey,
      passphrase: created.passphrase,
    });
    expect(got[0]?.protected_header).toMatchObject({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'test-ingest-1' });
    expect(got[0]?.body_observed).toEqual({
      source: 'page',
      account_mode: 'classic',
      permissions: ['coow', 'cpow', 'stow', 'smow'],
      transfer_enabled: false,
      withdraw_enabled: false,
      ip_whitelist: [...MANTIX_IPS],
    });
    expect(got[0]?.idempotency_key).toMatch(UUID_V4);
    expect(await sessionKeys(context)).not.toContain('capture');
    expect((await badge(context)).text).toBe('');
  });

  test('pasted keys (the manual fallback): Send → active; Mantix got exactly them', async ({
    options,
    popup,
    mantix,
  }) => {
    await linkAccount(await options(), mantix);
    const keys = randomKeys();
    const view = await popup();
    await paste(view, keys);
    await expect(view.checklistItem('were not seen (pasted keys)')).toContainText('Not checked');
    await view.confirmAndSend();
    await expect(view.active).toBeVisible();
    const got = await received(mantix);
    expect(got.map((r) => r.claims)).toEqual([
      expect.objectContaining({ api_key: keys.apiKey, secret_key: keys.secretKey, passphrase: keys.passphrase }),
    ]);
    expect(got[0]?.body_observed).toEqual({
      source: 'pasted',
      account_mode: null,
      permissions: null,
      transfer_enabled: null,
      withdraw_enabled: null,
      ip_whitelist: null,
    });
  });

  test('not linked: the popup sends the user to link first, and keeps the keys meanwhile', async ({
    popup,
    bitget,
  }) => {
    const { page } = await bitget.open('classic-en-native-comma');
    await createKeyOnBitget(page, randomPassphrase(), MANTIX_IPS);
    const view = await popup();
    await expect(view.notLinked).toContainText('Your captured keys wait here meanwhile.');
    await expect(view.captured).toBeVisible();
    await expect(view.anySendButton).toHaveCount(0);
  });
});

test.describe('capture', () => {
  test('a different key while one waits: the popup asks, and the new one replaces it only when chosen', async ({
    options,
    popup,
    mantix,
    bitget,
  }) => {
    await linkAccount(await options(), mantix);
    const first = randomKeys();
    const view = await popup();
    await paste(view, first);
    const { page } = await bitget.open('classic-en-native-comma');
    const second = await createKeyOnBitget(page, randomPassphrase(), MANTIX_IPS);
    await expect(new Overlay(page).anotherKeyWaiting).toBeVisible();

    await view.page.bringToFront();
    await expect(view.pending).toContainText(`…${second.apiKey.slice(-4)}`);
    await expect(view.apiKey).toHaveText(first.apiKey);
    await view.useNewKey(second.apiKey).click();
    await expect(view.pending).toHaveCount(0);
    await expect(view.apiKey).toHaveText(second.apiKey);
    await view.confirmAndSend();
    await expect(view.active).toBeVisible();
    expect((await received(mantix)).map((r) => r.claims.api_key)).toEqual([second.apiKey]);
  });

  test('the capture port takes keys from the Bitget page only, not from another context', async ({
    context,
    popup,
  }) => {
    const view = await popup();
    const keys = randomKeys();
    const outcome = await view.page.evaluate(
      (message) =>
        new Promise<string>((resolve) => {
          const port = chrome.runtime.connect({ name: 'mantix-capture' });
          port.onMessage.addListener(() => resolve('answered'));
          port.onDisconnect.addListener(() => resolve('disconnected'));
          port.postMessage(message);
        }),
      {
        type: 'capture',
        ...keys,
        observed: {
          account_mode: 'classic',
          permissions: [],
          transfer_enabled: false,
          withdraw_enabled: false,
          ip_whitelist: [],
        },
      },
    );
    expect(outcome).toBe('disconnected');
    await expect(view.nothingCaptured).toBeVisible();
    expect(await sessionKeys(context)).not.toContain('capture');
  });

  test('"Discard keys…" asks, then wipes them at once', async ({ context, popup }) => {
    const view = await popup();
    await paste(view, randomKeys());
    expect(await sessionKeys(context)).toContain('capture');
    await view.discard();
    await expect(view.nothingCaptured).toBeVisible();
    expect(await sessionKeys(context)).not.toContain('capture');
    expect((await badge(context)).text).toBe('');
  });

  test('expiry: the keys are wiped when their time is up, by an alarm that outlives the worker', async ({
    context,
    extensionId,
    options,
    popup,
    stopWorker,
  }) => {
    test.setTimeout(150_000);
    // The shortest TTL the settings allow, written as the settings item (test-only path).
    const settings = await options();
    await settings.page.evaluate(() => chrome.storage.local.set({ settings: { captureTtlMinutes: 1 } }));
    const view = await popup();
    await paste(view, randomKeys());
    await expect(view.expiry).toHaveText(/^(1:00|0:[5]\d)$/);
    await view.page.close();
    await settings.page.close();
    // A page that just closed may still wake the worker once: stop it until it stays stopped.
    await expect
      .poll(
        async () => {
          await stopWorker();
          return workerRunning(context, extensionId);
        },
        { timeout: 15_000, intervals: [500] },
      )
      .toBe(false);
    // Nothing is open: only the expiry alarm can start the worker again.
    await expect.poll(() => workerRunning(context, extensionId), { timeout: 90_000, intervals: [1_000] }).toBe(true);
    const after = await popup();
    await expect(after.expired).toBeVisible({ timeout: 30_000 });
    await expect(after.expired).toContainText('deleted them from this browser 1 minute after capture');
    await expect(after.captured).toHaveCount(0);
    expect(await sessionKeys(context)).not.toContain('capture');
  });
});

test.describe('faults', () => {
  test('worker stopped after capture, after sending, and while polling: one connection in the end', async ({
    options,
    popup,
    mantix,
    stopWorker,
    traffic,
  }) => {
    await linkAccount(await options(), mantix);
    await scenario(mantix, { delay_ms: 1_500, delay_path: '/v1/exchange-connections', verification_delay_ms: 4_000 });
    const keys = randomKeys();
    const view = await popup();
    await paste(view, keys);

    // 1. After capture: the keys survive in session storage.
    await stopWorker();
    await view.goto();
    await expect(view.apiKey).toHaveText(keys.apiKey);

    // 2. While the POST is on its way to Mantix.
    await view.confirmAndSend();
    await expect
      .poll(
        () => traffic.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/exchange-connections')).length,
      )
      .toBe(1);
    await stopWorker();

    // 3. While polling the verdict, with no page open: the background's alarm resumes it.
    await expect(view.sendingSteps.nth(2)).toHaveAttribute('aria-current', 'step');
    await view.page.close();
    const polled = async () =>
      (await requestLog(mantix)).filter((r) => r.method === 'GET' && r.path.startsWith('/v1/exchange-connections/'))
        .length;
    const before = await polled();
    await stopWorker();
    await expect.poll(polled, { timeout: 20_000 }).toBeGreaterThan(before);

    const again = await popup();
    await expect(again.active).toBeVisible({ timeout: 20_000 });
    expect(await received(mantix)).toHaveLength(1);
    const sent = await posts(mantix);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(sent.every((r) => r.status === 202)).toBe(true);
  });

  test('Mantix answers 503 twice, then 202: the popup shows the retry, and one connection is made', async ({
    options,
    popup,
    mantix,
  }) => {
    await linkAccount(await options(), mantix);
    await scenario(mantix, { fail_next: 2, status: 503, path: '/v1/exchange-connections' });
    const view = await popup();
    await paste(view, randomKeys());
    await view.confirmAndSend();
    await expect(view.retrying).toBeVisible();
    await expect(view.nextAttempt).toContainText(/Try [23] of 6 in/);
    await expect(view.active).toBeVisible();
    expect(await received(mantix)).toHaveLength(1);
    const sent = await posts(mantix);
    expect(sent.map((r) => r.status)).toEqual([503, 503, 202]);
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  test('an ingest key this build does not pin: refused, nothing sent, keys kept', async ({
    options,
    popup,
    mantix,
  }) => {
    await linkAccount(await options(), mantix);
    await scenario(mantix, { ingest_key: 'untrusted' });
    const view = await popup();
    await paste(view, randomKeys());
    await view.confirmAndSend();
    await expect(view.failed).toContainText('not one this version of Mantix Connect trusts');
    await expect(view.failed).toContainText('nothing was sent');
    await expect(view.captured).toBeVisible();
    expect(await posts(mantix)).toEqual([]);
    expect(await received(mantix)).toEqual([]);
  });

  test('key_rotated: the key is fetched again and the POST retried once with the same Idempotency-Key', async ({
    options,
    popup,
    mantix,
  }) => {
    await linkAccount(await options(), mantix);
    await scenario(mantix, { ingest_key: 'rotate_on_post' });
    const view = await popup();
    await paste(view, randomKeys());
    await view.confirmAndSend();
    await expect(view.active).toBeVisible();
    const sent = await posts(mantix);
    expect(sent.map((r) => [r.status, r.error ?? null])).toEqual([
      [409, 'key_rotated'],
      [202, null],
    ]);
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect((await received(mantix))[0]?.protected_header).toMatchObject({ kid: 'test-ingest-2' });
  });

  const VERDICTS = [
    ['invalid_passphrase', 'Re-enter it exactly as you set it on Bitget', 'Update and send again', false],
    ['invalid_api_key', 'one of them is wrong, or the key was deleted', 'Create a new key on Bitget', true],
    ['ip_not_allowed', "The key's IP list lacks Mantix's servers", 'Open Bitget to add the IP addresses', false],
    ['missing_permission', 'lacks the Read & Trade rights Mantix needs', 'Open Bitget to set up the rights', false],
    ['withdraw_enabled', 'Mantix refuses such keys', 'Create a new key on Bitget', true],
    ['account_restricted', 'Bitget has restricted your account or its API access', 'Create a new key on Bitget', true],
    ['exchange_unavailable', 'Bitget did not answer Mantix', 'Check again', false],
  ] as const;
  for (const [code, sentence, action, wiped] of VERDICTS) {
    test(`verdict ${code}: its sentence and action; keys ${wiped ? 'wiped' : 'kept'}`, async ({
      context,
      options,
      popup,
      mantix,
    }) => {
      await linkAccount(await options(), mantix);
      await scenario(mantix, { verification: code, verification_delay_ms: 300 });
      const view = await popup();
      await paste(view, randomKeys());
      await view.confirmAndSend();
      await expect(view.failed).toContainText(sentence);
      await expect(view.button(action)).toBeVisible();
      await expect(view.details(view.failed)).toBeVisible();
      if (wiped) {
        await expect(view.captured).toHaveCount(0);
        await expect(view.failed).toContainText('deleted its copy of these keys from this browser');
        expect(await sessionKeys(context)).not.toContain('capture');
      } else {
        await expect(view.captured).toBeVisible();
      }
    });
  }

  test('invalid_passphrase → re-enter it → sent again with a new Idempotency-Key → active', async ({
    options,
    popup,
    mantix,
  }) => {
    await linkAccount(await options(), mantix);
    await scenario(mantix, { verification: 'invalid_passphrase', verification_delay_ms: 300 });
    const keys = randomKeys();
    const view = await popup();
    await paste(view, keys);
    await view.confirmAndSend();
    await expect(view.failed).toContainText('Bitget refused the Passphrase');
    await scenario(mantix, { verification: 'active' });
    const corrected = randomPassphrase();
    // One field, one button: "Update and send again".
    await view.reenterPassphrase(corrected);
    await expect(view.active).toBeVisible();
    const got = await received(mantix);
    expect(got.map((r) => r.claims.passphrase)).toEqual([keys.passphrase, corrected]);
    expect(got[0]?.idempotency_key).not.toBe(got[1]?.idempotency_key);
  });
});

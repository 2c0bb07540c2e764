/// <reference types="chrome" />
/**
 * A hostile Bitget page during a capture (issue 7), on the replica's quirk
 * variants: the form removed and re-added mid-fill, a second (stale, hidden)
 * result modal, key-shaped strings in the news ticker, a route change while
 * the result shows. Each time the key the page really made reaches Mantix —
 * exactly it, once — with one overlay and no exception in the page.
 * (tests/e2e/guide.spec.ts walks the guide's steps on these variants too.)
 */
import type { Page } from '@playwright/test';
import { waitForView } from '../fixtures/bitget/drive';
import { readReplica } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { inWorker, linkAccount, openSystemForm, randomPassphrase, received, verifyAndConfirm } from './handoff-flow';
import { BitgetPage } from './pages/bitget';
import type { Overlay } from './pages/overlay';

/** Creates a system-generated key with the overlay's help (works on every layout and IP field). */
async function createKeyWithOverlay(page: Page, overlay: Overlay, passphrase: string) {
  const site = new BitgetPage(page);
  const form = await openSystemForm(page);
  await overlay.button('Use “Mantix” as the note').click();
  await site.passphraseField(form).pressSequentially(passphrase);
  await overlay.setUpRights();
  await expect(overlay.status(/^Rights set for Mantix/)).toBeVisible();
  await overlay.fillIps();
  await expect(overlay.status(/^Added 3 Mantix server IP addresses/)).toBeVisible();
  await site.next(form).click();
  return verifyAndConfirm(page);
}

const QUIRKS = ['remount-form-en', 'double-result-en', 'ticker-keys-en', 'route-during-result-en'] as const;

for (const name of QUIRKS) {
  test(`${name}: the key the page made is captured and reaches Mantix exactly once; one overlay; no page error`, async ({
    bitget,
    options,
    popup,
    mantix,
  }) => {
    test.setTimeout(60_000);
    await linkAccount(await options(), mantix);
    const { page, overlay } = await bitget.open(name);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const passphrase = randomPassphrase();
    const created = await createKeyWithOverlay(page, overlay, passphrase);
    if (name === 'remount-form-en') {
      expect((await readReplica(page)).events.some((e) => e.type === 'remount')).toBe(true);
    }
    await expect(overlay.keysCaptured).toBeVisible();
    await expect(overlay.hosts).toHaveCount(1);

    const view = await popup();
    await expect(view.apiKey).toHaveText(created.apiKey);
    await view.confirmAndSend();
    await expect(view.active).toBeVisible();
    const got = await received(mantix);
    expect(got).toHaveLength(1);
    expect(got[0]?.claims).toMatchObject({
      api_key: created.apiKey,
      secret_key: created.secretKey,
      passphrase,
    });
    await expect(overlay.hosts).toHaveCount(1);
    expect(errors).toEqual([]);
  });
}

test('a page script that forges the form, the clicks and the result gets nothing stored (issue 12 §1)', async ({
  bitget,
  options,
  popup,
  context,
  mantix,
}) => {
  await linkAccount(await options(), mantix);
  const { page, overlay } = await bitget.open('classic-en-native-comma');
  await page.waitForFunction(() => '__bitgetReplica' in window);
  // Everything below runs in the page's own world, as Bitget's (or an
  // attacker's) script would: untrusted clicks and synthetic input events.
  const forge = (step: string) =>
    page.evaluate((step) => {
      // biome-ignore lint/suspicious/noExplicitAny: the replica's test hook.
      const hook = (window as any).__bitgetReplica;
      const el = (name: string) => {
        const found = hook.element(name) as HTMLElement | null;
        if (!found) throw new Error(`no ${name}`);
        return found;
      };
      const type = (name: string, value: string) => {
        const field = el(name) as HTMLInputElement;
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(field, value);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      };
      if (step === 'open') el('create').click();
      if (step === 'system') el('choose:system').click();
      if (step === 'fill') {
        type('note', 'Mantix');
        type('passphrase', 'Forged2test4Mantix');
        el('right:futures.orders').click();
        el('next').click();
      }
      if (step === 'verify') {
        type('email-code', '123456');
        type('ga-code', '654321');
        el('confirm').click();
      }
    }, step);
  await forge('open');
  await waitForView(page, 'chooser');
  await forge('system');
  await waitForView(page, 'form');
  await forge('fill');
  await waitForView(page, 'verify');
  await forge('verify');
  await waitForView(page, 'result');
  // The guide saw the result and says it captured nothing (the positive control that it looked).
  await expect(overlay.panel).toContainText('captured nothing');
  const stored = await inWorker(context, async () => ({
    session: await chrome.storage.session.get(null),
    badge: await chrome.action.getBadgeText({}),
  }));
  expect(JSON.stringify(stored.session)).not.toContain((await readReplica(page)).created?.apiKey ?? 'none');
  expect(stored.badge).toBe('');
  const view = await popup();
  await expect(view.nothingCaptured).toBeVisible();
  expect(await received(mantix)).toEqual([]);
});

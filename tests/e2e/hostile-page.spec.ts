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
import { readReplica, replicaText } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { linkAccount, openSystemForm, randomPassphrase, received, verifyAndConfirm } from './handoff-flow';
import type { Overlay } from './pages/overlay';

const t = (key: string) => replicaText('en', key);
const masked = (apiKey: string) => `${apiKey.slice(0, 7)}…${apiKey.slice(-4)}`;

/** Creates a system-generated key with the overlay's help (works on every layout and IP field). */
async function createKeyWithOverlay(page: Page, overlay: Overlay, passphrase: string) {
  const form = await openSystemForm(page);
  await overlay.button('Use “Mantix” as the note').click();
  await form.getByPlaceholder(t('passphrasePlaceholder')).pressSequentially(passphrase);
  await overlay.setUpRights();
  await expect(overlay.status(/^Rights set for Mantix/)).toBeVisible();
  await overlay.fillIps();
  await expect(overlay.status(/^Added 3 Mantix server IP addresses/)).toBeVisible();
  await form.getByRole('button', { name: t('next'), exact: true }).click();
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
    await expect(page.getByText('Keys captured — open Mantix Connect to send them.')).toBeVisible();
    await expect(overlay.hosts).toHaveCount(1);

    const view = await popup();
    await expect(view.apiKey).toHaveText(masked(created.apiKey));
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

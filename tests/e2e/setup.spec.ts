/**
 * "Set up for Mantix" and the generated passphrase (issue 13), in real
 * Chromium with the built extension on every replica: the form's submitted
 * state (the replica's own state, read through its main-world test hook,
 * never from the guide) is exactly what Mantix needs. The generated
 * passphrase's way to Mantix (and nowhere else) and the count of the user's
 * actions: secrets-generated.spec.ts.
 */
import { openForm, press, waitForView } from '../fixtures/bitget/drive';
import { type BitgetVariant, readReplica, replicaVariants } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { linkAccount, MANTIX_IPS, openSystemForm } from './handoff-flow';
import { BitgetPage } from './pages/bitget';

const GENERATED = /^[A-Za-z0-9]{24}$/;

const FLOW_VARIANTS = (Object.entries(replicaVariants) as [keyof typeof replicaVariants, BitgetVariant][]).filter(
  ([, v]) => v.signedIn !== false && !v.existingKeys,
);

function expectMantixRights(submitted: Record<string, unknown> | null | undefined, variant: BitgetVariant) {
  if (variant.layout === 'uta') {
    expect(submitted?.permissions).toEqual(['uta_trade']);
    expect(submitted?.levels).toEqual({ uta_trade: 'read_write' });
  } else {
    expect(submitted?.permType).toBe('read_write');
    expect(submitted?.permissions).toEqual(['coow', 'cpow', 'stow', 'smow']);
  }
}

// Every replica in one browser and one link (a tab each): a launch and a link per replica cost more than the set-up.
test('Set up for Mantix on every replica: the submitted form is exactly what Mantix needs', async ({
  bitget,
  options,
  mantix,
}) => {
  test.setTimeout(60_000 + 30_000 * FLOW_VARIANTS.length);
  await linkAccount(await options(), mantix);
  for (const [name, variant] of FLOW_VARIANTS) {
    await test.step(name, async () => {
      const { page, overlay } = await bitget.open(name, `/${variant.lang}/account/newapi`);
      // By meaning (the replica's named elements): the redesigned shapes have no chooser or dialog.
      await openForm(page, variant);

      await overlay.button('Set up for Mantix').click();
      const report = overlay.setupReport;
      await expect(overlay.setupReportItems).toHaveCount(4);
      await expect(overlay.status(/^Done: the page shows everything Mantix needs/)).toBeVisible();
      await expect(report).toContainText('Note set to “Mantix”.');
      await expect(report).toContainText('A new passphrase of 24 letters and digits is in Bitget’s field.');
      await expect(report).toContainText(/Rights set for Mantix/);
      await expect(report).toContainText('Added 3 Mantix server IP addresses (3 in total).');

      // The page's own state, before Next: what the app holds now.
      const before = (await readReplica(page)).state.form;
      expect(before?.note).toBe('Mantix');
      expect(before?.passphrase).toMatch(GENERATED);

      await press(page, 'next');
      await waitForView(page, 'verify');
      const { submitted } = await readReplica(page);
      expect(submitted).toMatchObject({ keyType: 'system', note: 'Mantix', ips: [...MANTIX_IPS] });
      expect(submitted?.passphrase).toMatch(GENERATED);
      expect(submitted?.passphrase).toBe(before?.passphrase);
      expectMantixRights(submitted as Record<string, unknown> | null, variant);
      await page.close();
    });
  }
});

test('Set up for Mantix keeps the user’s note and passphrase, turns off what Mantix does not need, merges IPs', async ({
  bitget,
  options,
  mantix,
}) => {
  const variant = replicaVariants['uta-en-aria-chips'];
  await linkAccount(await options(), mantix);
  const { page, overlay } = await bitget.open('uta-en-aria-chips');
  const site = new BitgetPage(page);
  const form = await openSystemForm(page);
  await site.noteLabelled(form).pressSequentially('My bot');
  await site.passphraseLabelled(form).pressSequentially('Mine2024pass');
  await site.typeIp(form, variant.ipField, '192.0.2.44');
  // Withdraw on: Set up turns it off.
  await site.withdrawBox(form, variant.layout).click();

  await overlay.button('Set up for Mantix').click();
  const report = overlay.setupReport;
  await expect(overlay.status(/^Done: the page shows everything Mantix needs/)).toBeVisible();
  await expect(report).toContainText('Your own note was kept.');
  await expect(report).toContainText('Your own passphrase was kept.');
  await site.next(form).click();
  await expect(site.verification).toBeVisible();
  const { submitted } = await readReplica(page);
  expect(submitted).toMatchObject({ note: 'My bot', passphrase: 'Mine2024pass', ips: ['192.0.2.44', ...MANTIX_IPS] });
  expectMantixRights(submitted as Record<string, unknown> | null, variant);
});

test('not linked: Set up for Mantix does the rest, says the IPs need a link, and offers to link', async ({
  bitget,
  context,
}) => {
  const { page, overlay } = await bitget.open('classic-en-native-comma');
  await openSystemForm(page);
  await overlay.button('Set up for Mantix').click();
  const report = overlay.setupReport;
  await expect(overlay.status('1 item still needs you:')).toBeVisible();
  await expect(report).toContainText('Server IPs: not filled. Mantix Connect is not linked');
  await expect(report).toContainText('Note set to “Mantix”.');
  await expect(report).toContainText(/Rights set for Mantix/);
  const form = (await readReplica(page)).state.form;
  expect(form?.ips).toEqual([]);
  expect(form?.ipText ?? '').toBe('');
  const settings = context.waitForEvent('page');
  await overlay.statusButton('1 item still needs you', 'Open Mantix Connect settings').click();
  expect((await settings).url()).toMatch(/^chrome-extension:\/\/.+\/options\.html/);
});

test('Generate a passphrase: typed into Bitget’s field, shown once on request, copied, then gone from the panel', async ({
  bitget,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://www.bitget.com' });
  const { page, overlay } = await bitget.open('classic-en-native-comma');
  await openSystemForm(page);
  await overlay.button('Generate a passphrase').click();
  await expect(overlay.passphraseOk).toBeVisible();
  const value = (await readReplica(page)).state.form?.passphrase ?? '';
  expect(value).toMatch(GENERATED);
  // Not shown until asked.
  await expect(overlay.says(value)).toHaveCount(0);
  await overlay.button('Show it once').click();
  const shown = overlay.shownPassphrase;
  await expect(shown).toContainText(value);
  await overlay.button('Copy passphrase').click();
  await expect(overlay.status('The passphrase copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
  await overlay.button('Hide it').click();
  await expect(shown).toHaveCount(0);
  await expect(overlay.says(value)).toHaveCount(0);
  await expect(overlay.button('Show it once')).toHaveCount(0);
  // Still in Bitget's field, as typed.
  expect((await readReplica(page)).state.form?.passphrase).toBe(value);
});

/**
 * The steps the Firefox suite takes like a user: link through the options
 * page and Mantix's verification page, make a key on the Bitget replica with
 * the guide, send it from the popup. Shared by the suite's tests.
 */
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { GUIDE_STEPS } from '../../utils/guide/steps';
import { type BitgetVariant, type ReplicaCreated, replicaText } from '../fixtures/bitget/route';
import type { MantixServer } from '../mantix-server/server';
import { readReplica } from './bitget';
import { openExtensionPage } from './harness';
import {
  byRole,
  clickInGuide,
  clickRole,
  groupRow,
  inGuide,
  textOf,
  waitForOverlayText,
  waitForOverlayTextGone,
  waitForStep,
} from './ui';

export const MANTIX_IPS = ['203.0.113.10', '203.0.113.11', '198.51.100.7'] as const;
export const PASSPHRASE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export async function dev(mantix: MantixServer, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mantix.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** A random passphrase a user would type (Bitget's rule: 8–32 letters and digits). */
export function randomPassphrase(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return `Mx${[...bytes].map((b) => PASSPHRASE_CHARS[b % PASSPHRASE_CHARS.length]).join('')}`;
}

/** Options page → Link Mantix account → Approve on Mantix's verification page → the account shows. */
export async function linkThroughOptions(browser: Browser, mantix: MantixServer): Promise<Page> {
  await dev(mantix, '/dev/scenario', { interval: 1 });
  const options = await openExtensionPage(browser, 'options.html');
  const opened = browser.waitForTarget((target) => target.url().startsWith(`${mantix.url}/device`), {
    timeout: 15_000,
  });
  await clickRole(options, 'button', 'Link Mantix account');
  const verification = await (await opened).page();
  if (!verification) throw new Error('The verification page opened no tab.');
  const code = await options.$eval('input.user-code', (input) => (input as HTMLInputElement).value);
  expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  expect(await textOf(verification, '#user-code')).toBe(code);
  await clickRole(verification, 'button', 'Approve');
  await byRole(verification, 'heading', 'Approved');
  await options.waitForFunction(() => document.body.textContent?.includes('demo@mantix.test'), { timeout: 15_000 });
  await verification.close();
  return options;
}

function say(variant: BitgetVariant) {
  return (key: string) => replicaText(variant.lang, key);
}

/** Bitget's Create API Key → System-generated; returns the form dialog. */
export async function openSystemForm(page: Page, variant: BitgetVariant): Promise<ElementHandle<Element>> {
  const t = say(variant);
  await page.waitForFunction(() => '__bitgetReplica' in window);
  await clickRole(page, 'button', t('createApiKey'));
  const chooser = await byRole(page, 'dialog', t('chooserTitle'));
  const system = await chooser.waitForSelector(`::-p-text(${t('systemGenerated')})`, { visible: true });
  await system?.click();
  return byRole(page, 'dialog', t('formTitleSystem'));
}

/** The money-moving right of the variant's layout (Wallet → Withdraw, or Assets → Withdraw). */
async function withdrawBox(form: ElementHandle<Element>, variant: BitgetVariant): Promise<ElementHandle<Element>> {
  const t = say(variant);
  const row = await groupRow(form, variant.layout === 'uta' ? t('grpAssets') : t('grpWallet'));
  return byRole(row, 'checkbox', t('itemWithdraw'));
}

async function isChecked(box: ElementHandle<Element>): Promise<boolean> {
  return box.evaluate((el) =>
    el instanceof HTMLInputElement ? el.checked : el.getAttribute('aria-checked') === 'true',
  );
}

/**
 * The guide on the API page, end to end: steps, note and passphrase, rights
 * set up, Mantix's IPs filled into the page's state, the Transfer/Withdraw
 * alert and its guard on Next, verification, capture. Returns what Bitget made.
 */
export async function createKeyWithGuide(
  page: Page,
  variant: BitgetVariant,
  passphrase: string,
): Promise<ReplicaCreated> {
  const t = say(variant);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));

  await waitForStep(page, GUIDE_STEPS[2] ?? '');
  const form = await openSystemForm(page, variant);
  await waitForStep(page, GUIDE_STEPS[3] ?? '');

  await clickInGuide(page, 'Use “Mantix” as the note');
  await waitForOverlayText(page, 'Note set to “Mantix”.');
  const field = await form.waitForSelector(`input[placeholder="${t('passphrasePlaceholder')}"]`, { visible: true });
  if (!field) throw new Error('No passphrase field');
  await field.type('abc');
  await waitForOverlayText(page, 'Too short: use 8–32 letters and digits.');
  await field.click({ count: 3 });
  await field.press('Backspace');
  await field.type(passphrase);
  await waitForOverlayText(page, 'Passphrase meets Bitget’s rule');

  await clickInGuide(page, 'Set up rights for Mantix');
  await waitForOverlayText(page, /Rights set for Mantix/);
  await waitForStep(page, GUIDE_STEPS[4] ?? '');

  await clickInGuide(page, 'Fill Mantix IPs');
  await waitForOverlayText(page, 'Added 3 Mantix server IP addresses');
  await waitForStep(page, GUIDE_STEPS[5] ?? '');
  const filled = await readReplica(page);
  const ips = variant.ipField === 'chips' ? filled.state.form?.ips : filled.state.form?.ipText.split(',');
  expect(ips?.map((ip) => ip.trim())).toEqual([...MANTIX_IPS]);

  // Withdraw switched on by hand: the loud warning, and its "Turn it off".
  await (await withdrawBox(form, variant)).click();
  await waitForOverlayText(page, 'Mantix never needs Transfer or Withdraw rights');
  await clickInGuide(page, 'Turn it off');
  await waitForOverlayTextGone(page, 'Mantix never needs Transfer or Withdraw rights');
  expect(await isChecked(await withdrawBox(form, variant))).toBe(false);

  // On again, then Bitget's Next: stopped and asked; "Turn it off and continue".
  await (await withdrawBox(form, variant)).click();
  await waitForOverlayText(page, 'Mantix never needs Transfer or Withdraw rights');
  await (await byRole(form, 'button', t('next'))).click();
  await inGuide(page, 'alertdialog', 'Turn off Transfer and Withdraw?');
  expect((await readReplica(page)).submitted, 'Next was stopped').toBeNull();
  await clickInGuide(page, 'Turn it off and continue');
  const verify = await byRole(page, 'dialog', t('verifyTitle'));

  // Exactly Mantix's rights and IPs reached the page's own state.
  const { submitted } = await readReplica(page);
  expect(submitted).toMatchObject({ keyType: 'system', note: 'Mantix', passphrase, ips: [...MANTIX_IPS] });
  if (variant.layout === 'uta') {
    expect(submitted?.permissions).toEqual(['uta_trade']);
    expect(submitted?.levels).toEqual({ uta_trade: 'read_write' });
  } else {
    expect(submitted?.permType).toBe('read_write');
    expect(submitted?.permissions).toEqual(['coow', 'cpow', 'stow', 'smow']);
  }

  await (await byRole(verify, 'textbox', t('emailCode'))).type('123456');
  await (await byRole(verify, 'textbox', t('gaCode'))).type('654321');
  await (await byRole(verify, 'button', t('confirm'))).click();
  await byRole(page, 'dialog', t('resultTitle'));
  await waitForStep(page, GUIDE_STEPS[6] ?? '');
  await waitForOverlayText(page, 'Keys captured — open Mantix Connect to send them.');
  expect(await page.$$eval('mantix-guide', (hosts) => hosts.length)).toBe(1);
  expect(errors).toEqual([]);

  const { created } = await readReplica(page);
  if (!created?.secretKey) throw new Error('The replica created no system-generated key.');
  return created;
}

/** Popup: the captured key → both "saved" boxes → Send → Connected, with the balance Mantix reports. */
export async function sendFromPopup(browser: Browser, apiKey: string): Promise<Page> {
  const popup = await openExtensionPage(browser, 'popup.html');
  await byRole(popup, 'region', 'Keys captured');
  // The popup shows the whole API Key (not a secret), to check against Bitget's key list (issue 12).
  const shown = await textOf(popup, '[data-testid="api-key"]');
  expect(shown).toContain(apiKey);
  await clickRole(popup, 'checkbox', 'I saved the Passphrase somewhere safe');
  await clickRole(popup, 'checkbox', 'I saved the Secret Key somewhere safe');
  await clickRole(popup, 'button', 'Send to Demo Trader (demo@mantix.test)');
  await byRole(popup, 'region', 'Connected to Mantix', 30_000);
  expect(await textOf(popup, '[data-testid="balance"]')).toBe('Balance: 1234.56 USDT');
  return popup;
}

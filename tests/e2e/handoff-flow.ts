/// <reference types="chrome" />
/**
 * What the handoff specs share: the reference server's development endpoints,
 * linking the account, making a key on the Bitget replica like a user, and
 * random keys for the paste form.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { type BitgetVariant, readReplica, replicaText } from '../fixtures/bitget/route';
import type { MantixServer } from '../mantix-server/server';
import { expect } from './fixtures';
import { extensionWorker } from './harness';
import type { OptionsPage } from './pages/options';

export async function dev(mantix: MantixServer, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mantix.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return response.json();
}

export const scenario = (mantix: MantixServer, input: Record<string, unknown>) => dev(mantix, '/dev/scenario', input);

export interface Received {
  connection_id: string;
  idempotency_key: string;
  exchange: string;
  body_observed: Record<string, unknown>;
  claims: { sub: string; aud: string; exchange: string; api_key: string; secret_key: string; passphrase: string };
  protected_header: Record<string, unknown>;
}

export const received = async (mantix: MantixServer) => (await dev(mantix, '/dev/received')) as Received[];

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  error?: string;
  headers: { 'idempotency-key': string };
}

export const requestLog = async (mantix: MantixServer) => (await dev(mantix, '/dev/requests')) as LoggedRequest[];

/** Links the extension to the demo account through the options page (approved through /dev/approve). */
export async function linkAccount(options: OptionsPage, mantix: MantixServer): Promise<void> {
  await scenario(mantix, { interval: 1 });
  const verification = await options.startLinking();
  const userCode = await options.userCode.inputValue();
  await dev(mantix, '/dev/approve', { user_code: userCode });
  await expect(options.accountValue('Email')).toHaveText('demo@mantix.test');
  await verification.close();
}

export interface Keys {
  apiKey: string;
  secretKey: string;
  passphrase: string;
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random, well-formed Bitget key set (for the paste form). */
export function randomKeys(): Keys {
  const letters = [...randomBytes(20)].map((b) => ALNUM[b % ALNUM.length]).join('');
  return {
    apiKey: `bg_${randomBytes(16).toString('hex')}`,
    secretKey: randomBytes(32).toString('hex'),
    passphrase: `Mx${letters}`,
  };
}

/** A random passphrase a user would type (8–32 letters and digits). */
export function randomPassphrase(): string {
  return randomKeys().passphrase;
}

/** The English replica's wording. */
const t = (key: string) => replicaText('en', key);

/** The row around a permission group's title. */
function row(scope: Locator, title: string): Locator {
  return scope.getByText(title, { exact: true }).locator('xpath=..');
}

/** Bitget's Create API Key → System-generated, in the page's language; returns the form dialog. */
export async function openSystemForm(page: Page, lang: BitgetVariant['lang'] = 'en'): Promise<Locator> {
  const say = (key: string) => replicaText(lang, key);
  await page.waitForFunction(() => '__bitgetReplica' in window);
  await page.getByRole('button', { name: say('createApiKey'), exact: true }).click();
  await page
    .getByRole('dialog', { name: say('chooserTitle') })
    .getByText(say('systemGenerated'), { exact: true })
    .click();
  const form = page.getByRole('dialog', { name: say('formTitleSystem') });
  await expect(form).toBeVisible();
  // A form that remounts once (quirk remountForm) is filled after it did: a
  // click or keystroke that lands on the old node as it is replaced is lost.
  await page.waitForFunction(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the replica's test hook.
    const replica = (window as any).__bitgetReplica;
    return !replica.variant.quirks?.remountForm || replica.events.some((e: { type: string }) => e.type === 'remount');
  });
  return form;
}

/** Bitget's security verification (any six digits) → Confirm; returns the key the page made. */
export async function verifyAndConfirm(page: Page) {
  const verify = page.getByRole('dialog', { name: t('verifyTitle') });
  await verify.getByRole('button', { name: t('sendCode'), exact: true }).click();
  await verify.getByLabel(t('emailCode'), { exact: true }).pressSequentially('123456');
  await verify.getByLabel(t('gaCode'), { exact: true }).pressSequentially('654321');
  await verify.getByRole('button', { name: t('confirm'), exact: true }).click();
  await expect(page.getByRole('dialog', { name: t('resultTitle') })).toBeVisible();
  const { created } = await readReplica(page);
  if (!created?.secretKey) throw new Error('The replica created no system-generated key.');
  return { ...created, secretKey: created.secretKey };
}

/**
 * Creates a system-generated key on the English Classic replica
 * (`classic-en-native-comma`) the way a user does: note, passphrase,
 * Read-write with the four trade rights, Mantix's IPs, verification codes.
 * Returns the keys the page generated (the replica's test hook).
 */
export async function createKeyOnBitget(page: Page, passphrase: string, ips: readonly string[]): Promise<Keys> {
  const form = await openSystemForm(page);
  await form.getByRole('textbox', { name: new RegExp(`^${t('note')}`) }).pressSequentially('Mantix');
  await form.getByLabel(t('passphrase'), { exact: true }).pressSequentially(passphrase);
  await form.getByRole('radio', { name: t('readWrite'), exact: true }).click();
  await row(form, t('grpFutures'))
    .getByRole('checkbox', { name: t('itemOrders'), exact: true })
    .click();
  await row(form, t('grpFutures'))
    .getByRole('checkbox', { name: t('itemHoldings'), exact: true })
    .click();
  await row(form, t('grpSpot'))
    .getByRole('checkbox', { name: t('itemTrade'), exact: true })
    .click();
  await row(form, t('grpMargin'))
    .getByRole('checkbox', { name: t('itemTrade'), exact: true })
    .click();
  const ipField = form.getByPlaceholder(t('ipPlaceholderComma'));
  await ipField.fill('');
  await ipField.pressSequentially(ips.join(','));
  await form.getByRole('button', { name: t('next'), exact: true }).click();

  const created = await verifyAndConfirm(page);
  expect(created.passphrase).toBe(passphrase);
  return { apiKey: created.apiKey, secretKey: created.secretKey, passphrase: created.passphrase };
}

/** The Mantix server IPs the reference server serves by default. */
export const MANTIX_IPS = ['203.0.113.10', '203.0.113.11', '198.51.100.7'] as const;

/**
 * Runs `fn` in the extension's service worker (waking it is the caller's
 * job: an open popup reconnects to it). Test-only: reads state to prove it.
 */
export async function inWorker<T>(context: BrowserContext, fn: () => T | Promise<T>): Promise<T> {
  const worker = await extensionWorker(context);
  return worker.evaluate(fn);
}

/** What the toolbar badge shows. */
export function badge(context: BrowserContext): Promise<{ text: string; title: string }> {
  return inWorker(context, async () => ({
    text: await chrome.action.getBadgeText({}),
    title: await chrome.action.getTitle({}),
  }));
}

/** The keys of the extension's session storage (memory only). */
export function sessionKeys(context: BrowserContext): Promise<string[]> {
  return inWorker(context, async () => Object.keys(await chrome.storage.session.get(null)));
}

/** Whether the extension's service worker is running (asked through CDP, as Chrome sees it). */
export async function workerRunning(context: BrowserContext, extensionId: string): Promise<boolean> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { type: string; url: string }[];
    };
    return targetInfos.some(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  } finally {
    await cdp.detach();
  }
}

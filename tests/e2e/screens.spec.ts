/**
 * Screenshots of every popup, options and panel state, in the light and the
 * dark colour scheme, in English, Russian and Simplified Chinese (issue 16),
 * written to test-results/screens/<language>/<state>-<scheme>.png for the
 * README. States are set the way the background stores them (session and
 * local storage, the product's own schemas), so the run stays short.
 *
 * Checked on every screen: body text is at least 13 px (the browser's 75 %
 * default on extension pages is overridden), and the wrong-passphrase screen
 * fits the 600 px Chrome allows a popup, its one filled button above the fold.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dev, scenario } from './handoff-flow';
import { extensionWorker } from './harness';
import { OVERLAY_HOST } from './pages/overlay';
import { PopupPage } from './pages/popup';
import { readProtected, writeProtected } from './protected-store';

const LANGUAGES = [
  { uiLocale: 'en-US', folder: 'en', replica: 'classic-en-native-comma' },
  { uiLocale: 'ru-RU', folder: 'ru', replica: 'classic-ru-aria-chips' },
  { uiLocale: 'zh-CN', folder: 'zh_CN', replica: 'classic-zh-aria-comma' },
] as const;
const SCHEMES = ['light', 'dark'] as const;
const OUT = join('test-results', 'screens');
/** Chrome's largest popup. */
const POPUP_MAX_HEIGHT = 600;
const MIN_TEXT_PX = 13;

type Storage = { session?: Record<string, unknown>; local?: Record<string, unknown> };

/** Replaces the extension's stored state (what the background would have written). */
async function store(context: BrowserContext, items: Storage): Promise<void> {
  const worker = await extensionWorker(context);
  await worker.evaluate(async ({ session, local }) => {
    await chrome.storage.session.remove(['capture', 'capturePending', 'handoff']);
    if (session) await chrome.storage.session.set(session);
    if (local) await chrome.storage.local.set(Object.fromEntries(Object.entries(local).filter(([k]) => k !== 'link')));
  }, items);
  // The link lives in the extension's own IndexedDB.
  if (items.local && 'link' in items.local) await writeProtected(context, 'link', items.local.link);
}

const OBSERVED_OK = {
  account_mode: 'classic',
  permissions: ['coow', 'cpow', 'stow', 'smow'],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: ['203.0.113.10', '203.0.113.11', '198.51.100.7'],
};
const OBSERVED_BAD = {
  account_mode: 'classic',
  permissions: ['coow', 'wwow'],
  transfer_enabled: false,
  withdraw_enabled: true,
  ip_whitelist: [],
};

function capture(extra: Record<string, unknown> = {}, confirmed = false) {
  const now = Date.now();
  return {
    id: randomUUID(),
    apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
    secretKey: 'a'.repeat(64),
    passphrase: 'Screens2test4Mantix',
    source: 'page',
    observed: OBSERVED_OK,
    note: 'Mantix',
    capturedAt: now,
    expiresAt: now + 15 * 60_000,
    idempotencyKey: randomUUID(),
    confirmations: { passphraseSaved: confirmed, secretSaved: confirmed },
    ...extra,
  };
}
const MASKED = 'bg_19aa…0656';
const run = (state: Record<string, unknown>) => ({ run: state, handedOff: [] });

/** Every text-bearing element that renders below the minimum size (none expected). */
function smallText(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const text = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!text || !el.checkVisibility()) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.push(`${el.tagName.toLowerCase()} ${size}px "${el.textContent?.trim().slice(0, 30)}"`);
    }
    return small;
  }, MIN_TEXT_PX);
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe finds nothing, in the light and the dark scheme (English run: the other two share the markup). */
async function expectAccessible(page: Page, state: string, scope?: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
    if (scope) builder = builder.include(scope);
    const { violations } = await builder.analyze();
    expect
      .soft(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        `axe: ${state} (${colorScheme})`,
      )
      .toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function shoot(target: Page | Locator, page: Page, folder: string, name: string): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    const path = join(OUT, folder, `${name}-${colorScheme}.png`);
    await ('goto' in target
      ? target.screenshot({ path, animations: 'disabled', fullPage: true })
      : target.screenshot({ path, animations: 'disabled' }));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const language of LANGUAGES) {
  test.describe(`screens in ${language.uiLocale}`, () => {
    test.use({ uiLocale: language.uiLocale });

    test('popup, options and panel states', async ({ context, extensionId, bitget, mantix }) => {
      // The English run also runs axe (light and dark) in every state: on a shared
      // 2-core machine that alone can pass two minutes.
      test.setTimeout(240_000);
      await mkdir(join(OUT, language.folder), { recursive: true });
      // The options page, linked for real (device flow approved at the reference server).
      const options = await context.newPage();
      await options.setViewportSize({ width: 800, height: 700 });
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      const optionsState = async (name: string, ready: string, act?: () => Promise<void>) => {
        await expect(options.locator(ready).first()).toBeVisible();
        if (act) await act();
        expect(await smallText(options), `text under ${MIN_TEXT_PX}px: options ${name}`).toEqual([]);
        if (language.folder === 'en') await expectAccessible(options, `options ${name}`);
        await shoot(options, options, language.folder, `options-${name}`);
      };
      await optionsState('not-linked', '#account-heading ~ button');
      await scenario(mantix, { interval: 1 });
      const verification = context.waitForEvent('page');
      await options.locator('#account-heading ~ button').click();
      await expect(options.locator('#user-code')).not.toHaveValue('');
      await optionsState('approve-code', '#approve-heading');
      await dev(mantix, '/dev/approve', { user_code: await options.locator('#user-code').inputValue() });
      await (await verification).close();
      await optionsState('linked', '.ips li');
      await optionsState('unlink-question', '#next-heading', async () => {
        await options.locator('.options p > button.link').click();
        await expect(options.locator('fieldset.confirm')).toBeVisible();
      });
      await options.locator('fieldset.confirm button.secondary:not(.danger)').click();
      await optionsState('about', '#next-heading', async () => {
        await options.locator('details.about > summary').click();
      });
      const link = await readProtected(context, 'link');
      await options.close();

      const view = await PopupPage.open(context, extensionId);
      const { page } = view;
      await page.setViewportSize({ width: 400, height: POPUP_MAX_HEIGHT });

      /** Sets the state, waits for `ready`, checks the type size, and takes both schemes. */
      const popupState = async (name: string, items: Storage, ready: string, act?: () => Promise<void>) => {
        await store(context, items);
        await expect(page.locator(ready).first()).toBeVisible();
        if (act) await act();
        expect(await smallText(page), `text under ${MIN_TEXT_PX}px: popup ${name}`).toEqual([]);
        if (language.folder === 'en') await expectAccessible(page, `popup ${name}`);
        await shoot(page, page, language.folder, `popup-${name}`);
      };

      await popupState('not-linked', { local: { link: null } }, '#link-heading');
      await popupState('nothing-captured', { local: { link } }, '#nothing-heading');
      await popupState('captured', { session: { capture: capture() } }, '#captured-heading');
      await popupState('captured-confirmed', { session: { capture: capture({}, true) } }, '#captured-heading');
      await popupState(
        'captured-problems',
        { session: { capture: capture({ observed: OBSERVED_BAD }) } },
        '#captured-heading',
      );
      await popupState(
        'captured-pasted',
        { session: { capture: capture({ source: 'manual', observed: null, note: undefined }) } },
        '#captured-heading',
      );
      await popupState('discard-question', { session: { capture: capture() } }, '#captured-heading', async () => {
        await page.locator('.card .quiet-row button.link').click();
        await expect(page.locator('fieldset.confirm')).toBeVisible();
      });
      await popupState(
        'another-key-captured',
        {
          session: {
            capture: capture(),
            capturePending: capture({ apiKey: 'bg_0123456789abcdef0123456789abcdef', note: undefined }),
          },
        },
        '#pending-heading',
      );
      const now = Date.now();
      await popupState(
        'sending',
        {
          session: {
            capture: capture({}, true),
            handoff: run({
              phase: 'verifying',
              runId: randomUUID(),
              connectionId: 'conn_1',
              pollStartedAt: now,
              nextPollAt: now + 3_600_000,
              apiKeyMasked: MASKED,
            }),
          },
        },
        '#sending-heading',
      );
      await popupState(
        'retrying',
        {
          session: {
            capture: capture({}, true),
            handoff: run({
              phase: 'retrying',
              runId: randomUUID(),
              attempt: 2,
              keyRotations: 0,
              nextAttemptAt: now + 3_600_000,
              error: { code: 'server_error', message: 'Mantix answered 503.', detail: 'HTTP 503' },
              apiKeyMasked: MASKED,
            }),
          },
        },
        '#retrying-heading',
      );
      const failed = (code: string, keysWiped = false) =>
        run({
          phase: 'failed',
          apiKeyMasked: MASKED,
          at: now,
          keysWiped,
          reason: { kind: 'verification', connectionId: 'conn_1', code, message: `Bitget said ${code}.` },
        });
      await popupState(
        'failed-wrong-passphrase',
        { session: { capture: capture({}, true), handoff: failed('invalid_passphrase') } },
        '#failed-heading',
        async () => {
          // One field and one filled button, all within Chrome's 600 px.
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          expect.soft(height, 'the wrong-passphrase screen fits a popup').toBeLessThanOrEqual(POPUP_MAX_HEIGHT);
          await expect(page.locator('input[type="password"]')).toHaveCount(1);
          await expect(page.locator('main button:not(.secondary):not(.link)')).toHaveCount(1);
        },
      );
      await popupState(
        'failed-ip-list',
        { session: { capture: capture({}, true), handoff: failed('ip_not_allowed') } },
        '#failed-heading',
      );
      await popupState(
        'failed-keys-deleted',
        { session: { handoff: failed('invalid_api_key', true) } },
        '#failed-heading',
      );
      await popupState('expired', { session: { handoff: run({ phase: 'expired', at: now }) } }, '#expired-heading');
      await popupState(
        'connected',
        {
          session: {
            handoff: run({
              phase: 'active',
              connectionId: 'conn_1',
              apiKeyMasked: MASKED,
              balance: { totalUsdt: '1250.40', updatedAt: new Date().toISOString() },
              at: now,
            }),
          },
        },
        '#active-heading',
      );
      await popupState('about', { session: {} }, '#nothing-heading', async () => {
        await page.locator('details.about > summary').click();
      });
      await page.close();

      // The panel on Bitget's key list.
      const { page: bitgetPage } = await bitget.open(language.replica);
      const panel = bitgetPage.locator(`${OVERLAY_HOST} aside.panel`);
      await expect(panel.locator('[aria-current="step"]')).toBeVisible();
      await shoot(panel, bitgetPage, language.folder, 'panel-key-list');
    });
  });
}

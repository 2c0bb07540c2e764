/// <reference types="chrome" />
/**
 * Accessibility (issue 6 §4): axe (WCAG 2.1 A/AA) on the popup, the options
 * page and the in-page overlay in each state, in the light and dark colour
 * schemes; every control reachable by keyboard with a visible focus; the
 * guard dialog answered by keyboard only; reduced motion respected; the
 * spotlight's text equivalent.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readReplica } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import {
  dev,
  inWorker,
  type Keys,
  linkAccount,
  MANTIX_IPS,
  openSystemForm,
  randomKeys,
  scenario,
} from './handoff-flow';
import { BitgetPage } from './pages/bitget';
import { OVERLAY_HOST } from './pages/overlay';
import type { PopupPage } from './pages/popup';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe finds nothing in `page` (or in `scope` only), in the light and the dark colour scheme. */
async function expectAccessible(page: Page, state: string, scope?: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    let builder = new AxeBuilder({ page }).withTags(TAGS);
    if (scope) builder = builder.include(scope);
    const { violations, passes } = await builder.analyze();
    if (scope) {
      // axe really looked inside the overlay's shadow root (targets are [host, inner selector]).
      const inShadow = passes.some((rule) =>
        rule.nodes.some((node) => node.target.some((part) => Array.isArray(part))),
      );
      expect(inShadow, `axe reached into <${scope}>'s shadow root`).toBe(true);
    }
    const summary = violations.flatMap((v) =>
      v.nodes.map((node) => ({
        id: v.id,
        impact: v.impact,
        target: node.target.flat().join(' >> '),
        summary: node.failureSummary?.replace(/\s+/g, ' ').slice(0, 240),
      })),
    );
    expect.soft(summary, `axe: ${state} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const FOCUSABLE =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Tabs through the page (or the overlay's shadow root) and checks that focus
 * reaches every enabled, rendered control, each with a visible outline.
 */
async function tabThrough(page: Page, host?: string): Promise<void> {
  const controls = await page.evaluate(
    ({ selector, host }) => {
      const root: Document | ShadowRoot | null | undefined = host ? document.querySelector(host)?.shadowRoot : document;
      if (!root) throw new Error(`no root ${host}`);
      const all = [...root.querySelectorAll<HTMLElement>(selector)].filter(
        (el) =>
          !el.matches(':disabled') && el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }),
      );
      return all.map((el, index) => {
        el.dataset.a11yTab = String(index);
        return `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      });
    },
    { selector: FOCUSABLE, host },
  );
  expect(controls.length).toBeGreaterThan(0);
  if (host) {
    // Into the panel from the page: focus its first control, step out and back in by keyboard.
    await page.evaluate((host) => {
      document.querySelector(host)?.shadowRoot?.querySelector<HTMLElement>('[data-a11y-tab="0"]')?.focus();
    }, host);
    await page.keyboard.press('Shift+Tab');
  }
  const reached = new Map<number, string>();
  for (let press = 0; press < controls.length * 2 + 4 && reached.size < controls.length; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!(el instanceof HTMLElement) || el.dataset.a11yTab === undefined) return null;
      const style = getComputedStyle(el);
      return {
        index: Number(el.dataset.a11yTab),
        outline: `${style.outlineStyle} ${style.outlineWidth}`,
        visible: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0,
      };
    });
    if (!focused) continue;
    expect(focused.visible, `visible focus on ${controls[focused.index]} (${focused.outline})`).toBe(true);
    reached.set(focused.index, controls[focused.index] ?? '');
  }
  expect(controls.filter((_, index) => !reached.has(index))).toEqual([]);
}

/**
 * No running transition or animation, and none declared, in our own document
 * or (for the overlay) in its shadow root only — Bitget's page is not ours.
 */
async function expectNoMotion(page: Page, host?: string): Promise<void> {
  const moving = await page.evaluate((host) => {
    const root: Document | ShadowRoot | null | undefined = host ? document.querySelector(host)?.shadowRoot : document;
    if (!root) throw new Error(`no root ${host}`);
    const ours = (animation: Animation) => {
      const target = (animation.effect as KeyframeEffect | null)?.target;
      return !host || target?.getRootNode() === root;
    };
    const running = [...document.getAnimations(), ...root.getAnimations()].filter(ours).map((a) => a.constructor.name);
    const moves = (durations: string) => durations.split(',').some((d) => Number.parseFloat(d) > 0);
    const declared = [...root.querySelectorAll('*')]
      .filter((el) => {
        const style = getComputedStyle(el);
        return moves(style.transitionDuration) || (style.animationName !== 'none' && moves(style.animationDuration));
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { running, declared };
  }, host);
  expect(moving).toEqual({ running: [], declared: [] });
}

/** The spotlight's computed transition-duration. */
function spotlightTransition(page: Page): Promise<string> {
  return page.evaluate((host) => {
    const spotlight = document.querySelector(host)?.shadowRoot?.querySelector('.spotlight');
    if (!spotlight) throw new Error('no spotlight');
    return getComputedStyle(spotlight).transitionDuration.split(',')[0]?.trim() ?? '';
  }, OVERLAY_HOST);
}

/** The popup's paste form, from whatever state its disclosure is in. */
async function paste(view: PopupPage, keys: Keys): Promise<void> {
  if (await view.pasteFormOpen()) await view.pasteToggle.click();
  await view.pasteKeys(keys);
  await expect(view.apiKey).toHaveText(keys.apiKey);
}

// Each test walks many states and runs axe twice (light, dark) in each: on a
// shared 2-core machine that takes longer than the suite's default minute.
test.describe.configure({ timeout: 180_000 });

test('options page (not linked, error, pending, denied, expired, linked), the not-linked popup and overlay', async ({
  options,
  popup,
  mantix,
  bitget,
}) => {
  const { page: bitgetPage, overlay } = await bitget.open('classic-en-native-comma');
  await openSystemForm(bitgetPage);
  await expect(overlay.notLinked).toBeVisible();
  await expectAccessible(bitgetPage, 'overlay: not linked, form', OVERLAY_HOST);
  await bitgetPage.close();

  const view = await popup();
  await expect(view.notLinked).toBeVisible();
  await view.pasteToggle.click();
  await expectAccessible(view.page, 'popup: not linked, nothing captured, paste form open');
  await view.page.close();

  await scenario(mantix, { interval: 1, garbage: '/oauth/device_authorization' });
  const settings = await options();
  await expect(settings.linkButton).toBeVisible();
  await expectAccessible(settings.page, 'options: not linked');

  await settings.linkButton.click();
  await expect(settings.alert).toContainText('Mantix sent an unexpected answer.');
  await settings.alertDetails.click();
  await expectAccessible(settings.page, 'options: error');

  await scenario(mantix, { garbage: null });
  let verification = await settings.startLinking('Try again');
  await expect(settings.userCode).not.toHaveValue('');
  await expect(settings.countdown).toBeVisible();
  await expectAccessible(settings.page, 'options: pending, user code shown');
  await dev(mantix, '/dev/deny', { user_code: await settings.userCode.inputValue() });
  await expect(settings.alert).toContainText('Linking was declined in Mantix.');
  await verification.close();
  await expectAccessible(settings.page, 'options: denied');

  await scenario(mantix, { device_expires_in: 2 });
  verification = await settings.startLinking('Try again');
  await expect(settings.alert).toContainText('The code expired — start again.');
  await verification.close();
  await expectAccessible(settings.page, 'options: expired');

  await scenario(mantix, { device_expires_in: null });
  verification = await settings.startLinking('Start again');
  await dev(mantix, '/dev/approve', { user_code: await settings.userCode.inputValue() });
  await expect(settings.accountValue('Email')).toHaveText('demo@mantix.test');
  await verification.close();
  await expect(settings.serverIpItems).toHaveCount(MANTIX_IPS.length);
  await expectAccessible(settings.page, 'options: linked');

  await settings.page.bringToFront();
  await tabThrough(settings.page);
  await settings.page.emulateMedia({ reducedMotion: 'reduce' });
  await settings.unlinkButton.hover();
  await expectNoMotion(settings.page);
});

test('popup: nothing captured, captured, sending, retrying, active, failed, expired; keyboard; reduced motion', async ({
  options,
  popup,
  mantix,
}) => {
  const settings = await options();
  await linkAccount(settings, mantix);
  await settings.page.close();
  const view = await popup();
  const { page } = view;
  await expect(view.nothingCaptured).toBeVisible();
  await view.pasteToggle.click();
  await expectAccessible(page, 'popup: nothing captured, paste form open');

  // The notice of a stored item that was unreadable and reset.
  await page.evaluate(() =>
    chrome.storage.session.set({ storageResets: [{ key: 'local:settings', at: Date.now(), issue: 'unreadable' }] }),
  );
  await expect(view.resetNotice).toBeVisible();
  await expectAccessible(page, 'popup: storage reset notice');
  await view.dismissResetNotice.click();
  await expect(view.resetNotice).toHaveCount(0);

  // Captured: the checklist and the masked keys; every control by keyboard.
  let keys = randomKeys();
  await paste(view, keys);
  await view.savedPassphrase.check();
  await view.savedSecret.check();
  await expectAccessible(page, 'popup: captured');
  await tabThrough(page);

  // Reduced motion: nothing moves after an interaction.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await view.reenterToggle.click();
  await expectNoMotion(page);
  await view.reenterToggle.click();
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // Sending (slowed down by the server), then active.
  await scenario(mantix, { delay_ms: 1_500, delay_path: '/v1/exchange-connections' });
  await view.sendButton().click();
  await expect(view.sending).toBeVisible();
  await expectAccessible(page, 'popup: sending');
  await expect(view.active).toBeVisible();
  await expectAccessible(page, 'popup: active');
  await scenario(mantix, { delay_ms: null, delay_path: null });

  // Retrying (two 503s), then active again.
  await scenario(mantix, { fail_next: 2, status: 503, path: '/v1/exchange-connections' });
  keys = randomKeys();
  await paste(view, keys);
  await view.confirmAndSend();
  await expect(view.retrying).toBeVisible();
  await expectAccessible(page, 'popup: retrying');
  await expect(view.active).toBeVisible();

  // A failure that keeps the keys, then their expiry.
  await scenario(mantix, { verification: 'ip_not_allowed', verification_delay_ms: 300 });
  keys = randomKeys();
  await paste(view, keys);
  await view.confirmAndSend();
  await expect(view.failed).toContainText("The key's IP list lacks Mantix's servers");
  await view.details(view.failed).click();
  await expectAccessible(page, 'popup: failed (ip_not_allowed)');
  await tabThrough(page);

  // Expired: the keys' time is up, and the expiry alarm fires (the product's own path).
  await inWorker(page.context(), async () => {
    const { capture } = (await chrome.storage.session.get('capture')) as { capture: Record<string, unknown> };
    await chrome.storage.session.set({ capture: { ...capture, expiresAt: Date.now() - 1_000 } });
    await chrome.alarms.create('mantix-capture-expiry', { when: Date.now() });
  });
  await view.goto();
  await expect(view.expired).toBeVisible();
  await expectAccessible(page, 'popup: expired');
});

test('overlay: key list, Show me, form with the warning and the guard, captured; keyboard; reduced motion', async ({
  bitget,
  options,
  mantix,
}) => {
  const settings = await options();
  await linkAccount(settings, mantix);
  await settings.page.close();
  const { page, overlay } = await bitget.open('classic-en-native-comma');
  const site = new BitgetPage(page);
  const scope = OVERLAY_HOST;

  await expect(overlay.currentStep).toBeVisible();
  await expectAccessible(page, 'overlay: key list', scope);
  await overlay.minimiseToggle.click();
  await expect(overlay.minimiseToggle).toHaveAttribute('aria-expanded', 'false');
  await expectAccessible(page, 'overlay: minimised', scope);
  await overlay.minimiseToggle.click();
  await expect(overlay.minimiseToggle).toHaveAttribute('aria-expanded', 'true');
  // Without the preference the spotlight does glide (so the check below means something).
  expect(await spotlightTransition(page)).not.toBe('0s');

  // "Show me": its text equivalent names the control; with reduced motion nothing moves.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await overlay.button('Show me').click();
  await expect(overlay.status('Highlighted on Bitget’s page: the Create API Key button.')).toBeVisible();
  await expect(overlay.spotlight).toBeVisible();
  await expectNoMotion(page, scope);
  expect(await spotlightTransition(page)).toBe('0s');
  await expectAccessible(page, 'overlay: key list, spotlight on', scope);
  await overlay.button('Hide highlight').click();
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // The form, with the Transfer / Withdraw warning.
  const form = await openSystemForm(page);
  await site.passphraseField(form).pressSequentially('Guide2test4Mantix');
  await expect(overlay.passphraseOk).toBeVisible();
  await expectAccessible(page, 'overlay: form', scope);
  await overlay.button('Use “Mantix” as the note').click();
  await overlay.setUpRights();
  await expect(overlay.status(/^Rights set for Mantix/)).toBeVisible();
  await overlay.fillIps();
  await expect(overlay.status(/^Added 3 Mantix server IP addresses/)).toBeVisible();
  await expectAccessible(page, 'overlay: form, rights and IPs set', scope);
  const withdraw = site.withdrawBox(form);
  await withdraw.click();
  await expect(overlay.dangerAlert).toBeVisible();
  await expectAccessible(page, 'overlay: form, Transfer/Withdraw warning', scope);
  await tabThrough(page, scope);

  // The guard, by keyboard only: Escape cancels; Enter is "Turn it off and continue".
  const next = site.next(form);
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(overlay.guard).toBeVisible();
  await expectAccessible(page, 'overlay: guard dialog open', scope);
  await expect(overlay.guardContinue).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(overlay.guard).toHaveCount(0);
  await expect(form).toBeVisible();
  expect((await readReplica(page)).submitted, 'Escape stopped Next').toBeNull();
  await expect(withdraw).toBeChecked();
  await expect(next, 'focus back on Bitget’s Next').toBeFocused();
  await page.keyboard.press('Enter');
  await expect(overlay.guardContinue).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(site.verification).toBeVisible();
  expect((await readReplica(page)).submitted, 'Enter turned the right off and continued').not.toBeNull();

  // The result: the capture's message.
  await site.confirmVerification({ sendCode: true });
  await expect(overlay.status('Keys captured — open Mantix Connect to send them.')).toBeVisible();
  await expectAccessible(page, 'overlay: result, keys captured', scope);
});

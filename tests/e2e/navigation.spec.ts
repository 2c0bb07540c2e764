/**
 * The guide wherever the user reaches Bitget's API key page: a full load, an
 * in-app route (pushState) from another Bitget page, Back/Forward, a locale
 * switch. On other Bitget pages only the loader runs (the guide's code is not
 * even injected). And what a hostile page dispatches (forged WXT events)
 * neither removes the guide nor ends the loader.
 */
import type { Page } from '@playwright/test';
import { GUIDE_STEPS } from '../../utils/guide/steps';
import { readReplica, replicaVariants } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { guideRegistered } from './guide-world';
import { badge, createKeyOnBitget, MANTIX_IPS } from './handoff-flow';
import { BitgetPage } from './pages/bitget';
import type { Overlay } from './pages/overlay';

/** Every uncaught error of the page. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function expectGuide(overlay: Overlay) {
  await expect(overlay.panel).toBeVisible();
  await expect(overlay.hosts).toHaveCount(1);
}

async function expectNoGuide(overlay: Overlay) {
  await expect(overlay.hosts).toHaveCount(0);
}

/** An in-app route change made by the page's own script, as Bitget's router does (main world). */
async function appRoute(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({ app: true }, '', to);
    // The replica's router listens to popstate; the extension must not need it (Chromium has the Navigation API).
    window.dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }, path);
}

test.describe('in-app navigation to the API key page', () => {
  // Every replica in one browser (a tab each): a browser launch per replica cost more than the walk.
  test('every replica: home → API Keys in-app, away, Back, Forward, Back: one guide each time', async ({ bitget }) => {
    test.setTimeout(60_000 + 20_000 * Object.keys(replicaVariants).length);
    for (const [name, variant] of Object.entries(replicaVariants)) {
      await test.step(name, async () => {
        const { page, overlay } = await bitget.open(variant, `/${variant.lang}/`);
        const site = new BitgetPage(page, variant.lang);
        const errors = pageErrors(page);
        await expect(site.homeCta).toBeVisible();
        // Only the loader on a page that is not the API page: no guide code, no overlay.
        expect(await guideRegistered(page)).toBe(false);
        await expectNoGuide(overlay);

        await site.homeCta.click();
        await expect(page).toHaveURL(new RegExp(`/${variant.lang}/account/newapi$`));
        await expectGuide(overlay);

        // Away in-app (the logo), then Back / Forward / Back.
        await site.logo.click();
        await expect(page).toHaveURL(new RegExp(`/${variant.lang}/$`));
        await expectNoGuide(overlay);
        await page.goBack();
        await expectGuide(overlay);
        await page.goForward();
        await expectNoGuide(overlay);
        await page.goBack();
        await expectGuide(overlay);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  });

  test('through the profile menu (the help article’s route), then a locale switch in-app', async ({ bitget }) => {
    const variant = replicaVariants['classic-en-native-comma'];
    const { page, overlay } = await bitget.open(variant, '/en/asset');
    await new BitgetPage(page).openApiKeysFromMenu();
    await expectGuide(overlay);

    // The locale switch: the same page under another locale prefix, by the app's router.
    await appRoute(page, '/ru/account/newapi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expectGuide(overlay);
    // It still reads the page: Create API Key in Russian → the form step.
    await new BitgetPage(page, 'ru').chooseSystemGenerated();
    await expect(overlay.currentStep).toHaveText(new RegExp(`^${GUIDE_STEPS[3]}`));
    await expect(overlay.hosts).toHaveCount(1);
  });

  test('a full load of another Bitget page, then in-app: the capture works', async ({ bitget, context }) => {
    const { page, overlay } = await bitget.open('classic-en-native-comma', '/en/');
    await new BitgetPage(page).homeCta.click();
    await expectGuide(overlay);
    const keys = await createKeyOnBitget(page, 'Nav1gate2Mantix', MANTIX_IPS);
    await expect(overlay.status('Keys captured — open Mantix Connect to send them.')).toBeVisible();
    expect((await badge(context)).text).toBe('1');
    expect((await readReplica(page)).created?.apiKey).toBe(keys.apiKey);
    await expect(overlay.hosts).toHaveCount(1);
  });
});

test.describe('a hostile page cannot remove the guide or end the loader', () => {
  /** Each event a page script could dispatch at the extension's WXT plumbing (the id is public). */
  const forgeries: { title: string; forge: (page: Page, extensionId: string) => Promise<void> }[] = [
    {
      title: 'a `wxt:locationchange` without newUrl',
      forge: (page, id) =>
        page.evaluate((extensionId) => {
          for (const name of ['wxt:locationchange', `${extensionId}:bitget:wxt:locationchange`]) {
            window.dispatchEvent(new CustomEvent(name));
            window.dispatchEvent(new CustomEvent(name, { detail: { newUrl: 'https://www.bitget.com/en/' } }));
          }
        }, id),
    },
    {
      title: 'a `content-script-started` on document',
      forge: (page, id) =>
        page.evaluate((extensionId) => {
          for (const script of ['bitget', 'bitget-guide']) {
            const type = `${extensionId}:${script}:wxt:content-script-started`;
            const detail = { contentScriptName: script, messageId: 'forged' };
            document.dispatchEvent(new CustomEvent(type, { detail }));
            window.postMessage({ type, contentScriptName: script, messageId: 'forged' }, '*');
          }
        }, id),
    },
  ];

  for (const { title, forge } of forgeries) {
    test(`${title}: the guide stays, the guard works, in-app routes still work`, async ({ bitget, extensionId }) => {
      const variant = replicaVariants['classic-en-native-comma'];
      const { page, overlay } = await bitget.open(variant);
      const site = new BitgetPage(page);
      await expectGuide(overlay);
      await forge(page, extensionId);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      await expectGuide(overlay);

      // The guard still stops Next with Withdraw on.
      const form = await site.chooseSystemGenerated();
      await site.passphraseLabelled(form).pressSequentially('Forged1event2');
      await site.readWrite(form).click();
      await site.withdrawBox(form).click();
      await expect(overlay.dangerAlert).toBeVisible();
      await site.next(form).click();
      await expect(overlay.guard).toBeVisible();
      expect((await readReplica(page)).submitted, 'Next was stopped').toBeNull();
      await overlay.guardCancel.click();

      // The loader still follows the route (forged again on the way).
      await page.goto('https://www.bitget.com/en/');
      await forge(page, extensionId);
      await site.homeCta.click();
      await expectGuide(overlay);
      await forge(page, extensionId);
      await site.logo.click();
      await expectNoGuide(overlay);
      await page.goBack();
      await expectGuide(overlay);
    });
  }
});

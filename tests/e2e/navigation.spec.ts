/**
 * The guide wherever the user reaches Bitget's API key page: a full load, an
 * in-app route (pushState) from another Bitget page, Back/Forward, a locale
 * switch. On other Bitget pages only the loader runs (the guide's code is not
 * even injected). And what a hostile page dispatches (forged WXT events)
 * neither removes the guide nor ends the loader.
 */
import type { Page } from '@playwright/test';
import { GUIDE_STEPS } from '../../utils/guide/steps';
import { type BitgetVariant, readReplica, replicaText, replicaVariants } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { guideRegistered } from './guide-world';
import { badge, createKeyOnBitget, MANTIX_IPS } from './handoff-flow';
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

function homeCta(page: Page, variant: BitgetVariant) {
  return page.getByRole('link', { name: replicaText(variant.lang, 'homeCta'), exact: true });
}

test.describe('in-app navigation to the API key page', () => {
  for (const [name, variant] of Object.entries(replicaVariants)) {
    test(`${name}: home → API Keys in-app, away, Back, Forward, Back: one guide each time`, async ({ bitget }) => {
      const { page, overlay } = await bitget.open(variant, `/${variant.lang}/`);
      const errors = pageErrors(page);
      await expect(homeCta(page, variant)).toBeVisible();
      // Only the loader on a page that is not the API page: no guide code, no overlay.
      expect(await guideRegistered(page)).toBe(false);
      await expectNoGuide(overlay);

      await homeCta(page, variant).click();
      await expect(page).toHaveURL(new RegExp(`/${variant.lang}/account/newapi$`));
      await expectGuide(overlay);

      // Away in-app (the logo), then Back / Forward / Back.
      await page.getByRole('link', { name: 'Bitget', exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`/${variant.lang}/$`));
      await expectNoGuide(overlay);
      await page.goBack();
      await expectGuide(overlay);
      await page.goForward();
      await expectNoGuide(overlay);
      await page.goBack();
      await expectGuide(overlay);
      expect(errors).toEqual([]);
    });
  }

  test('through the profile menu (the help article’s route), then a locale switch in-app', async ({ bitget }) => {
    const variant = replicaVariants['classic-en-native-comma'];
    const { page, overlay } = await bitget.open(variant, '/en/asset');
    await page.getByRole('button', { name: replicaText('en', 'profileMenu') }).click();
    await page.getByRole('menuitem', { name: replicaText('en', 'menuApiKeys'), exact: true }).click();
    await expectGuide(overlay);

    // The locale switch: the same page under another locale prefix, by the app's router.
    await appRoute(page, '/ru/account/newapi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    await expectGuide(overlay);
    // It still reads the page: Create API Key in Russian → the form step.
    await page.getByRole('button', { name: replicaText('ru', 'createApiKey'), exact: true }).click();
    await page
      .getByRole('dialog', { name: replicaText('ru', 'chooserTitle') })
      .getByText(replicaText('ru', 'systemGenerated'), { exact: true })
      .click();
    await expect(overlay.currentStep).toHaveText(new RegExp(`^${GUIDE_STEPS[3]}`));
    await expect(overlay.hosts).toHaveCount(1);
  });

  test('a full load of another Bitget page, then in-app: the capture works', async ({ bitget, context }) => {
    const { page, overlay } = await bitget.open('classic-en-native-comma', '/en/');
    await homeCta(page, replicaVariants['classic-en-native-comma']).click();
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
      const t = (key: string) => replicaText('en', key);
      const { page, overlay } = await bitget.open(variant);
      await expectGuide(overlay);
      await forge(page, extensionId);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      await expectGuide(overlay);

      // The guard still stops Next with Withdraw on.
      await page.getByRole('button', { name: t('createApiKey'), exact: true }).click();
      await page
        .getByRole('dialog', { name: t('chooserTitle') })
        .getByText(t('systemGenerated'), { exact: true })
        .click();
      const form = page.getByRole('dialog', { name: t('formTitleSystem') });
      await form.getByLabel(t('passphrase'), { exact: true }).pressSequentially('Forged1event2');
      await form.getByRole('radio', { name: t('readWrite'), exact: true }).click();
      await form
        .getByText(t('grpWallet'), { exact: true })
        .locator('xpath=..')
        .getByRole('checkbox', { name: t('itemWithdraw'), exact: true })
        .click();
      await expect(overlay.dangerAlert).toBeVisible();
      await form.getByRole('button', { name: t('next'), exact: true }).click();
      await expect(overlay.guard).toBeVisible();
      expect((await readReplica(page)).submitted, 'Next was stopped').toBeNull();
      await overlay.guard.getByRole('button', { name: 'Cancel' }).click();

      // The loader still follows the route (forged again on the way).
      await page.goto('https://www.bitget.com/en/');
      await forge(page, extensionId);
      await homeCta(page, variant).click();
      await expectGuide(overlay);
      await forge(page, extensionId);
      await page.getByRole('link', { name: 'Bitget', exact: true }).click();
      await expectNoGuide(overlay);
      await page.goBack();
      await expectGuide(overlay);
    });
  }
});

/**
 * Issue 16 §1: from Bitget's result dialog, one click in the panel ("Send to
 * Mantix…") opens the toolbar popup (action.openPopup in the tab's window),
 * and Send is the one click there.
 *
 * Chrome's action popup is a page target Playwright does not attach to, so
 * the test sees it through CDP (Target.getTargets), then clicks Send in the
 * same document opened as a tab.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { createKeyOnBitget, inWorker, linkAccount, MANTIX_IPS, randomPassphrase, received } from './handoff-flow';
import { OVERLAY_HOST } from './pages/overlay';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The panel in the light and the dark scheme, next to the other screens (tests/e2e/screens.spec.ts). */
async function shootPanel(panel: Locator, name: string): Promise<void> {
  const page = panel.page();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await panel.screenshot({ path: join('test-results', 'screens', 'en', `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** URLs of the page targets Chrome has open (tabs and the action popup). */
async function pageTargets(context: BrowserContext): Promise<string[]> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser for this context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
    return targetInfos.filter((target) => target.type === 'page').map((target) => target.url);
  } finally {
    await cdp.detach();
  }
}

test('one click in the panel opens the popup, one click there sends', async ({
  bitget,
  options,
  popup,
  mantix,
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const settings = await options();
  await linkAccount(settings, mantix);
  await settings.page.close();
  const { page, overlay } = await bitget.open('classic-en-native-comma');
  const passphrase = randomPassphrase();
  const keys = await createKeyOnBitget(page, passphrase, MANTIX_IPS);
  await expect(overlay.status('Keys captured — open Mantix Connect to send them.')).toBeVisible();
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  expect(await pageTargets(context)).not.toContain(popupUrl);

  await shootPanel(overlay.panel, 'panel-keys-captured');

  // Click 1 (panel): the background opens the toolbar popup.
  await overlay.button('Send to Mantix…').click();
  await expect.poll(() => pageTargets(context)).toContain(popupUrl);
  await expect(overlay.anyToolbarMention).toHaveCount(0);

  // Where the browser refuses (here: openPopup made to throw), the panel shows how to open and pin the icon.
  await inWorker(context, () => {
    chrome.action.openPopup = async () => {
      throw new Error('refused for the test');
    };
  });
  await overlay.button('Send to Mantix…').click();
  await expect(overlay.toolbarHint).toBeVisible();
  await expect(overlay.toolbarPicture).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).include(OVERLAY_HOST).analyze();
    expect
      .soft(
        violations.map((v) => v.id),
        `axe: panel, open by hand (${colorScheme})`,
      )
      .toEqual([]);
  }
  await shootPanel(overlay.panel, 'panel-open-by-hand');

  // The popup (the same document, as a tab): the key named, ticks, click 2 (Send).
  const view = await popup();
  await expect(view.apiKey).toHaveText(keys.apiKey);
  await expect(view.note).toHaveText('Mantix');
  await view.confirmAndSend();
  await expect(view.active).toBeVisible();
  expect((await received(mantix)).map((r) => r.claims.passphrase)).toEqual([passphrase]);
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { guideRegistered } from './guide-world';
import { OVERLAY_HOST } from './pages/overlay';

/** Names of the isolated worlds (content scripts) alive in the page's main frame. */
async function isolatedWorlds(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const names: string[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated') names.push(context.name);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.disable');
  await cdp.detach();
  return names;
}

test.describe('the content script', () => {
  for (const path of ['/account/newapi', '/en/account/newapi', '/zh-CN/account/newapi', '/ru/account/newapi']) {
    test(`mounts one overlay on ${path}`, async ({ bitget }) => {
      const { page, overlay } = await bitget.open('classic-en-native-comma', path);
      await expect(overlay.panel).toBeVisible();
      await expect(overlay.hosts).toHaveCount(1);
      // The positive control of the check the negative tests rely on.
      expect(await isolatedWorlds(page)).toContain('Mantix Connect (TEST)');
      expect(await guideRegistered(page)).toBe(true);
    });
  }

  for (const path of ['/en/', '/en/asset', '/en/account/newapi-help', '/en/account/newapiX']) {
    test(`only the loader runs on ${path}: no guide code, no overlay`, async ({ bitget }) => {
      const { page, overlay } = await bitget.open('classic-en-native-comma', path);
      await page.waitForLoadState('load');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));
      // The loader's world exists (positive control), the guide never registered in it.
      expect(await isolatedWorlds(page)).toContain('Mantix Connect (TEST)');
      expect(await guideRegistered(page)).toBe(false);
      await expect(overlay.hosts).toHaveCount(0);
    });
  }

  test('does not run on a look-alike host, and the page cannot reach the extension', async ({
    context,
    extensionId,
    traffic,
  }) => {
    traffic.allow('www.bitget.com.evil.test');
    await context.route('https://www.bitget.com.evil.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Bitget</title><h1>API Management</h1>' }),
    );
    const page = await context.newPage();
    await page.goto('https://www.bitget.com.evil.test/en/account/newapi');
    await page.waitForLoadState('load');
    expect((await isolatedWorlds(page)).filter((name) => name.startsWith('Mantix Connect'))).toEqual([]);
    await expect(page.locator(OVERLAY_HOST)).toHaveCount(0);
    // externally_connectable is locked: no web page gets chrome.runtime for this extension.
    const reached = await page.evaluate(async (id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime';
      try {
        await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(id, { type: 'ping', data: {} });
        return 'answered';
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, extensionId);
    expect(reached).not.toBe('answered');
  });
});

test.describe('extension pages', () => {
  test('the popup renders and talks to the background, also after the worker was stopped', async ({
    popup,
    stopWorker,
  }) => {
    const view = await popup();
    await expect(view.heading).toBeVisible();
    await expect(view.backgroundStatus).toHaveText(/Extension ready/);
    await stopWorker();
    await view.goto();
    await expect(view.backgroundStatus).toHaveText(/Extension ready/);
  });

  test('the options page renders and talks to the background', async ({ options }) => {
    const view = await options();
    await expect(view.heading).toBeVisible();
    await expect(view.backgroundStatus).toHaveText(/Extension ready/);
  });
});

/**
 * What a content script can read (issue 12, item 4): a compromised Bitget
 * renderer runs with the content script's rights, so the link's tokens and the
 * account shown on the Send button must be out of its reach. The test runs
 * code in the content script's own isolated world (through the DevTools
 * protocol) after linking, and reads what that world can read.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { linkAccount } from './handoff-flow';
import { readProtected } from './protected-store';

/** Evaluates `expression` in this extension's content-script world of the page's main frame. */
async function inContentScript(page: Page, extensionId: string, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; origin: string; name: string }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated') worlds.push(context);
  });
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error(`no content-script world of ${extensionId}: ${JSON.stringify(worlds)}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(exceptionDetails)}`);
  return result.value;
}

/** Everything the content script's world can get from extension storage (or the error it gets instead). */
const READ_ALL = `(async () => {
  const out = { runtimeId: chrome.runtime.id, local: null, session: null };
  try { out.local = await chrome.storage.local.get(null); } catch (error) { out.local = 'denied: ' + error.message; }
  try { out.session = await chrome.storage.session.get(null); } catch (error) { out.session = 'denied: ' + error.message; }
  out.databases = (await indexedDB.databases()).map((db) => db.name);
  return out;
})()`;

test('a content script reads nothing of the link: no tokens, no account', async ({
  options,
  mantix,
  bitget,
  context,
  extensionId,
}) => {
  await linkAccount(await options(), mantix);
  // The background itself still has its tokens (the positive control of the link).
  const tokens = await readProtected<{ accessToken: string; refreshToken: string }>(context, 'mantixTokens');
  expect(tokens?.accessToken).toBeTruthy();

  const { page, overlay } = await bitget.open('classic-en-native-comma');
  await expect(overlay.panel).toBeVisible();
  const seen = (await inContentScript(page, extensionId, READ_ALL)) as { runtimeId: string };
  // The positive control: this is the extension's content-script world.
  expect(seen.runtimeId).toBe(extensionId);
  const dump = JSON.stringify(seen);
  for (const needle of [
    tokens?.accessToken ?? '',
    tokens?.refreshToken ?? '',
    'mantixTokens',
    'Demo Trader',
    'demo@mantix.test',
    'acc_demo_0001',
  ]) {
    expect(dump, needle).not.toContain(needle);
  }
});

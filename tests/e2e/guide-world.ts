import type { Page } from '@playwright/test';

/**
 * Whether the guide's code runs in the page: evaluated through CDP in the
 * extension's isolated world of the main frame (the loader's world, where
 * the injected guide registers itself under a symbol). False when that
 * world does not exist at all.
 */
export async function guideRegistered(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: number[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.type === 'isolated' && context.name.startsWith('Mantix Connect')) worlds.push(context.id);
  });
  try {
    await cdp.send('Runtime.enable');
    const [world] = worlds;
    if (world === undefined) return false;
    const { result } = await cdp.send('Runtime.evaluate', {
      contextId: world,
      expression: "Symbol.for('mantix-connect.guide') in globalThis",
      returnByValue: true,
    });
    return result.value === true;
  } finally {
    await cdp.send('Runtime.disable').catch(() => undefined);
    await cdp.detach();
  }
}

/**
 * `npm start`: the product, for real, on this machine.
 *
 * Starts the embedded reference Mantix server, opens Chromium with the built
 * extension (.output/chrome-mv3-test) on the sandbox copy of Bitget's API key page
 * (served at the real https://www.bitget.com URL through request routing) and
 * on the options page, ready to link. With no display it runs headless, saves
 * screenshots and says where.
 *
 *   npm start -- --variant uta-en-aria-chips   pick a replica variant
 *   npm start -- --headless                    force headless
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, readBuiltExtension } from '../e2e/harness';
import { type BitgetVariant, replicaVariants, routeBitget } from '../fixtures/bitget/route';
import { startMantixServer } from '../mantix-server/server';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'classic-en-native-comma' },
    headless: { type: 'boolean', default: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY },
    screenshots: { type: 'string', default: 'test-results/start' },
  },
});

const variant: BitgetVariant | undefined = replicaVariants[values.variant as keyof typeof replicaVariants];
if (!variant) {
  console.error(`Unknown variant "${values.variant}". Known: ${Object.keys(replicaVariants).join(', ')}`);
  process.exit(2);
}

const built = await readBuiltExtension();
const port = Number(new URL(built.apiUrl).port || 80);
const server = await startMantixServer({ port });
console.log(`Reference Mantix server: ${server.url}  (scenarios: POST ${server.url}/dev/scenario)`);

const { context, extensionId } = await launchWithExtension(built.dir, { headless: values.headless });
await routeBitget(context, variant);

const bitget = await context.newPage();
await bitget.goto('https://www.bitget.com/en/account/newapi');
const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);

if (values.headless) {
  const dir = resolve(values.screenshots);
  await mkdir(dir, { recursive: true });
  await bitget.getByRole('complementary', { name: 'Mantix guide' }).waitFor();
  await bitget.screenshot({ path: `${dir}/bitget-with-guide.png` });
  await options.screenshot({ path: `${dir}/options.png` });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('heading', { name: 'Mantix Connect' }).waitFor();
  await popup.screenshot({ path: `${dir}/popup.png` });
  console.log(
    `No display: ran headless. Screenshots saved in ${dir}/ (bitget-with-guide.png, options.png, popup.png).`,
  );
  await context.close();
  await server.close();
} else {
  console.log('Chromium is open with Mantix Connect loaded. Close the browser window (or press Ctrl+C) to stop.');
  const stop = async () => {
    await context.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}

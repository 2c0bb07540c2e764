/**
 * Which Chromium the tests and `npm start` drive: `CHROMIUM_PATH`, then
 * Debian's /usr/bin/chromium, then Playwright's own browser.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export class NoChromiumError extends Error {
  override name = 'NoChromiumError';
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates: string[] = [];
  if (env.CHROMIUM_PATH) candidates.push(env.CHROMIUM_PATH);
  candidates.push('/usr/bin/chromium');
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own here.
  }
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) {
    throw new NoChromiumError(
      'No Chromium found: install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH to its binary.',
    );
  }
  return found;
}

/**
 * Flags for a Chromium that makes no outside lookups (every host name but
 * loopback fails to resolve) yet reaches servers on loopback, with the
 * extension in `extensionDir` loaded.
 */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  ];
}

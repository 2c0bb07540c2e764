/**
 * Playwright fixtures: the built extension in a fresh Chromium profile per
 * test, the reference Mantix server (one per worker, reset per test), the
 * Bitget replica routed at the real URL, page objects, and a privacy
 * snapshot that fails a test when the browser contacted any other host.
 */
import { type BrowserContext, test as base, expect, type Page, type Request } from '@playwright/test';
import { type BitgetVariant, replicaVariants, routeBitget } from '../fixtures/bitget/route';
import { type MantixServer, startMantixServer } from '../mantix-server/server';
import {
  type BuiltExtension,
  type Launched,
  launchWithExtension,
  readBuiltExtension,
  removeProfile,
  stopServiceWorker,
} from './harness';
import { OptionsPage } from './pages/options';
import { Overlay } from './pages/overlay';
import { PopupPage } from './pages/popup';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  postData: string | null;
  fromServiceWorker: boolean;
}

export interface Traffic {
  readonly requests: RecordedRequest[];
  /** A host the test itself visits on purpose (e.g. a look-alike domain). */
  allow(host: string): void;
}

export interface Bitget {
  /** Routes the replica variant (by name or object) and opens `path` on www.bitget.com. */
  open(variant: keyof typeof replicaVariants | BitgetVariant, path?: string): Promise<{ page: Page; overlay: Overlay }>;
}

/** The test's browser profile; after `reopen()` use `profile.context` (the old one is closed). */
export interface Profile {
  readonly context: BrowserContext;
  readonly extensionId: string;
  readonly userDataDir: string;
  /** Closes the browser and opens the same profile again (the extension id stays). */
  reopen(): Promise<void>;
}

interface TestFixtures {
  /** The browser's (and so the extension's) language: `test.use({ uiLocale: 'ru-RU' })`. */
  uiLocale: string;
  context: BrowserContext;
  extensionId: string;
  profile: Profile;
  /** Every request the browser made in this test (pages and service worker). */
  traffic: Traffic;
  popup: () => Promise<PopupPage>;
  options: () => Promise<OptionsPage>;
  bitget: Bitget;
  stopWorker: () => Promise<void>;
}

interface WorkerFixtures {
  built: BuiltExtension;
  mantix: MantixServer;
}

const BITGET_HOST = 'www.bitget.com';

export const test = base.extend<TestFixtures, WorkerFixtures>({
  uiLocale: ['en-US', { option: true }],
  built: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      await use(await readBuiltExtension());
    },
    { scope: 'worker' },
  ],
  mantix: [
    async ({ built }, use) => {
      const port = Number(new URL(built.apiUrl).port || 80);
      const server = await startMantixServer({ port });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  profile: async ({ built, mantix, uiLocale }, use) => {
    mantix.reset();
    const state: Launched = await launchWithExtension(built.dir, { locale: uiLocale });
    await use({
      get context() {
        return state.context;
      },
      get extensionId() {
        return state.extensionId;
      },
      get userDataDir() {
        return state.userDataDir;
      },
      async reopen() {
        await state.context.close();
        Object.assign(
          state,
          await launchWithExtension(built.dir, { userDataDir: state.userDataDir, locale: uiLocale }),
        );
      },
    });
    await state.context.close().catch(() => undefined);
    await removeProfile(state.userDataDir);
  },
  context: async ({ profile }, use) => {
    await use(profile.context);
  },
  extensionId: async ({ profile }, use) => {
    await use(profile.extensionId);
  },
  traffic: [
    async ({ context, mantix }, use) => {
      const requests: RecordedRequest[] = [];
      const allowed = new Set([BITGET_HOST, new URL(mantix.url).host]);
      const record = (request: Request) => {
        requests.push({
          url: request.url(),
          method: request.method(),
          headers: request.headers(),
          postData: request.postData(),
          fromServiceWorker: request.serviceWorker() !== null,
        });
      };
      context.on('request', record);
      await use({ requests, allow: (host) => allowed.add(host) });
      context.off('request', record);
      const outside = requests
        .map((r) => new URL(r.url))
        .filter((url) => ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && !allowed.has(url.host));
      expect(
        outside.map((url) => url.origin),
        'privacy snapshot: hosts contacted besides Mantix and Bitget',
      ).toEqual([]);
    },
    { auto: true },
  ],
  popup: async ({ context, extensionId }, use) => {
    await use(() => PopupPage.open(context, extensionId));
  },
  options: async ({ context, extensionId }, use) => {
    await use(() => OptionsPage.open(context, extensionId));
  },
  bitget: async ({ context }, use) => {
    await use({
      async open(variant, path = '/en/account/newapi') {
        const resolved = typeof variant === 'string' ? replicaVariants[variant] : variant;
        if (!resolved) throw new Error(`Unknown replica variant: ${String(variant)}`);
        await routeBitget(context, resolved);
        const page = await context.newPage();
        await page.goto(`https://${BITGET_HOST}${path}`);
        return { page, overlay: new Overlay(page) };
      },
    });
  },
  stopWorker: async ({ context, extensionId }, use) => {
    await use(() => stopServiceWorker(context, extensionId));
  },
});

export { expect };

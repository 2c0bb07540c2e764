/**
 * The Bitget adapter's selector test, like Refined GitHub's: every finder in
 * utils/bitget runs against every replica variant in real Chromium, in each
 * state of the flow, and must find exactly the expected element (the
 * finders throw on "none" and on "more than one").
 *
 * The adapter is bundled with esbuild and installed in the page's main world
 * as `window.__adapter` (test only; the extension itself is loaded too, so
 * its overlay is present, as for a user).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'esbuild';
import {
  type BitgetLang,
  type BitgetVariant,
  readReplica,
  replicaText,
  replicaVariants,
  routeBitget,
} from '../fixtures/bitget/route';
import { expect, test } from './fixtures';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let bundle: string | undefined;
async function adapterBundle(): Promise<string> {
  if (bundle) return bundle;
  const result = await build({
    stdin: {
      contents: `
        import * as adapter from './utils/bitget/adapter';
        import * as state from './utils/bitget/state';
        import * as write from './utils/bitget/write';
        import * as rights from './utils/guide/rights';
        import { applyRights } from './utils/guide/apply';
        globalThis.__adapter = { ...adapter, ...state, ...write, ...rights, applyRights };
      `,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    // The page has no extension APIs: the adapter's UI sentences (t()) read the English file.
    plugins: [
      {
        name: 'english-i18n-stub',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^wxt\/browser$/ }, () => ({ path: 'wxt-browser', namespace: 'stub' }));
          esbuild.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: `
              import { getMessage, readMessages } from './tests/unit/chrome-i18n';
              export const browser = {
                i18n: { getMessage: (key, subs) => getMessage(readMessages('en'), key, subs), getUILanguage: () => 'en' },
              };
            `,
            resolveDir: ROOT,
            loader: 'ts',
          }));
        },
      },
    ],
    format: 'iife',
    write: false,
    target: 'chrome120',
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
  return bundle;
}

/** The adapter's exports as the page sees them (only what this spec calls). */
interface InPage {
  detectPageState(doc: Document): { kind: string; dialog?: HTMLElement; keyType?: string; keyCount?: number };
  visibleDialogs(doc: Document): HTMLElement[];
  findSignInButton(doc: Document): HTMLElement;
  findCreateButton(doc: Document): HTMLElement;
  countListedKeys(doc: Document): number;
  findKeyTypeOption(dialog: Element, type: 'system' | 'user'): HTMLElement;
  findNoteField(form: Element): HTMLInputElement;
  findPassphraseField(form: Element): HTMLInputElement;
  queryPublicKeyField(form: Element): HTMLElement | undefined;
  findPermissionsSection(form: Element): Element;
  readPermissions(form: Element): {
    layout: string;
    mode?: unknown;
    rights: { id: string; checked: boolean; disabled: boolean; dangerous: boolean; level?: unknown }[];
  };
  findIpField(form: Element): { kind: string; input: HTMLElement; addButton?: HTMLElement };
  findSubmitButton(form: Element): HTMLElement;
  findConfirmButton(dialog: Element): HTMLElement;
  verificationFields(dialog: Element): HTMLInputElement[];
  readResult(dialog: Element): { apiKey: string; secret?: { value: string } };
  writeText(field: HTMLInputElement, value: string): Promise<void>;
  setFieldValue(field: HTMLInputElement, value: string): void;
  writeIps(find: () => unknown, ips: string[]): Promise<void>;
  applyRights(read: () => unknown, options?: { onlyDangerous?: boolean }): Promise<unknown>;
}
declare global {
  interface Window {
    __adapter: InPage;
  }
}

type Finder =
  | 'create'
  | 'sign-in'
  | 'system'
  | 'user'
  | 'note'
  | 'passphrase'
  | 'public-key'
  | 'ip'
  | 'submit'
  | 'permissions'
  | 'confirm';

/** Runs one finder in the page and tags what it found with `data-probe` (it throws on none or several). */
async function probe(page: Page, finder: Finder): Promise<void> {
  await page.evaluate((finder) => {
    const a = window.__adapter;
    const dialog = () => {
      const state = a.detectPageState(document);
      if (!state.dialog) throw new Error(`no dialog in state ${state.kind}`);
      return state.dialog;
    };
    const finders: Record<Finder, () => Element | undefined> = {
      create: () => a.findCreateButton(document),
      'sign-in': () => a.findSignInButton(document),
      system: () => a.findKeyTypeOption(dialog(), 'system'),
      user: () => a.findKeyTypeOption(dialog(), 'user'),
      note: () => a.findNoteField(dialog()),
      passphrase: () => a.findPassphraseField(dialog()),
      'public-key': () => a.queryPublicKeyField(dialog()),
      ip: () => a.findIpField(dialog()).input,
      submit: () => a.findSubmitButton(dialog()),
      permissions: () => a.findPermissionsSection(dialog()),
      confirm: () => a.findConfirmButton(dialog()),
    };
    const found = finders[finder]();
    if (!found) throw new Error(`${finder}: nothing found`);
    for (const old of Array.from(document.querySelectorAll(`[data-probe="${finder}"]`)))
      old.removeAttribute('data-probe');
    found.setAttribute('data-probe', finder);
  }, finder);
}

async function pageState(page: Page) {
  return page.evaluate(() => {
    const { kind, keyType, keyCount } = window.__adapter.detectPageState(document);
    return { kind, keyType, keyCount };
  });
}

async function open(page: Page, variant: BitgetVariant, path: string) {
  await routeBitget(page, variant);
  await page.addInitScript({ content: await adapterBundle() });
  await page.goto(`https://www.bitget.com${path}`);
  await page.waitForFunction(() => '__bitgetReplica' in window && '__adapter' in window);
}

const EXPECTED_RIGHTS = {
  classic: [
    'futures.orders',
    'futures.holdings',
    'spot.trade',
    'margin.trade',
    'copy.trade',
    'wallet.transfer',
    'wallet.withdraw',
  ],
  uta: ['uta.trade', 'uta.management', 'copy.orders', 'copy.positions', 'assets.withdraw'],
};
const DANGEROUS = { classic: ['wallet.transfer', 'wallet.withdraw'], uta: ['assets.withdraw'] };

// The redesigned shapes (drawer, composed names, descriptions) have other
// rights and no chooser: shapes.spec.ts drives them through the product.
const FLOW_VARIANTS = Object.entries(replicaVariants).filter(
  ([, v]) =>
    (v as BitgetVariant).signedIn !== false && !(v as BitgetVariant).existingKeys && !(v as BitgetVariant).shape,
) as [string, BitgetVariant][];

for (const [name, variant] of FLOW_VARIANTS) {
  test(`selectors on ${name}: every finder finds exactly its element, through the whole flow`, async ({ context }) => {
    const lang: BitgetLang = variant.lang;
    const text = (key: string) => replicaText(lang, key);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await open(page, variant, `/${lang}/account/newapi`);

    // Key list.
    await expect.poll(() => pageState(page)).toMatchObject({ kind: 'key-list', keyCount: 2 });
    await probe(page, 'create');
    await expect(page.getByRole('button', { name: text('createApiKey'), exact: true })).toHaveAttribute(
      'data-probe',
      'create',
    );

    // Chooser: the two cards, each holding its own title only.
    await page.getByRole('button', { name: text('createApiKey'), exact: true }).click();
    await expect.poll(() => pageState(page)).toMatchObject({ kind: 'chooser' });
    await probe(page, 'system');
    await probe(page, 'user');
    await expect(page.locator('[data-probe="system"]')).toContainText(text('systemGenerated'));
    await expect(page.locator('[data-probe="system"]')).not.toContainText(text('userGenerated'));
    await expect(page.locator('[data-probe="user"]')).toContainText(text('userGenerated'));
    await expect(page.locator('[data-probe="user"]')).not.toContainText(text('systemGenerated'));
    await page.locator('[data-probe="system"]').click();

    // The form.
    await expect.poll(() => pageState(page)).toMatchObject({ kind: 'form', keyType: 'system' });
    if (variant.quirks?.remountForm) {
      // Wait for the remount, then find everything again on the new nodes.
      await expect.poll(async () => (await readReplica(page)).events.some((e) => e.type === 'remount')).toBe(true);
    }
    const form = page.getByRole('dialog', { name: text('formTitleSystem') });
    await probe(page, 'note');
    await expect(form.getByPlaceholder(text('notePlaceholder'))).toHaveAttribute('data-probe', 'note');
    await probe(page, 'passphrase');
    await expect(form.getByPlaceholder(text('passphrasePlaceholder'))).toHaveAttribute('data-probe', 'passphrase');
    await probe(page, 'ip');
    const ipPlaceholder = variant.ipField === 'chips' ? text('ipPlaceholderChip') : text('ipPlaceholderComma');
    await expect(form.getByPlaceholder(ipPlaceholder)).toHaveAttribute('data-probe', 'ip');
    await probe(page, 'submit');
    await expect(form.getByRole('button', { name: text('next'), exact: true })).toHaveAttribute('data-probe', 'submit');
    await probe(page, 'permissions');
    await expect(page.locator('[data-probe="permissions"]')).toContainText(text('permissions'));

    const layout = variant.layout;
    const read = await page.evaluate(() => {
      const a = window.__adapter;
      const state = a.detectPageState(document);
      if (!state.dialog) throw new Error('no form');
      const view = a.readPermissions(state.dialog);
      const ip = a.findIpField(state.dialog);
      return {
        layout: view.layout,
        hasMode: view.mode !== undefined,
        rights: view.rights.map((r) => ({ id: r.id, checked: r.checked, dangerous: r.dangerous, level: !!r.level })),
        ipKind: ip.kind,
        hasAdd: ip.addButton !== undefined,
        publicKey: a.queryPublicKeyField(state.dialog) !== undefined,
      };
    });
    expect(read.layout).toBe(layout === 'uta' ? 'unified' : 'classic');
    expect(read.hasMode).toBe(layout === 'classic');
    for (const id of EXPECTED_RIGHTS[layout]) {
      expect(
        read.rights.filter((r) => r.id === id),
        `right ${id}`,
      ).toHaveLength(1);
    }
    const known = read.rights.filter((r) => !r.id.startsWith('other:')).map((r) => r.id);
    expect(known.sort()).toEqual([...EXPECTED_RIGHTS[layout]].sort());
    expect(
      read.rights
        .filter((r) => r.dangerous)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...DANGEROUS[layout]].sort());
    expect(read.rights.every((r) => !r.checked)).toBe(true);
    if (layout === 'uta')
      expect(read.rights.filter((r) => r.level).map((r) => r.id)).toEqual(['uta.trade', 'uta.management']);
    expect(read.ipKind).toBe(variant.ipField);
    expect(read.hasAdd).toBe(variant.ipField === 'chips');
    expect(read.publicKey).toBe(false);

    // Fill the form with the adapter's own writers (so the page's state must see them).
    await page.evaluate(async () => {
      const a = window.__adapter;
      const form = () => {
        const state = a.detectPageState(document);
        if (state.kind !== 'form' || !state.dialog) throw new Error('no form');
        return state.dialog;
      };
      await a.writeText(a.findNoteField(form()), 'Mantix');
      await a.writeText(a.findPassphraseField(form()), 'Selector2test');
      await a.applyRights(() => a.readPermissions(form()));
      await a.writeIps(() => a.findIpField(form()), ['203.0.113.10', '198.51.100.7']);
      a.findSubmitButton(form()).click();
    });
    await expect.poll(() => pageState(page)).toMatchObject({ kind: 'verification' });
    const { submitted } = await readReplica(page);
    expect(submitted).toMatchObject({
      note: 'Mantix',
      passphrase: 'Selector2test',
      ips: ['203.0.113.10', '198.51.100.7'],
      ...(layout === 'uta'
        ? { permissions: ['uta_trade'], levels: { uta_trade: 'read_write' } }
        : { permType: 'read_write', permissions: ['coow', 'cpow', 'stow', 'smow'] }),
    });

    // Verification.
    await probe(page, 'confirm');
    const verify = page.getByRole('dialog', { name: text('verifyTitle') });
    await expect(verify.getByRole('button', { name: text('confirm'), exact: true })).toHaveAttribute(
      'data-probe',
      'confirm',
    );
    await page.evaluate(() => {
      const a = window.__adapter;
      const state = a.detectPageState(document);
      if (!state.dialog) throw new Error('no verification');
      const fields = a.verificationFields(state.dialog);
      if (fields.length !== 2) throw new Error(`expected 2 code fields, found ${fields.length}`);
      for (const field of fields) a.setFieldValue(field, '123456');
      a.findConfirmButton(state.dialog).click();
    });

    // The result: the keys next to their labels in the visible dialog, nothing else.
    await expect.poll(() => pageState(page), { timeout: 5_000 }).toMatchObject({ kind: 'result', keyType: 'system' });
    const result = await page.evaluate(() => {
      const a = window.__adapter;
      const state = a.detectPageState(document);
      if (!state.dialog) throw new Error('no result');
      const view = a.readResult(state.dialog);
      return { apiKey: view.apiKey, secret: view.secret?.value };
    });
    const { created } = await readReplica(page);
    expect(result).toEqual({ apiKey: created?.apiKey, secret: created?.secretKey });
    expect(errors).toEqual([]);
  });
}

test('selectors on the user-generated (RSA) form: the form says so', async ({ context }) => {
  const page = await context.newPage();
  await open(page, replicaVariants['classic-en-native-comma'], '/en/account/newapi/create?keyType=user');
  await expect.poll(() => pageState(page)).toMatchObject({ kind: 'form', keyType: 'user' });
  await probe(page, 'public-key');
  await expect(page.getByPlaceholder(replicaText('en', 'rsaPlaceholder'))).toHaveAttribute('data-probe', 'public-key');
});

test('selectors when signed out: the Log in button of the page, not the header’s', async ({ context }) => {
  const page = await context.newPage();
  await open(page, replicaVariants['signed-out-en'], '/en/account/newapi');
  await expect.poll(() => pageState(page)).toMatchObject({ kind: 'signed-out' });
  await probe(page, 'sign-in');
  await expect(page.getByRole('main').getByRole('button', { name: 'Log in', exact: true })).toHaveAttribute(
    'data-probe',
    'sign-in',
  );
});

test('selectors at the key limit: ten keys listed, and the limit dialog', async ({ context }) => {
  const page = await context.newPage();
  await open(page, replicaVariants['key-limit-en'], '/en/account/newapi');
  await expect.poll(() => pageState(page)).toMatchObject({ kind: 'key-limit', keyCount: 10 });
  await page.getByRole('button', { name: 'Create API Key', exact: true }).click();
  await expect(page.getByRole('dialog', { name: replicaText('en', 'limitTitle') })).toBeVisible();
  await expect.poll(async () => (await pageState(page)).kind).toBe('key-limit');
  expect(await page.evaluate(() => window.__adapter.detectPageState(document).dialog !== undefined)).toBe(true);
});

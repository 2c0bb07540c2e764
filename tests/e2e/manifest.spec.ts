/**
 * Manifest audit of the built extension: fails on any permission, host or
 * web-accessible resource beyond the documented set (README, "Permissions"),
 * on an unlocked externally_connectable, or on a weakened CSP.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LOADER_MATCHES } from '../../utils/bitget/route';
import { FUNCTION_CONSTRUCTOR } from '../../utils/build/zod-without-eval';
import { GUIDE_FILE } from '../../utils/loader/handle';
import { EXTENSION_DIR, readBuiltExtension } from './harness';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  web_accessible_resources?: unknown[];
  externally_connectable?: { ids?: string[]; matches?: string[]; accepts_tls_channel_id?: boolean };
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  content_scripts?: { matches: string[]; js?: string[]; all_frames?: boolean; world?: string }[];
  name?: string;
}

// `scripting`: the background injects the guide into the API key page only (no install warning).
const DOCUMENTED_PERMISSIONS = ['alarms', 'scripting', 'storage'];

test('the Chrome manifest asks for the documented minimum and nothing else', async () => {
  const { apiUrl } = await readBuiltExtension();
  const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
  expect(manifest.manifest_version).toBe(3);
  expect([...(manifest.permissions ?? [])].sort()).toEqual(DOCUMENTED_PERMISSIONS);
  expect(manifest.optional_permissions ?? []).toEqual([]);
  expect([...(manifest.host_permissions ?? [])].sort()).toEqual([`${apiUrl}/*`, 'https://www.bitget.com/*'].sort());
  expect(manifest.optional_host_permissions ?? []).toEqual([]);
  expect(manifest.web_accessible_resources ?? []).toEqual([]);
  expect(manifest.externally_connectable).toEqual({ ids: [], matches: [] });

  const csp = manifest.content_security_policy?.extension_pages ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  // Network requests from extension pages: only to the package and the Mantix API origin.
  const connectSrc = csp
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .find(([name]) => name === 'connect-src')
    ?.slice(1);
  expect(connectSrc).toEqual(["'self'", apiUrl]);
  expect(csp.replace(/connect-src[^;]*/, '')).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
  expect(csp).not.toMatch(/unsafe|\*/);
  // A test build says so in its name and lives in its own folder.
  expect(manifest.name).toBe('__MSG_extName__ (TEST)');
  expect(EXTENSION_DIR).toMatch(/chrome-mv3-test$/);
  expect(manifest.content_security_policy?.sandbox).toBeUndefined();

  // One content script, the loader: every Bitget page, top frame, isolated world, and small.
  expect(manifest.content_scripts).toHaveLength(1);
  const [script] = manifest.content_scripts ?? [];
  expect([...(script?.matches ?? [])].sort()).toEqual([...LOADER_MATCHES].sort());
  expect(script?.all_frames ?? false).toBe(false);
  expect(script?.world ?? 'ISOLATED').toBe('ISOLATED');
  expect(script?.js).toHaveLength(1);
  expect((script as { css?: string[] }).css ?? []).toEqual([]);
  // The guide is not in the manifest: the background injects its file (still not web-accessible).
  const loader = await readFile(join(EXTENSION_DIR, script?.js?.[0] ?? ''), 'utf8');
  expect(loader).not.toMatch(/createElement|MutationObserver|attachShadow/);
  await readFile(join(EXTENSION_DIR, GUIDE_FILE));
});

test('no built script carries a Function constructor (zod is jitless; web-ext lint finds no eval)', async () => {
  const files = (await readdir(EXTENSION_DIR, { recursive: true })).filter((file) => file.endsWith('.js'));
  expect(files.length).toBeGreaterThan(2);
  const withEval: string[] = [];
  for (const file of files) {
    if (FUNCTION_CONSTRUCTOR.test(await readFile(join(EXTENSION_DIR, file), 'utf8'))) withEval.push(file);
  }
  expect(withEval).toEqual([]);
});

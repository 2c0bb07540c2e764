/**
 * Manifest audit of the built extension: fails on any permission, host or
 * web-accessible resource beyond the documented set (README, "Permissions"),
 * on an unlocked externally_connectable, or on a weakened CSP.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { API_PAGE_MATCHES } from '../../utils/bitget/route';
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
  content_scripts?: { matches: string[]; all_frames?: boolean; world?: string }[];
}

const DOCUMENTED_PERMISSIONS = ['alarms', 'storage'];

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
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/);
  expect(manifest.content_security_policy?.sandbox).toBeUndefined();

  expect(manifest.content_scripts).toHaveLength(1);
  const [script] = manifest.content_scripts ?? [];
  expect([...(script?.matches ?? [])].sort()).toEqual([...API_PAGE_MATCHES].sort());
  expect(script?.all_frames ?? false).toBe(false);
  expect(script?.world ?? 'ISOLATED').toBe('ISOLATED');
});

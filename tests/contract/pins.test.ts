/**
 * The thumbprints that development and test builds pin must be those of the
 * reference server's committed test-only ingest keys, recomputed here from
 * the key files with jose (RFC 7638, SHA-256).
 */
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveBuildConfig, TEST_INGEST_PINS } from '../../utils/build-config';

const KeyFile = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() });

async function thumbprintOf(kid: string): Promise<string> {
  const url = new URL(`../mantix-server/keys/${kid}.private.jwk.json`, import.meta.url);
  const { kty, crv, x, y } = KeyFile.parse(JSON.parse(readFileSync(url, 'utf8')));
  return calculateJwkThumbprint({ kty, crv, x, y }, 'sha256');
}

describe('pinned test ingest keys', () => {
  it('are the thumbprints of the committed test keys, in order', async () => {
    expect(TEST_INGEST_PINS).toEqual([await thumbprintOf('test-ingest-1'), await thumbprintOf('test-ingest-2')]);
  });

  it('are what development and test builds trust, and never a production build', () => {
    expect(resolveBuildConfig({}, 'test').ingestPins).toEqual([...TEST_INGEST_PINS]);
    expect(resolveBuildConfig({}, 'development').ingestPins).toEqual([...TEST_INGEST_PINS]);
    const production = resolveBuildConfig(
      { WXT_MANTIX_API_URL: 'https://api.mantix.example', WXT_MANTIX_INGEST_PINS: 'A'.repeat(43) },
      'production',
    );
    expect(production.ingestPins).toEqual(['A'.repeat(43)]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  apiHostPattern,
  buildNameSuffix,
  extensionPagesCsp,
  REFERENCE_SERVER_URL,
  resolveBuildConfig,
  TEST_INGEST_PINS,
} from '@/utils/build-config';

const PIN = 'x'.repeat(43);

describe('resolveBuildConfig', () => {
  it('defaults development and test builds to the reference server', () => {
    for (const mode of ['development', 'test']) {
      const config = resolveBuildConfig({}, mode);
      expect(config.apiUrl).toBe(REFERENCE_SERVER_URL);
      expect(config.clientId).toBe('mantix-extension');
      expect(config.allowInsecureLoopback).toBe(true);
    }
  });

  it('fails a production build without the API URL, naming the variable', () => {
    expect(() => resolveBuildConfig({ WXT_MANTIX_INGEST_PINS: PIN }, 'production')).toThrow(/WXT_MANTIX_API_URL/);
  });

  it('fails a production build without the ingest pins, naming the variable', () => {
    expect(() => resolveBuildConfig({ WXT_MANTIX_API_URL: 'https://api.mantix.example' }, 'production')).toThrow(
      /WXT_MANTIX_INGEST_PINS/,
    );
  });

  it('accepts a complete production configuration and never allows plain http', () => {
    const config = resolveBuildConfig(
      {
        WXT_MANTIX_API_URL: 'https://api.mantix.example',
        WXT_MANTIX_INGEST_PINS: `${PIN}, ${PIN}`,
        WXT_MANTIX_CLIENT_ID: 'x',
      },
      'production',
    );
    expect(config).toMatchObject({ apiUrl: 'https://api.mantix.example', ingestPins: [PIN], clientId: 'x' });
    expect(config.allowInsecureLoopback).toBe(false);
    expect(() =>
      resolveBuildConfig({ WXT_MANTIX_API_URL: 'http://127.0.0.1:8787', WXT_MANTIX_INGEST_PINS: PIN }, 'production'),
    ).toThrow(/only development and test/);
  });

  it('refuses plain http to anything but loopback, even in development', () => {
    expect(() => resolveBuildConfig({ WXT_MANTIX_API_URL: 'http://api.mantix.example' }, 'development')).toThrow(
      /https/,
    );
    expect(resolveBuildConfig({ WXT_MANTIX_API_URL: 'http://localhost:9000' }, 'development').apiUrl).toBe(
      'http://localhost:9000',
    );
  });

  it('refuses URLs with a path or credentials, and malformed pins', () => {
    expect(() => resolveBuildConfig({ WXT_MANTIX_API_URL: 'https://a.example/api' }, 'development')).toThrow(/origin/);
    expect(() => resolveBuildConfig({ WXT_MANTIX_API_URL: 'https://u:p@a.example' }, 'development')).toThrow(/origin/);
    expect(() => resolveBuildConfig({ WXT_MANTIX_INGEST_PINS: 'short' }, 'development')).toThrow(/thumbprints/);
  });

  it('lets `wxt prepare` evaluate a production manifest without the variables', () => {
    expect(resolveBuildConfig({}, 'production', { lenient: true }).apiUrl).toBe('https://api.mantix.invalid');
  });

  it('trusts the committed test pins only with a loopback API URL', () => {
    for (const mode of ['development', 'test']) {
      // The default (the test pins) with a real https server: refused, naming the variable.
      expect(() => resolveBuildConfig({ WXT_MANTIX_API_URL: 'https://api.mantix.example' }, mode)).toThrow(
        /WXT_MANTIX_INGEST_PINS.*loopback/,
      );
      // A test pin given explicitly with a real server: refused too.
      expect(() =>
        resolveBuildConfig(
          { WXT_MANTIX_API_URL: 'https://api.mantix.example', WXT_MANTIX_INGEST_PINS: `${PIN},${TEST_INGEST_PINS[0]}` },
          mode,
        ),
      ).toThrow(/TEST-ONLY.*loopback/);
      // Real pins with a real server: fine.
      expect(
        resolveBuildConfig({ WXT_MANTIX_API_URL: 'https://api.mantix.example', WXT_MANTIX_INGEST_PINS: PIN }, mode)
          .ingestPins,
      ).toEqual([PIN]);
      // Loopback, over http or https: the test pins are the default.
      for (const url of ['http://127.0.0.1:8802', 'https://localhost:9443', 'http://[::1]:8787']) {
        expect(resolveBuildConfig({ WXT_MANTIX_API_URL: url }, mode).ingestPins).toEqual([...TEST_INGEST_PINS]);
      }
    }
  });

  it('fails a production build when a test pin is among its pins', () => {
    for (const pins of [TEST_INGEST_PINS.join(','), `${PIN}, ${TEST_INGEST_PINS[1]}`]) {
      expect(() =>
        resolveBuildConfig(
          { WXT_MANTIX_API_URL: 'https://api.mantix.example', WXT_MANTIX_INGEST_PINS: pins },
          'production',
        ),
      ).toThrow(/TEST-ONLY/);
      expect(() =>
        resolveBuildConfig(
          { WXT_MANTIX_API_URL: 'https://localhost:9443', WXT_MANTIX_INGEST_PINS: pins },
          'production',
        ),
      ).toThrow(/TEST-ONLY/);
    }
  });

  it('marks test and development builds in the extension name, never a production one', () => {
    expect(buildNameSuffix('test')).toBe(' (TEST)');
    expect(buildNameSuffix('development')).toBe(' (DEV)');
    expect(buildNameSuffix('production')).toBe('');
  });

  it('lets extension pages connect only to themselves and the Mantix API origin', () => {
    const csp = extensionPagesCsp('https://api.mantix.example');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['connect-src']).toEqual(["'self'", 'https://api.mantix.example']);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/\*|unsafe/);
    expect(extensionPagesCsp('https://api.mantix.example', { devServer: true })).toContain('ws://localhost:*');
  });

  it('makes the host permission pattern from the origin', () => {
    expect(apiHostPattern('https://api.mantix.example')).toBe('https://api.mantix.example/*');
  });
});

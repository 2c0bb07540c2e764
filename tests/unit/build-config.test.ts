import { describe, expect, it } from 'vitest';
import { apiHostPattern, REFERENCE_SERVER_URL, resolveBuildConfig } from '@/utils/build-config';

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

  it('makes the host permission pattern from the origin', () => {
    expect(apiHostPattern('https://api.mantix.example')).toBe('https://api.mantix.example/*');
  });
});

/**
 * Build-time configuration of the extension (see ../shared/mantix-api.md,
 * "Configuration of a build"). Pure: used by wxt.config.ts at build time and
 * by unit tests; the extension reads the result through `utils/config.ts`.
 */

export interface MantixBuildConfig {
  /** Origin of the Mantix API, without a trailing slash. */
  apiUrl: string;
  /** RFC 7638 SHA-256 thumbprints (base64url) of the trusted ingest keys. */
  ingestPins: string[];
  clientId: string;
  /** Plain http on loopback is allowed (development and test builds only). */
  allowInsecureLoopback: boolean;
  mode: string;
}

export const REFERENCE_SERVER_URL = 'http://127.0.0.1:8787';

/**
 * Thumbprints of the reference server's committed TEST-ONLY ingest keys
 * (tests/mantix-server/keys). Trusted by development and test builds only;
 * a contract test checks that they match the committed keys.
 */
export const TEST_INGEST_PINS: readonly string[] = [
  'Cgzuh_TBXIoIXOdmiiOoZdLaCo2uop5Q9AbnKX1zzr8', // test-ingest-1
  'U_ya8NkY6z9J4Di87k0SCx5szmawAekVmv-aayAG7kk', // test-ingest-2
];

export const DEFAULT_CLIENT_ID = 'mantix-extension';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const PIN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class BuildConfigError extends Error {
  override name = 'BuildConfigError';
}

type Env = Record<string, string | undefined>;

/** Development-like modes get the reference server defaults. */
export function isDevelopmentMode(mode: string): boolean {
  return mode === 'development' || mode === 'test';
}

/** Stand-in origin for `wxt prepare` (types only): never part of a build. */
const PREPARE_PLACEHOLDER_URL = 'https://api.mantix.invalid';

/**
 * Resolves and validates the build configuration. `lenient` is for WXT's
 * `prepare` step, which evaluates the manifest without building: a missing
 * variable is then replaced by a placeholder, and the strict check runs in
 * the `build:before` hook, so a real production build still fails.
 */
export function resolveBuildConfig(env: Env, mode: string, options: { lenient?: boolean } = {}): MantixBuildConfig {
  const dev = isDevelopmentMode(mode);
  const rawUrl = nonEmpty(env.WXT_MANTIX_API_URL) ?? (options.lenient && !dev ? PREPARE_PLACEHOLDER_URL : undefined);
  const rawPins = nonEmpty(env.WXT_MANTIX_INGEST_PINS) ?? (options.lenient && !dev ? 'A'.repeat(43) : undefined);
  if (!dev && !rawUrl) {
    throw new BuildConfigError(
      `WXT_MANTIX_API_URL is not set: a ${mode} build needs the origin of the Mantix API (e.g. https://api.mantix.example).`,
    );
  }
  if (!dev && !rawPins) {
    throw new BuildConfigError(
      `WXT_MANTIX_INGEST_PINS is not set: a ${mode} build needs the RFC 7638 thumbprints of the trusted ingest keys.`,
    );
  }
  const apiUrl = parseApiUrl(rawUrl ?? REFERENCE_SERVER_URL, dev);
  const loopback = isLoopbackOrigin(apiUrl);
  if (!rawPins && !loopback) {
    throw new BuildConfigError(
      `WXT_MANTIX_INGEST_PINS is not set: the committed test pins are trusted only with a loopback API URL, not ${apiUrl}.`,
    );
  }
  const ingestPins = rawPins ? parsePins(rawPins) : [...TEST_INGEST_PINS];
  const testPins = ingestPins.filter((pin) => TEST_INGEST_PINS.includes(pin));
  if (testPins.length > 0 && !dev) {
    throw new BuildConfigError(
      `WXT_MANTIX_INGEST_PINS holds a committed TEST-ONLY pin (${testPins.join(', ')}): a ${mode} build never trusts the test keys.`,
    );
  }
  if (testPins.length > 0 && !loopback) {
    throw new BuildConfigError(
      `WXT_MANTIX_INGEST_PINS holds a committed TEST-ONLY pin (${testPins.join(', ')}), which is trusted only with a loopback API URL, not ${apiUrl}.`,
    );
  }
  return {
    apiUrl,
    ingestPins,
    clientId: nonEmpty(env.WXT_MANTIX_CLIENT_ID) ?? DEFAULT_CLIENT_ID,
    allowInsecureLoopback: dev && apiUrl.startsWith('http:'),
    mode,
  };
}

function parseApiUrl(raw: string, dev: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BuildConfigError(`WXT_MANTIX_API_URL is not a URL: ${raw}`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new BuildConfigError(`WXT_MANTIX_API_URL must be an origin only (no path, query or credentials): ${raw}`);
  }
  if (url.protocol === 'http:') {
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      throw new BuildConfigError(
        `WXT_MANTIX_API_URL must use https (plain http only for 127.0.0.1, [::1] or localhost): ${raw}`,
      );
    }
    if (!dev) {
      throw new BuildConfigError(
        `WXT_MANTIX_API_URL uses plain http, which only development and test builds accept: ${raw}`,
      );
    }
  } else if (url.protocol !== 'https:') {
    throw new BuildConfigError(`WXT_MANTIX_API_URL must use https: ${raw}`);
  }
  return url.origin;
}

/** True for http(s) origins on 127.0.0.1, [::1] or localhost. */
export function isLoopbackOrigin(origin: string): boolean {
  return LOOPBACK_HOSTS.has(new URL(origin).hostname);
}

/**
 * What a non-production build adds to the extension's name, so that a test or
 * development build is never mistaken for the real one in the browser's list.
 */
export function buildNameSuffix(mode: string): string {
  if (mode === 'test') return ' (TEST)';
  if (mode === 'development') return ' (DEV)';
  return '';
}

function parsePins(raw: string): string[] {
  const pins = raw
    .split(',')
    .map((pin) => pin.trim())
    .filter(Boolean);
  const bad = pins.filter((pin) => !PIN_SHAPE.test(pin));
  if (pins.length === 0 || bad.length > 0) {
    throw new BuildConfigError(
      `WXT_MANTIX_INGEST_PINS must be comma-separated base64url SHA-256 thumbprints (43 characters each); not valid: ${bad.join(', ') || '(empty)'}`,
    );
  }
  return [...new Set(pins)];
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The CSP of the extension's own pages (popup, options, background worker):
 * scripts only from the package, and network requests only to the Mantix API
 * origin (every call the extension makes goes there; the client refuses
 * endpoints on any other origin). WXT's dev server (`wxt` serve) adds its
 * loopback origin for live reload.
 */
export function extensionPagesCsp(apiUrl: string, options: { devServer?: boolean } = {}): string {
  const connect = ["'self'", apiUrl, ...(options.devServer ? ['http://localhost:*', 'ws://localhost:*'] : [])];
  return [
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    `connect-src ${connect.join(' ')}`,
  ].join('; ');
}

/** Match pattern for the API origin, for host_permissions. */
export function apiHostPattern(apiUrl: string): string {
  return `${apiUrl}/*`;
}

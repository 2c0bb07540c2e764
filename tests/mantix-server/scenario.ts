import { z } from 'zod';

export const SCOPES = ['connections:write', 'ips:read', 'account:read'] as const;
export type Scope = (typeof SCOPES)[number];

/** Failure codes of `GET /v1/exchange-connections/{id}` (contract §3). */
export const FAILURE_CODES = [
  'invalid_passphrase',
  'invalid_api_key',
  'ip_not_allowed',
  'missing_permission',
  'withdraw_enabled',
  'account_restricted',
  'exchange_unavailable',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

const pathPrefix = z.string().startsWith('/', 'must be a path prefix starting with "/"');

/**
 * What `POST /dev/scenario` accepts. Every key is optional and merged into the
 * current scenario; `null` puts a key back to its default.
 */
export const ScenarioInput = z
  .strictObject({
    device_expires_in: z.number().positive().nullable(),
    interval: z.int().min(1).nullable(),
    verification: z.enum(['active', ...FAILURE_CODES]).nullable(),
    verification_delay_ms: z.int().min(0).nullable(),
    balance: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'must be a decimal string like "1234.56"')
      .nullable(),
    fail_next: z.int().min(0).nullable(),
    status: z.int().min(400).max(599).nullable(),
    path: pathPrefix.nullable(),
    delay_ms: z.int().min(0).max(120_000).nullable(),
    delay_path: pathPrefix.nullable(),
    ips: z.array(z.unknown()).nullable(),
    ingest_key: z.enum(['rotate', 'rotate_on_post', 'untrusted']),
    access_token_ttl: z.int().min(1).nullable(),
    invalidate_access_tokens: z.boolean(),
    clock_offset_s: z.number().nullable(),
    garbage: pathPrefix.nullable(),
    scopes: z.array(z.enum(SCOPES)).nullable(),
  })
  .partial();
export type ScenarioInput = z.infer<typeof ScenarioInput>;

export const SCENARIO_KEYS: readonly string[] = Object.keys(ScenarioInput.shape);

/** The scenario in force. Actions (`ingest_key`, `invalidate_access_tokens`) are not stored here. */
export interface Scenario {
  deviceExpiresIn: number;
  interval: number;
  verification: 'active' | FailureCode;
  verificationDelayMs: number;
  balance: string;
  failNext: number;
  failStatus: number;
  failPath: string;
  delayMs: number;
  delayPath: string | undefined;
  ips: unknown[] | undefined;
  rotateOnPost: boolean;
  accessTokenTtl: number;
  clockOffsetS: number;
  garbage: string | undefined;
  scopes: Scope[] | undefined;
}

export function defaultScenario(): Scenario {
  return {
    deviceExpiresIn: 600,
    interval: 5,
    verification: 'active',
    verificationDelayMs: 1500,
    balance: '1234.56',
    failNext: 0,
    failStatus: 503,
    failPath: '/v1/',
    delayMs: 0,
    delayPath: undefined,
    ips: undefined,
    rotateOnPost: false,
    accessTokenTtl: 600,
    clockOffsetS: 0,
    garbage: undefined,
    scopes: undefined,
  };
}

/** Merges the plain-value keys of `input` into `scenario` (null = back to default). */
export function mergeScenario(scenario: Scenario, input: ScenarioInput): Scenario {
  const base = defaultScenario();
  const pick = <T>(value: T | null | undefined, current: T, fallback: T): T =>
    value === undefined ? current : value === null ? fallback : value;
  return {
    ...scenario,
    deviceExpiresIn: pick(input.device_expires_in, scenario.deviceExpiresIn, base.deviceExpiresIn),
    interval: pick(input.interval, scenario.interval, base.interval),
    verification: pick(input.verification, scenario.verification, base.verification),
    verificationDelayMs: pick(input.verification_delay_ms, scenario.verificationDelayMs, base.verificationDelayMs),
    balance: pick(input.balance, scenario.balance, base.balance),
    failNext: pick(input.fail_next, scenario.failNext, base.failNext),
    failStatus: pick(input.status, scenario.failStatus, base.failStatus),
    failPath: pick(input.path, scenario.failPath, base.failPath),
    delayMs: pick(input.delay_ms, scenario.delayMs, base.delayMs),
    delayPath: pick(input.delay_path, scenario.delayPath, base.delayPath),
    ips: pick(input.ips, scenario.ips, base.ips),
    accessTokenTtl: pick(input.access_token_ttl, scenario.accessTokenTtl, base.accessTokenTtl),
    clockOffsetS: pick(input.clock_offset_s, scenario.clockOffsetS, base.clockOffsetS),
    garbage: pick(input.garbage, scenario.garbage, base.garbage),
    scopes: pick(input.scopes, scenario.scopes, base.scopes),
  };
}

/** The scenario as `GET /dev/scenario` shows it, with the input's key names. */
export function describeScenario(scenario: Scenario): Record<string, unknown> {
  return {
    device_expires_in: scenario.deviceExpiresIn,
    interval: scenario.interval,
    verification: scenario.verification,
    verification_delay_ms: scenario.verificationDelayMs,
    balance: scenario.balance,
    fail_next: scenario.failNext,
    status: scenario.failStatus,
    path: scenario.failPath,
    delay_ms: scenario.delayMs,
    delay_path: scenario.delayPath ?? null,
    ips: scenario.ips ?? null,
    rotate_on_post_pending: scenario.rotateOnPost,
    access_token_ttl: scenario.accessTokenTtl,
    clock_offset_s: scenario.clockOffsetS,
    garbage: scenario.garbage ?? null,
    scopes: scenario.scopes ?? null,
  };
}

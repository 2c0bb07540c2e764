import { randomToken } from './ids.ts';
import type { IngestKey } from './keys.ts';
import { IngestKeyring } from './keys.ts';
import type { FailureCode, Scenario, Scope } from './scenario.ts';
import { defaultScenario } from './scenario.ts';

export interface Account {
  id: string;
  display_name: string;
  email: string;
}

/** The account the verification page signs in without a password. */
export const DEMO_ACCOUNT: Account = { id: 'acc_demo_0001', display_name: 'Demo Trader', email: 'demo@mantix.test' };
/** A second account, reachable only through `POST /dev/approve {account_id}` (ownership tests). */
export const SECOND_ACCOUNT: Account = {
  id: 'acc_demo_0002',
  display_name: 'Second Trader',
  email: 'second@mantix.test',
};
export const ACCOUNTS: readonly Account[] = [DEMO_ACCOUNT, SECOND_ACCOUNT];

export type GrantStatus = 'pending' | 'approved' | 'denied' | 'active' | 'revoked';

/** One device authorization and, once approved and redeemed, the link it became. */
export interface Grant {
  id: string;
  clientId: string;
  deviceCode: string;
  userCode: string;
  requestedScope: Scope[];
  grantedScope: Scope[];
  userAgent: string | undefined;
  requestedAt: number;
  expiresAt: number;
  interval: number;
  lastPollAt: number | undefined;
  pollCount: number;
  status: GrantStatus;
  accountId: string | undefined;
  jkt: string | undefined;
  refreshGeneration: number;
  currentRefreshToken: string | undefined;
  revokedReason: string | undefined;
}

export interface AccessToken {
  grantId: string;
  accountId: string;
  jkt: string;
  scope: Scope[];
  expiresAt: number;
}

export interface RefreshToken {
  grantId: string;
  generation: number;
}

export interface Connection {
  id: string;
  accountId: string;
  exchange: string;
  createdAt: number;
  verification: 'active' | FailureCode;
  verificationDelayMs: number;
  balance: string;
}

export interface StoredReply {
  status: number;
  body: unknown;
  expiresAt: number;
}

export interface ReceivedConnection {
  connection_id: string;
  account_id: string;
  idempotency_key: string;
  received_at: string;
  exchange: string;
  label: string;
  body_observed: unknown;
  claims: Record<string, unknown>;
  protected_header: Record<string, unknown>;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  origin: string | null;
  headers: Record<string, string | boolean>;
  error?: string;
  /** Milliseconds from the request's arrival to its reply written (body read, checks, crypto). */
  handledMs: number;
}

export interface ServerConfig {
  url: string;
  clientId: string;
  log: boolean;
}

const NONCE_LIFETIME_MS = 5 * 60_000;

/** All in-memory state of one server; `reset()` forgets everything. */
export class MantixState {
  readonly config: ServerConfig;
  readonly keyring: IngestKeyring;
  scenario: Scenario = defaultScenario();
  grants = new Map<string, Grant>();
  accessTokens = new Map<string, AccessToken>();
  refreshTokens = new Map<string, RefreshToken>();
  csrfTokens = new Map<string, { userCode: string; expiresAt: number }>();
  dpopJtis = new Map<string, number>();
  connections = new Map<string, Connection>();
  idempotency = new Map<string, StoredReply>();
  ingestJtis = new Map<string, number>();
  received: ReceivedConnection[] = [];
  requests: RequestLogEntry[] = [];
  ipsUpdatedAt = new Date().toISOString();
  #nonce = { current: '', previous: '', issuedAt: Number.NEGATIVE_INFINITY };
  #untrustedCount = 0;

  constructor(config: ServerConfig, committedKeys: readonly IngestKey[]) {
    this.config = config;
    this.keyring = new IngestKeyring(committedKeys);
  }

  /** Time moved forward by `POST /dev/clock` (tests), in ms; `reset()` sets it back to 0. */
  advancedMs = 0;

  /** The server's clock in ms: real time plus the scenario's `clock_offset_s` plus the test clock's advance. */
  now(): number {
    return Date.now() + this.scenario.clockOffsetS * 1000 + this.advancedMs;
  }

  /** The nonce to hand out; rotates every 5 minutes of server time. */
  currentNonce(): string {
    const age = this.now() - this.#nonce.issuedAt;
    if (age >= NONCE_LIFETIME_MS) {
      const previous = age < 2 * NONCE_LIFETIME_MS ? this.#nonce.current : '';
      this.#nonce = { current: randomToken(16), previous, issuedAt: this.now() };
    }
    return this.#nonce.current;
  }

  /** The current and the previous nonce are accepted. */
  isAcceptedNonce(nonce: string): boolean {
    const current = this.currentNonce();
    return nonce === current || (this.#nonce.previous !== '' && nonce === this.#nonce.previous);
  }

  nextUntrustedKid(): string {
    this.#untrustedCount += 1;
    return `untrusted-${this.#untrustedCount}`;
  }

  findGrantByDeviceCode(deviceCode: string): Grant | undefined {
    return [...this.grants.values()].find((grant) => grant.deviceCode === deviceCode);
  }

  findGrantByUserCode(userCode: string): Grant | undefined {
    return [...this.grants.values()].find((grant) => grant.userCode === userCode);
  }

  reset(): void {
    this.scenario = defaultScenario();
    this.advancedMs = 0;
    this.grants = new Map();
    this.accessTokens = new Map();
    this.refreshTokens = new Map();
    this.csrfTokens = new Map();
    this.dpopJtis = new Map();
    this.connections = new Map();
    this.idempotency = new Map();
    this.ingestJtis = new Map();
    this.received = [];
    this.requests = [];
    this.ipsUpdatedAt = new Date().toISOString();
    this.#nonce = { current: '', previous: '', issuedAt: Number.NEGATIVE_INFINITY };
    this.#untrustedCount = 0;
    this.keyring.reset();
  }
}

/** Drops entries of a `Map<string, expiresAt>` whose time has passed. */
export function pruneExpired(map: Map<string, number>, now: number): void {
  for (const [key, expiresAt] of map) {
    if (expiresAt <= now) {
      map.delete(key);
    }
  }
}

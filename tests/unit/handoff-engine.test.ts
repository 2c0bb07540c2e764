import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importJWK, jwtDecrypt } from 'jose';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ApiFailure,
  type CaptureInput,
  Handoff,
  type HandoffApi,
  HandoffApiError,
  HandoffRefusal,
} from '@/utils/handoff/engine';
import { captureItem, handoffItem, pendingCaptureItem } from '@/utils/handoff/items';
import { ConnectionRequest, type ConnectionStatus } from '@/utils/handoff/schema';

const KEY_FILE = JSON.parse(
  readFileSync(resolve('tests/mantix-server/keys/test-ingest-1.private.jwk.json'), 'utf8'),
) as { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
const INGEST = { kid: 'test-ingest-1', jwk: { kty: KEY_FILE.kty, crv: KEY_FILE.crv, x: KEY_FILE.x, y: KEY_FILE.y } };

const KEYS = {
  apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
  secretKey: '5f0c1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff',
  passphrase: 'Mantix2024pass',
};
const OTHER = {
  apiKey: 'bg_0123456789abcdef0123456789abcdef',
  secretKey: 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100',
  passphrase: 'Another2024pass',
};
const OBSERVED = {
  account_mode: 'classic' as const,
  permissions: ['coow', 'cpow', 'stow', 'smow'],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: ['203.0.113.10'],
};
const fromPage = (keys: typeof KEYS): CaptureInput => ({ ...keys, source: 'page', observed: OBSERVED });
const ACCOUNT = { accountId: 'acct_demo', displayName: 'Demo Trader', email: 'demo@mantix.test' };

const failure = (code: string, extra: Partial<ApiFailure> = {}): HandoffApiError =>
  new HandoffApiError({
    code,
    retryable: code === 'server_error' || code === 'unreachable',
    info: { code, message: `failure ${code}` },
    ...extra,
  });

interface Sent {
  body: ConnectionRequest;
  idempotencyKey: string;
}

/** A scripted Mantix: each call takes the next answer of its queue (a value or an error). */
class FakeApi implements HandoffApi {
  keyAnswers: (typeof INGEST | Error)[] = [];
  postAnswers: ({ connection_id: string; status: 'verifying' } | Error)[] = [];
  statusAnswers: (ConnectionStatus | Error)[] = [];
  sent: Sent[] = [];
  keyFetches = 0;

  async pinnedIngestKey() {
    this.keyFetches += 1;
    const answer = this.keyAnswers.shift() ?? INGEST;
    if (answer instanceof Error) throw answer;
    return answer;
  }
  async createConnection(body: ConnectionRequest, idempotencyKey: string) {
    this.sent.push({ body, idempotencyKey });
    const answer = this.postAnswers.shift() ?? { connection_id: 'conn_1', status: 'verifying' as const };
    if (answer instanceof Error) throw answer;
    return answer;
  }
  async connection(id: string): Promise<ConnectionStatus> {
    const answer = this.statusAnswers.shift() ?? { connection_id: id, exchange: 'bitget', status: 'verifying' };
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

let now: number;
let api: FakeApi;
let wakes: number[];
let linked: typeof ACCOUNT | null;
let ids: number;

function newHandoff(handoff: typeof handoffItem = handoffItem): Handoff {
  return new Handoff({
    items: { capture: captureItem, pending: pendingCaptureItem, handoff },
    api,
    account: async () => linked,
    ttlMinutes: async () => 15,
    now: () => now,
    newId: () => {
      ids += 1;
      return `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`;
    },
    wakeAt: (when) => wakes.push(when),
    cancelWake: () => undefined,
  });
}

async function decrypt(jwe: string) {
  const { payload } = await jwtDecrypt(jwe, await importJWK(KEY_FILE, 'ECDH-ES'), { currentDate: new Date(now) });
  return payload;
}

async function confirmedCapture(handoff: Handoff, keys = KEYS) {
  await handoff.accept(fromPage(keys));
  await handoff.confirm({ passphraseSaved: true, secretSaved: true });
}

const run = async () => (await handoffItem.getValue()).run;

beforeEach(() => {
  now = Date.UTC(2025, 5, 1, 12, 0, 0);
  api = new FakeApi();
  wakes = [];
  linked = ACCOUNT;
  ids = 0;
});

describe('capture', () => {
  it('stores a key set, shows it masked only, and ignores the same key shown again', async () => {
    const handoff = newHandoff();
    expect(await handoff.accept(fromPage(KEYS))).toMatchObject({ status: 'stored' });
    const view = await handoff.view();
    expect(view.capture).toMatchObject({
      apiKeyMasked: 'bg_19aa…0656',
      source: 'page',
      capturedAt: now,
      expiresAt: now + 15 * 60_000,
    });
    const shown = JSON.stringify(view);
    // The API Key is not a secret (shown whole so the user can check it); the other two never appear.
    expect(view.capture?.apiKey).toBe(KEYS.apiKey);
    for (const secret of [KEYS.secretKey, KEYS.passphrase]) expect(shown).not.toContain(secret);
    expect(await handoff.accept(fromPage(KEYS))).toMatchObject({ status: 'duplicate' });
    expect((await captureItem.getValue())?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('two confirmations a few ms apart, each on its own, are both kept (merged here, not in the popup)', async () => {
    const handoff = newHandoff();
    await handoff.accept({ ...fromPage(KEYS), note: 'Mantix' });
    await Promise.all([handoff.confirm({ passphraseSaved: true }), handoff.confirm({ secretSaved: true })]);
    expect((await captureItem.getValue())?.confirmations).toEqual({ passphraseSaved: true, secretSaved: true });
    await handoff.confirm({ secretSaved: false });
    expect((await captureItem.getValue())?.confirmations).toEqual({ passphraseSaved: true, secretSaved: false });
    expect((await handoff.view()).capture?.note).toBe('Mantix');
  });

  it('asks before a different key replaces the waiting one', async () => {
    const handoff = newHandoff();
    await handoff.accept(fromPage(KEYS));
    const reply = await handoff.accept(fromPage(OTHER));
    expect(reply).toMatchObject({ status: 'needs-confirmation' });
    expect(JSON.stringify(reply)).not.toContain(OTHER.secretKey);
    expect((await handoff.view()).pending).toEqual({ apiKeyMasked: 'bg_0123…cdef', capturedAt: now });

    expect(await handoff.replace(false)).toBe(false);
    expect((await captureItem.getValue())?.apiKey).toBe(KEYS.apiKey);
    expect(await pendingCaptureItem.getValue()).toBeNull();

    await handoff.accept(fromPage(OTHER));
    expect(await handoff.replace(true)).toBe(true);
    expect((await captureItem.getValue())?.apiKey).toBe(OTHER.apiKey);
    expect(await pendingCaptureItem.getValue()).toBeNull();
  });

  it('wipes at expiry and says so', async () => {
    const handoff = newHandoff();
    await handoff.accept(fromPage(KEYS));
    expect(await handoff.nextExpiry()).toBe(now + 15 * 60_000);
    now += 15 * 60_000;
    await handoff.expire();
    expect(await captureItem.getValue()).toBeNull();
    expect(await run()).toEqual({ phase: 'expired', at: now });
    expect(await handoff.nextExpiry()).toBeNull();
  });

  it('discards at once', async () => {
    const handoff = newHandoff();
    await handoff.accept(fromPage(KEYS));
    await handoff.accept(fromPage(OTHER));
    await handoff.discard();
    expect(await captureItem.getValue()).toBeNull();
    expect(await pendingCaptureItem.getValue()).toBeNull();
    expect(await run()).toEqual({ phase: 'idle' });
  });
});

describe('send', () => {
  it('sends without waiting for storage to keep the run’s phase (the POST is the click’s only wait)', async () => {
    let slow = false;
    let release = () => {};
    const stored = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handoff = newHandoff({
      ...handoffItem,
      async setValue(value) {
        const writing = handoffItem.setValue(value);
        if (slow) await stored;
        await writing;
      },
    });
    await confirmedCapture(handoff);
    slow = true;
    const sending = handoff.send();
    await vi.waitFor(() => expect(api.sent).toHaveLength(1));
    release();
    await sending;
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'verifying', connectionId: 'conn_1' });
  });

  it('is refused until the user confirmed both, and when not linked', async () => {
    const handoff = newHandoff();
    await handoff.accept(fromPage(KEYS));
    await expect(handoff.send()).rejects.toBeInstanceOf(HandoffRefusal);
    await handoff.confirm({ passphraseSaved: true, secretSaved: true });
    linked = null;
    await expect(handoff.send()).rejects.toMatchObject({ code: 'not_linked' });
    expect(api.sent).toHaveLength(0);
  });

  it('pasted keys: observed.source "pasted" with every other field null (contract v1.1)', async () => {
    const handoff = newHandoff();
    await handoff.accept({ ...KEYS, source: 'manual', observed: null });
    await handoff.confirm({ passphraseSaved: true, secretSaved: true });
    await handoff.send();
    await handoff.drive();
    expect(api.sent[0]?.body.observed).toEqual({
      source: 'pasted',
      account_mode: null,
      permissions: null,
      transfer_enabled: null,
      withdraw_enabled: null,
      ip_whitelist: null,
    });
    expect(ConnectionRequest.safeParse(api.sent[0]?.body).success).toBe(true);
  });

  it('encrypts, sends with the stored Idempotency-Key, polls, and wipes the keys when active', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    const { idempotencyKey } = (await captureItem.getValue()) ?? { idempotencyKey: '' };
    await handoff.send();
    await handoff.drive();

    expect(api.sent).toHaveLength(1);
    const [sent] = api.sent;
    expect(sent?.idempotencyKey).toBe(idempotencyKey);
    expect(sent?.body).toMatchObject({
      exchange: 'bitget',
      label: 'Mantix',
      observed: { source: 'page', ...OBSERVED },
    });
    expect(await decrypt(sent?.body.credentials ?? '')).toMatchObject({
      sub: 'acct_demo',
      api_key: KEYS.apiKey,
      secret_key: KEYS.secretKey,
      passphrase: KEYS.passphrase,
    });
    expect(await run()).toMatchObject({ phase: 'verifying', connectionId: 'conn_1', nextPollAt: now + 2_000 });
    expect(wakes.at(-1)).toBe(now + 2_000);

    api.statusAnswers.push({
      connection_id: 'conn_1',
      exchange: 'bitget',
      status: 'active',
      balance: { total_usdt: '1234.56', updated_at: '2025-06-01T12:00:02Z' },
    });
    now += 2_000;
    await handoff.drive();
    expect(await run()).toMatchObject({
      phase: 'active',
      balance: { totalUsdt: '1234.56', updatedAt: '2025-06-01T12:00:02Z' },
    });
    expect(await captureItem.getValue()).toBeNull();
    expect(await handoff.accept(fromPage(KEYS))).toMatchObject({ status: 'duplicate' });
  });

  it('backs off 1 s, 2 s on 5xx, with the same Idempotency-Key and a new JWE each time', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.postAnswers.push(failure('server_error', { status: 503 }), failure('server_error', { status: 503 }));
    await handoff.send();
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'retrying', attempt: 1, nextAttemptAt: now + 1_000 });
    expect(wakes.at(-1)).toBe(now + 1_000);

    now += 1_000;
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'retrying', attempt: 2, nextAttemptAt: now + 2_000 });
    now += 2_000;
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'verifying' });

    expect(api.sent).toHaveLength(3);
    expect(new Set(api.sent.map((s) => s.idempotencyKey)).size).toBe(1);
    expect(new Set(api.sent.map((s) => s.body.credentials)).size).toBe(3);
  });

  it('while retrying: "Retry now" tries at once, "Stop" stops and keeps the keys', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.postAnswers.push(failure('server_error', { status: 503 }), failure('server_error', { status: 503 }));
    await handoff.send();
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'retrying', attempt: 1 });
    expect(await handoff.retryNow()).toBe(true);
    await handoff.drive();
    expect(api.sent).toHaveLength(2);
    expect(await run()).toMatchObject({ phase: 'retrying', attempt: 2 });
    expect(await handoff.stop()).toBe(true);
    expect(await run()).toEqual({ phase: 'idle' });
    expect(await captureItem.getValue()).not.toBeNull();
    expect(await handoff.stop()).toBe(false);
    expect(await handoff.retryNow()).toBe(false);
  });

  it('gives up after 6 tries and keeps the keys', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    for (let i = 0; i < 6; i += 1) api.postAnswers.push(failure('unreachable'));
    await handoff.send();
    await handoff.drive();
    for (const wait of [1_000, 2_000, 4_000, 8_000, 16_000]) {
      now += wait;
      await handoff.drive();
    }
    expect(api.sent).toHaveLength(6);
    expect(await run()).toMatchObject({
      phase: 'failed',
      keysWiped: false,
      reason: { kind: 'send', error: { code: 'retries_exhausted' } },
    });
    expect(await captureItem.getValue()).not.toBeNull();
  });

  it('on key_rotated fetches the key again and retries once with the same Idempotency-Key', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.postAnswers.push(failure('rejected', { status: 409, serverError: 'key_rotated' }));
    await handoff.send();
    await handoff.drive();
    expect(api.keyFetches).toBe(2);
    expect(api.sent).toHaveLength(2);
    expect(api.sent[0]?.idempotencyKey).toBe(api.sent[1]?.idempotencyKey);
    expect(await run()).toMatchObject({ phase: 'verifying' });
  });

  it('refuses after a second key_rotated', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    const rotated = () => failure('rejected', { status: 409, serverError: 'key_rotated' });
    api.postAnswers.push(rotated(), rotated());
    await handoff.send();
    await handoff.drive();
    expect(api.sent).toHaveLength(2);
    expect(await run()).toMatchObject({ phase: 'failed', reason: { error: { code: 'key_rotated_twice' } } });
  });

  it('sends nothing when the ingest key is not pinned', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.keyAnswers.push(failure('untrusted_ingest_key'));
    await handoff.send();
    await handoff.drive();
    expect(api.sent).toHaveLength(0);
    expect(await run()).toMatchObject({ phase: 'failed', reason: { error: { code: 'untrusted_ingest_key' } } });
    expect(await captureItem.getValue()).not.toBeNull();
  });

  it('resumes a send interrupted by a stopped worker, with the same Idempotency-Key', async () => {
    const first = newHandoff();
    await confirmedCapture(first);
    api.postAnswers.push(failure('unreachable'));
    await first.send();
    await first.drive();
    expect(await run()).toMatchObject({ phase: 'retrying' });
    // A new worker: a new instance over the same session storage.
    now += 1_000;
    const second = newHandoff();
    await second.drive();
    expect(api.sent).toHaveLength(2);
    expect(api.sent[0]?.idempotencyKey).toBe(api.sent[1]?.idempotencyKey);
    expect(await run()).toMatchObject({ phase: 'verifying' });
  });

  it('stops a retrying send when the keys are discarded', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.postAnswers.push(failure('unreachable'));
    await handoff.send();
    await handoff.drive();
    await handoff.discard();
    now += 1_000;
    await handoff.drive();
    expect(api.sent).toHaveLength(1);
    expect(await run()).toEqual({ phase: 'idle' });
  });
});

describe('verdicts', () => {
  async function sentAndFailed(code: string) {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    api.statusAnswers.push({
      connection_id: 'conn_1',
      exchange: 'bitget',
      status: 'failed',
      failure: { code, message: `Mantix says ${code}` },
    });
    await handoff.send();
    await handoff.drive();
    now += 2_000;
    await handoff.drive();
    return handoff;
  }

  it.each(['invalid_api_key', 'withdraw_enabled', 'account_restricted'])('%s wipes the keys', async (code) => {
    await sentAndFailed(code);
    expect(await run()).toMatchObject({ phase: 'failed', keysWiped: true, reason: { kind: 'verification', code } });
    expect(await captureItem.getValue()).toBeNull();
  });

  it.each(['invalid_passphrase', 'ip_not_allowed', 'missing_permission', 'exchange_unavailable'])(
    '%s keeps the keys',
    async (code) => {
      await sentAndFailed(code);
      expect(await run()).toMatchObject({ phase: 'failed', keysWiped: false, reason: { code } });
      expect(await captureItem.getValue()).not.toBeNull();
    },
  );

  it('a re-entered Passphrase goes out with a new Idempotency-Key', async () => {
    const handoff = await sentAndFailed('invalid_passphrase');
    await handoff.setPassphrase('Corrected2024');
    expect(await run()).toEqual({ phase: 'idle' });
    await handoff.send();
    await handoff.drive();
    expect(api.sent).toHaveLength(2);
    expect(api.sent[1]?.idempotencyKey).not.toBe(api.sent[0]?.idempotencyKey);
    expect(await decrypt(api.sent[1]?.body.credentials ?? '')).toMatchObject({ passphrase: 'Corrected2024' });
  });

  it('sending again after fixing the key on Bitget uses a new Idempotency-Key', async () => {
    const handoff = await sentAndFailed('ip_not_allowed');
    await handoff.send();
    await handoff.drive();
    expect(api.sent[1]?.idempotencyKey).not.toBe(api.sent[0]?.idempotencyKey);
  });

  it('stops polling after 2 minutes, and can check again', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    await handoff.send();
    await handoff.drive();
    now += 120_000;
    await handoff.drive();
    expect(await run()).toMatchObject({
      phase: 'failed',
      reason: { error: { code: 'poll_timeout' }, connectionId: 'conn_1' },
    });
    await handoff.checkAgain();
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'verifying', connectionId: 'conn_1' });
  });
});

describe('a verdict belongs to the key set that was sent', () => {
  /** Key set A is sent and verifying; A is discarded (or expires); key set B is captured; then A's verdict. */
  async function verdictAfterNewCapture(verdict: ConnectionStatus, lose: (handoff: Handoff) => Promise<void>) {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    await handoff.send();
    await handoff.drive();
    expect(await run()).toMatchObject({ phase: 'verifying' });
    await lose(handoff);
    expect(await captureItem.getValue()).toBeNull();
    expect(await handoff.accept(fromPage(OTHER))).toMatchObject({ status: 'stored' });
    api.statusAnswers.push(verdict);
    now += 2_000;
    await handoff.drive();
    return handoff;
  }
  const discard = (handoff: Handoff) => handoff.discard();
  const expire = async (handoff: Handoff) => {
    now += 15 * 60_000;
    await handoff.expire();
  };
  const active: ConnectionStatus = { connection_id: 'conn_1', exchange: 'bitget', status: 'active' };
  const wiping: ConnectionStatus = {
    connection_id: 'conn_1',
    exchange: 'bitget',
    status: 'failed',
    failure: { code: 'invalid_api_key', message: 'no such key' },
  };

  it.each([
    ['discarded', discard],
    ['expired', expire],
  ])('an old "active" keeps a key set captured after A was %s, and B can still be sent', async (_, lose) => {
    const handoff = await verdictAfterNewCapture(active, lose);
    expect(await run()).toMatchObject({ phase: 'active', connectionId: 'conn_1' });
    expect((await captureItem.getValue())?.apiKey).toBe(OTHER.apiKey);
    expect((await handoffItem.getValue()).handedOff).not.toContain(OTHER.apiKey);
    // B is not a "duplicate" of something handed off.
    await handoff.discard();
    expect(await handoff.accept(fromPage(OTHER))).toMatchObject({ status: 'stored' });
  });

  it.each([
    ['discarded', discard],
    ['expired', expire],
  ])('an old failure that wipes keys leaves a key set captured after A was %s', async (_, lose) => {
    await verdictAfterNewCapture(wiping, lose);
    expect(await run()).toMatchObject({ phase: 'failed', keysWiped: true, reason: { code: 'invalid_api_key' } });
    expect((await captureItem.getValue())?.apiKey).toBe(OTHER.apiKey);
  });

  it('a send never encrypts a key set other than the one it started with', async () => {
    const handoff = newHandoff();
    await confirmedCapture(handoff);
    const a = await captureItem.getValue();
    if (!a) throw new Error('no capture');
    // A run started for A (as a worker stopped before its POST leaves it), and A
    // swapped for B behind the engine's back before the run is driven again.
    // (Send itself now reaches the POST before a test could swap anything.)
    await handoffItem.setValue({
      ...(await handoffItem.getValue()),
      run: {
        phase: 'encrypting',
        runId: '00000000-0000-4000-8000-0000000000aa',
        captureId: a.id,
        attempt: 1,
        keyRotations: 0,
        apiKeyMasked: 'bg_19aa…0656',
      },
    });
    await captureItem.setValue({ ...a, id: '00000000-0000-4000-8000-0000000000ff', apiKey: OTHER.apiKey });
    await handoff.drive();
    expect(api.sent).toHaveLength(0);
    expect(await run()).toMatchObject({ phase: 'failed', reason: { error: { code: 'keys_gone' } } });
  });
});

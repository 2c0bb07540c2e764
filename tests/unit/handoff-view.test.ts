import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/utils/handoff/badge';
import { observedChecks } from '@/utils/handoff/checklist';
import { buildView } from '@/utils/handoff/engine';
import { maskApiKey, maskPassphrase, maskSecret } from '@/utils/handoff/mask';
import type { CaptureRecord, HandoffView } from '@/utils/handoff/schema';

const OBSERVED = {
  account_mode: 'unified',
  permissions: ['uta_trade'],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: ['203.0.113.10'],
} as const satisfies CaptureRecord['observed'];

const RECORD: CaptureRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
  secretKey: '5f0c1e2d'.repeat(8),
  passphrase: 'Mantix2024pass',
  source: 'page',
  observed: { ...OBSERVED, permissions: [...OBSERVED.permissions], ip_whitelist: [...OBSERVED.ip_whitelist] },
  capturedAt: 1,
  expiresAt: 2,
  idempotencyKey: '00000000-0000-4000-8000-000000000002',
  confirmations: { passphraseSaved: false, secretSaved: false },
};

describe('masking', () => {
  it('shows the API key as bg_ + first 4 … last 4, and nothing of the secrets', () => {
    expect(maskApiKey('bg_19aab20aafdb177408faf3fba6580656')).toBe('bg_19aa…0656');
    expect(maskSecret(RECORD.secretKey)).toBe('•••••••• (64 characters)');
    expect(maskPassphrase(RECORD.passphrase)).toBe('••••••••');
  });

  it('the popup view holds no secret, not even the idempotency key; the API Key (not secret) only whole, once', () => {
    const view = buildView({ capture: RECORD, pending: RECORD, run: { phase: 'idle' }, account: null, ttlMinutes: 15 });
    const text = JSON.stringify(view);
    for (const value of [RECORD.secretKey, RECORD.passphrase, RECORD.idempotencyKey]) {
      expect(text).not.toContain(value);
    }
    expect(view.capture?.apiKey).toBe(RECORD.apiKey);
    expect(text.split(RECORD.apiKey)).toHaveLength(2);
    expect(view.pending).toEqual({ apiKeyMasked: 'bg_19aa…0656', capturedAt: RECORD.capturedAt });
    expect(view.capture?.apiKeyMasked).toBe('bg_19aa…0656');
  });
});

describe('the security checklist', () => {
  it('ticks what the page showed (UTA)', () => {
    expect(observedChecks(RECORD.observed).map((c) => c.state)).toEqual(['ok', 'ok', 'ok']);
  });

  it('names missing Classic rights, Transfer/Withdraw on, and unbound or too many IPs', () => {
    const checks = observedChecks({
      account_mode: 'classic',
      permissions: ['coow', 'stor'],
      transfer_enabled: false,
      withdraw_enabled: true,
      ip_whitelist: Array.from({ length: 11 }, (_, i) => `203.0.113.${i + 1}`),
    });
    // Codes, not words (the view says them): the rights by id, the counts as numbers.
    expect(checks[0]).toEqual({
      id: 'rights',
      state: 'problem',
      missing: ['futures.holdings', 'spot.trade', 'margin.trade'],
    });
    expect(checks[1]).toEqual({ id: 'no_transfer', state: 'problem', transfer: false, withdraw: true });
    expect(checks[2]).toEqual({ id: 'ips', state: 'problem', count: 11, max: 10 });
    expect(observedChecks({ ...OBSERVED, permissions: [...OBSERVED.permissions], ip_whitelist: [] })[2]?.state).toBe(
      'problem',
    );
  });

  it('says "not checked" for pasted keys and an unknown layout', () => {
    // Pasted keys: one item, not three.
    expect(observedChecks(null)).toEqual([{ id: 'not_seen', state: 'unknown' }]);
    expect(
      observedChecks({
        ...OBSERVED,
        permissions: [...OBSERVED.permissions],
        ip_whitelist: [],
        account_mode: 'unknown',
      })[0]?.state,
    ).toBe('unknown');
  });
});

describe('the badge', () => {
  const base: HandoffView = { linked: null, capture: null, pending: null, run: { phase: 'idle' }, ttlMinutes: 15 };
  const withCapture = buildView({
    capture: RECORD,
    pending: null,
    run: { phase: 'idle' },
    account: null,
    ttlMinutes: 15,
  });

  it('is empty when nothing waits, and says keys wait when they do', () => {
    expect(badgeFor(base)).toMatchObject({ text: '', title: 'Mantix Connect' });
    expect(badgeFor(withCapture)).toMatchObject({ text: '1', title: expect.stringContaining('keys captured') });
  });

  it('shows sending, a second key, and a failure that needs the user', () => {
    const sending = {
      ...withCapture,
      run: {
        phase: 'verifying',
        runId: RECORD.id,
        connectionId: 'c',
        pollStartedAt: 0,
        nextPollAt: 0,
        apiKeyMasked: 'x',
      },
    } as HandoffView;
    expect(badgeFor(sending).text).toBe('…');
    expect(badgeFor({ ...withCapture, pending: { apiKeyMasked: 'bg_0123…cdef', capturedAt: 1 } }).text).toBe('2');
    const failed: HandoffView = {
      ...withCapture,
      run: {
        phase: 'failed',
        apiKeyMasked: 'x',
        at: 1,
        keysWiped: false,
        reason: { kind: 'verification', code: 'invalid_passphrase', message: '', connectionId: 'c' },
      },
    };
    expect(badgeFor(failed).text).toBe('!');
  });
});

import { describe, expect, it } from 'vitest';
import { FAILURE_CODES, sendErrorAction, verificationAdvice } from '@/utils/handoff/failures';
import { FAILURE_CODES as SERVER_FAILURE_CODES } from '../mantix-server/scenario';

describe('the failure mapping', () => {
  it('covers exactly the contract failure codes (as the reference server knows them)', () => {
    expect([...FAILURE_CODES].sort()).toEqual([...SERVER_FAILURE_CODES].sort());
  });

  it.each([
    ['invalid_passphrase', /Passphrase.*Re-enter it exactly as you set it on Bitget/, 'reenter_passphrase', false],
    ['invalid_api_key', /API Key or Secret Key.*wrong, or the key was deleted/, 'new_key', true],
    ['ip_not_allowed', /IP list lacks Mantix's servers/, 'fill_ips', false],
    ['missing_permission', /Read & Trade rights/, 'set_up_rights', false],
    ['withdraw_enabled', /Transfer or Withdraw rights.*create a new key/, 'new_key', true],
    ['account_restricted', /restricted your account or its API access/, 'new_key', true],
    ['exchange_unavailable', /Bitget did not answer.*Mantix keeps trying/, 'check_again', false],
  ] as const)('%s → its sentence, %s, wipe %s', (code, sentence, action, wipe) => {
    const advice = verificationAdvice(code);
    expect(advice.sentence).toMatch(sentence);
    expect(advice.action).toBe(action);
    expect(advice.wipeKeys).toBe(wipe);
  });

  it('names the missing rights with Mantix’s own message', () => {
    const advice = verificationAdvice('missing_permission', 'The key lacks permissions Mantix needs: Futures Orders.');
    expect(advice.sentence).toContain('Futures Orders');
  });

  it('answers an unknown code with a general sentence, keeping the keys', () => {
    const advice = verificationAdvice('flux_capacitor');
    expect(advice).toEqual({
      sentence: expect.stringContaining('could not verify'),
      action: 'send_again',
      wipeKeys: false,
    });
  });

  it('offers the fix for errors before a verdict', () => {
    expect(sendErrorAction('link_expired')).toBe('link_again');
    expect(sendErrorAction('not_linked')).toBe('link_again');
    expect(sendErrorAction('untrusted_ingest_key')).toBe('none');
    expect(sendErrorAction('poll_timeout')).toBe('check_again');
    expect(sendErrorAction('retries_exhausted')).toBe('send_again');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { readPermissions, visibleDialogs } from '@/utils/bitget/adapter';
import { observedPermissions, planRights, summariseRights } from '@/utils/guide/rights';
import { checkPassphrase, currentStep } from '@/utils/guide/steps';
import { classicPermissions, mount, systemForm, utaPermissions } from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

function permissions(html: string) {
  mount(systemForm({ permissions: html }));
  const [form] = visibleDialogs(document);
  if (!form) throw new Error('no form');
  return readPermissions(form);
}

describe('currentStep', () => {
  const done = { keyType: 'system' as const, noteDone: true, passphraseDone: true, rightsDone: true, ipsDone: true };
  it('follows the page', () => {
    expect(currentStep('signed-out')).toBe(0);
    expect(currentStep('loading')).toBe(1);
    expect(currentStep('key-list')).toBe(2);
    expect(currentStep('chooser')).toBe(2);
    expect(currentStep('key-limit')).toBe(2);
    expect(currentStep('form', { ...done, passphraseDone: false })).toBe(3);
    expect(currentStep('form', { ...done, ipsDone: false })).toBe(4);
    expect(currentStep('form', done)).toBe(5);
    expect(currentStep('verification')).toBe(5);
    expect(currentStep('result')).toBe(6);
  });
  it('stays at "Create API Key → System-generated" on the RSA form', () => {
    expect(currentStep('form', { ...done, keyType: 'user' })).toBe(2);
  });
});

describe('checkPassphrase', () => {
  it('applies Bitget’s rule: 8–32 letters and digits', () => {
    expect(checkPassphrase('')).toBe('empty');
    expect(checkPassphrase('abc123')).toBe('too-short');
    expect(checkPassphrase('a'.repeat(33))).toBe('too-long');
    expect(checkPassphrase('abc 12345')).toBe('invalid-characters');
    expect(checkPassphrase('pässwort123')).toBe('invalid-characters');
    expect(checkPassphrase('Mantix2024abc')).toBe('ok');
  });
});

describe('rights', () => {
  it('Classic: plans Read-write, the four trade rights, and everything else off', () => {
    const view = permissions(classicPermissions({ checked: ['copy.trade', 'wallet.transfer'] }));
    const plan = planRights(view).map((a) => (a.kind === 'toggle' ? `${a.label}:${a.on}` : `${a.label}:${a.level}`));
    expect(plan).toEqual([
      'Read-write:read_write',
      'copy trading trade:false',
      'wallet transfer:false',
      'futures orders:true',
      'futures holdings:true',
      'spot trade:true',
      'margin trade:true',
    ]);
  });

  it('Classic: satisfied when exactly the needed rights are on', () => {
    const view = permissions(
      classicPermissions({
        mode: 'read_write',
        checked: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'],
      }),
    );
    expect(planRights(view)).toEqual([]);
    const summary = summariseRights(view);
    expect(summary.satisfied).toBe(true);
    expect(summary.checklist.map((c) => c.label)).toEqual([
      'Read-write',
      'Futures Orders',
      'Futures Holdings',
      'Spot Trade',
      'Margin Trade',
      'Transfer and Withdraw off',
    ]);
    expect(observedPermissions(view)).toEqual(['coow', 'cpow', 'stow', 'smow']);
  });

  it('Classic: Withdraw on is dangerous and fails the checklist', () => {
    const view = permissions(
      classicPermissions({
        mode: 'read_write',
        checked: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade', 'wallet.withdraw'],
      }),
    );
    const summary = summariseRights(view);
    expect(summary.satisfied).toBe(false);
    expect(summary.dangerous).toEqual(['wallet withdraw']);
    expect(planRights(view, { onlyDangerous: true }).map((a) => a.label)).toEqual(['wallet withdraw']);
  });

  it('UTA: Unified account trade at Read-write, nothing else', () => {
    const view = permissions(
      utaPermissions({ trade: { on: true, level: 'read_only' }, management: { on: true, level: 'read_write' } }),
    );
    const plan = planRights(view).map((a) => (a.kind === 'toggle' ? `${a.label}:${a.on}` : `${a.label}:${a.level}`));
    expect(plan).toEqual(['unified account management:false', 'unified account trade: Read-write:read_write']);
    expect(summariseRights(view).satisfied).toBe(false);
    expect(observedPermissions(view)).toEqual(['uta_trade:read_only', 'uta_mgt:read_write']);
  });

  it('an unknown layout gets its risky rights turned off: Transfer / Withdraw and unknown ones', () => {
    const view = permissions(
      '<div><div>Permissions</div><label><input type="checkbox" checked><span>Withdraw</span></label><label><input type="checkbox" checked><span>Lending</span></label></div>',
    );
    expect(view.layout).toBe('unknown');
    expect(planRights(view).map((a) => a.label)).toEqual(['withdraw', 'lending']);
    expect(summariseRights(view).satisfied).toBe(false);
    expect(summariseRights(view).unknown).toEqual(['lending']);
    expect(summariseRights(view).checklist.some((line) => line.ok)).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { visibleDialogs } from '@/utils/bitget/find';
import { readForm, readSubmitted } from '@/utils/guide/read-form';
import { classicPermissions, ipField, mount, systemForm } from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

function form(): HTMLElement {
  const [dialog] = visibleDialogs(document);
  if (!dialog) throw new Error('no form');
  return dialog;
}

describe('readForm: the page as plain data', () => {
  it('an empty form points at the note, the passphrase only as a verdict', () => {
    mount(systemForm());
    const read = readForm(form(), 'system', undefined);
    expect(read.missing).toEqual([]);
    expect(read.form.note).toEqual({ found: true, filled: false, tooLong: false });
    expect(read.form.passphrase.check).toBe('empty');
    expect(read.target?.what).toBe('note');
    expect(JSON.stringify(read.form)).not.toContain('passphrase-value');
  });

  it('a filled form points at the IPs until every Mantix IP is in the field', () => {
    const permissions = classicPermissions({
      mode: 'read_write',
      checked: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'],
    });
    mount(systemForm({ note: 'Mantix', passphrase: 'abcd1234', permissions, ip: ipField('comma', ['203.0.113.10']) }));
    const ips = ['203.0.113.10', '203.0.113.11'];
    expect(readForm(form(), 'system', ips).target?.what).toBe('ipField');
    expect(readForm(form(), 'system', ips).progress.ipsDone).toBe(false);
    expect(readForm(form(), 'system', ips.slice(0, 1)).target?.what).toBe('submit');
    expect(readForm(form(), 'system', undefined).form.rights.satisfied).toBe(true);
  });

  it('a missing control is named by code with its step', () => {
    mount(systemForm({ ip: '' }));
    expect(readForm(form(), 'system', undefined).missing).toEqual([{ control: 'ipField', step: 4 }]);
  });

  it('readSubmitted keeps what the capture needs, and the rights as observed', () => {
    mount(systemForm({ note: 'Mantix', passphrase: 'abcd1234' }));
    const submitted = readSubmitted(form());
    expect(submitted?.passphrase).toBe('abcd1234');
    expect(submitted?.note).toBe('Mantix');
    expect(submitted?.observed.transfer_enabled).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  fillDecision,
  reconcile,
  type SetupReadBack,
  type SetupSteps,
  setUpForMantix,
  setupHeadline,
} from '@/utils/guide/setup';

class NotLinked extends Error {}

function steps(overrides: Partial<SetupSteps> & { order?: string[] } = {}): SetupSteps {
  const order = overrides.order ?? [];
  const readBack: SetupReadBack = { note: 'ok', passphrase: 'ok', rights: 'ok', ips: 'ok' };
  return {
    note: async () => {
      order.push('note');
      return 'Note set to “Mantix”.';
    },
    passphrase: async () => {
      order.push('passphrase');
      return 'A new passphrase is in Bitget’s field.';
    },
    rights: async () => {
      order.push('rights');
      return 'Rights set for Mantix.';
    },
    ips: async () => {
      order.push('ips');
      return 'Added 2 Mantix server IP addresses.';
    },
    settle: async () => {
      order.push('settle');
    },
    readBack: () => {
      order.push('readBack');
      return readBack;
    },
    explain: (error) =>
      error instanceof NotLinked
        ? { message: 'Link first.', notLinked: true }
        : { message: error instanceof Error ? error.message : 'Something went wrong.' },
    ...overrides,
  };
}

describe('Set up for Mantix', () => {
  it('runs note, rights, IPs in this order, then reads the page back', async () => {
    const order: string[] = [];
    const lines = await setUpForMantix(steps({ order }));
    expect(order).toEqual(['note', 'passphrase', 'rights', 'ips', 'settle', 'readBack']);
    expect(lines.map((l) => [l.item, l.state])).toEqual([
      ['note', 'done'],
      ['passphrase', 'done'],
      ['rights', 'done'],
      ['ips', 'done'],
    ]);
    expect(lines[3]?.message).toBe('Added 2 Mantix server IP addresses.');
    expect(setupHeadline(lines)).toMatch(/^Done/);
  });

  it('claims nothing the page does not show: a step that said "done" but is not read back is "not confirmed"', async () => {
    const lines = await setUpForMantix(
      steps({ readBack: () => ({ note: 'ok', passphrase: 'ok', rights: 'wrong', ips: 'ok' }) }),
    );
    expect(lines[2]).toMatchObject({ item: 'rights', state: 'failed' });
    expect(lines[2]?.message).toMatch(/not confirmed/);
    expect(setupHeadline(lines)).toBe('1 item still needs you:');
  });

  it('says "cannot check" for what it cannot read, never "done"', async () => {
    const lines = await setUpForMantix(
      steps({ readBack: () => ({ note: 'ok', passphrase: 'ok', rights: 'unreadable', ips: 'unreadable' }) }),
    );
    expect(lines.map((l) => l.state)).toEqual(['done', 'done', 'unchecked', 'unchecked']);
    expect(lines[2]?.message).toMatch(/cannot check/);
  });

  it('a read-back that throws leaves every item unchecked', async () => {
    const lines = await setUpForMantix(
      steps({
        readBack: () => {
          throw new Error('form gone');
        },
      }),
    );
    expect(lines.every((l) => l.state === 'unchecked')).toBe(true);
  });

  it('one failing step does not stop the others, and its reason is in the report', async () => {
    const order: string[] = [];
    const lines = await setUpForMantix(
      steps({
        order,
        rights: async () => {
          order.push('rights');
          throw new Error('Bitget did not take every right.');
        },
        readBack: () => ({ note: 'ok', passphrase: 'ok', rights: 'wrong', ips: 'ok' }),
      }),
    );
    expect(order).toEqual(['note', 'passphrase', 'rights', 'ips', 'settle']);
    expect(lines[2]).toMatchObject({ state: 'failed', message: 'Rights: not done. Bitget did not take every right.' });
    expect(lines[3]?.state).toBe('done');
  });

  it('not linked: says so for the IPs and does the rest', async () => {
    const lines = await setUpForMantix(
      steps({
        ips: async () => {
          throw new NotLinked();
        },
        readBack: () => ({ note: 'ok', passphrase: 'ok', rights: 'ok', ips: 'wrong' }),
      }),
    );
    expect(lines.map((l) => l.state)).toEqual(['done', 'done', 'done', 'not-linked']);
    expect(lines[3]?.message).toMatch(/not linked/);
    expect(setupHeadline(lines)).toBe('1 item still needs you:');
  });

  it('a failed step whose result is on the page anyway reads "already set"', () => {
    expect(reconcile('ips', { ok: false, message: 'x' }, 'ok')).toMatchObject({
      state: 'done',
      message: 'Server IPs: already set.',
    });
  });

  it('fills only an empty field: a user’s own note or passphrase is kept', () => {
    expect(fillDecision('')).toBe('write');
    expect(fillDecision('   ')).toBe('write');
    expect(fillDecision('My bot')).toBe('keep');
  });
});

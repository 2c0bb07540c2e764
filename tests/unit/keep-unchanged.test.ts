import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '@/components/overlay/store';

const form = () => ({
  note: { found: true, filled: true, tooLong: false },
  rights: {
    checklist: [
      { id: 'a', ok: true },
      { id: 'b', ok: false },
    ],
    dangerous: [] as string[],
  },
  ips: { current: ['203.0.113.10'] },
});

describe('keepUnchanged: the panel re-renders what changed', () => {
  it('gives back the previous value itself when nothing changed', () => {
    const previous = form();
    expect(keepUnchanged(previous, form())).toBe(previous);
    expect(keepUnchanged('idle', 'idle')).toBe('idle');
    expect(keepUnchanged(undefined, undefined)).toBeUndefined();
  });

  it('keeps the unchanged parts as the same objects and gives the changed ones anew', () => {
    const previous = form();
    const next = form();
    next.rights.checklist[1] = { id: 'b', ok: true };
    const kept = keepUnchanged(previous, next);
    expect(kept).not.toBe(previous);
    expect(kept).toEqual(next);
    expect(kept.note).toBe(previous.note);
    expect(kept.ips).toBe(previous.ips);
    expect(kept.rights).not.toBe(previous.rights);
    expect(kept.rights.checklist[0]).toBe(previous.rights.checklist[0]);
    expect(kept.rights.checklist[1]).toEqual({ id: 'b', ok: true });
    expect(kept.rights.dangerous).toBe(previous.rights.dangerous);
  });

  it('sees an item added or removed, a key added or removed, and a change of type', () => {
    const previous = form();
    const longer = form();
    longer.ips.current.push('198.51.100.7');
    expect(keepUnchanged(previous, longer).ips.current).toEqual(['203.0.113.10', '198.51.100.7']);
    expect(keepUnchanged(longer, previous).ips.current).toEqual(['203.0.113.10']);
    const withKey = { ...form(), extra: 1 };
    expect(keepUnchanged(previous, withKey)).toEqual(withKey);
    const { ips: _ips, ...withoutKey } = form();
    expect(keepUnchanged(previous, withoutKey)).toEqual(withoutKey);
    expect(keepUnchanged<unknown>(previous, 'text')).toBe('text');
    expect(keepUnchanged<unknown>({ a: [] }, { a: {} })).toEqual({ a: {} });
  });
});

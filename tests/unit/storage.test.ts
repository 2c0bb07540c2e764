import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { defineTypedItem, settingsItem, storageResetsItem } from '@/utils/storage';

describe('typed storage', () => {
  it('returns the fallback when nothing is stored', async () => {
    expect(await settingsItem.getValue()).toEqual({ captureTtlMinutes: 15 });
  });

  it('round-trips a valid value and refuses to write an invalid one', async () => {
    await settingsItem.setValue({ captureTtlMinutes: 5 });
    expect(await settingsItem.getValue()).toEqual({ captureTtlMinutes: 5 });
    await expect(settingsItem.setValue({ captureTtlMinutes: 0 })).rejects.toThrow();
  });

  it('resets a corrupt stored value to the fallback and notes it for the notice the user sees', async () => {
    await fakeBrowser.storage.local.set({ settings: { captureTtlMinutes: 'a lot' } });
    expect(await settingsItem.getValue()).toEqual({ captureTtlMinutes: 15 });
    await vi.waitFor(async () =>
      expect(await storageResetsItem.getValue()).toEqual([
        { key: 'local:settings', at: expect.any(Number), issue: expect.stringContaining('captureTtlMinutes') },
      ]),
    );
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('migrates a value stored by an older version', async () => {
    await fakeBrowser.storage.local.set({ example: { seconds: 600 }, example$: { v: 1 } });
    const item = defineTypedItem('local:example', z.object({ minutes: z.number() }), {
      fallback: { minutes: 1 },
      version: 2,
      migrations: { 2: (old) => ({ minutes: (old as { seconds: number }).seconds / 60 }) },
    });
    expect(await item.getValue()).toEqual({ minutes: 10 });
  });

  it('tells watchers the parsed value', async () => {
    const seen: unknown[] = [];
    const unwatch = settingsItem.watch((value) => seen.push(value));
    await settingsItem.setValue({ captureTtlMinutes: 3 });
    await vi.waitFor(() => expect(seen).toEqual([{ captureTtlMinutes: 3 }]));
    unwatch();
  });
});

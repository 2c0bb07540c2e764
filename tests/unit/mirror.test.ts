import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as z from 'zod/mini';
import { mirrored } from '@/utils/mirror';
import { defineTypedItem, type TypedItem } from '@/utils/storage';

interface Value {
  n: number;
}

/** A stored item under the test's hand: reads counted, writes held until released, changes told by hand. */
function heldItem(initial: Value) {
  let stored = initial;
  const watchers = new Set<(value: Value) => void>();
  const pending: { value: Value; done: () => void; fail: (error: Error) => void }[] = [];
  let readGate: Promise<void> | undefined;
  const item: TypedItem<Value> = {
    key: 'session:test',
    getValue: vi.fn(async () => {
      const value = stored;
      await readGate;
      return structuredClone(value);
    }),
    setValue: vi.fn(
      (value: Value) =>
        new Promise<void>((resolve, reject) => {
          pending.push({
            value,
            done: () => {
              stored = value;
              resolve();
            },
            fail: reject,
          });
        }),
    ),
    removeValue: vi.fn(async () => {
      stored = { n: 0 };
    }),
    watch(callback) {
      watchers.add(callback);
      return () => watchers.delete(callback);
    },
  };
  return {
    item,
    /** Another context writes (and the change event arrives). */
    changeElsewhere(value: Value) {
      stored = value;
      for (const watcher of watchers) watcher(structuredClone(value));
    },
    /** The change event of an earlier write arrives (late). */
    echo(value: Value) {
      for (const watcher of watchers) watcher(structuredClone(value));
    },
    settleWrite(index = 0) {
      pending.splice(index, 1)[0]?.done();
    },
    failWrite(error: Error) {
      pending.shift()?.fail(error);
    },
    gateReads() {
      let open = () => {};
      readGate = new Promise((resolve) => {
        open = resolve;
      });
      return () => {
        readGate = undefined;
        open();
      };
    },
    reads: () => (item.getValue as ReturnType<typeof vi.fn>).mock.calls.length,
  };
}

/** Two writes ({n: 2}, then {n: 3}) settle in order, then their change events arrive late. */
async function writeTwiceThenEcho(store: ReturnType<typeof heldItem>, item: TypedItem<Value>): Promise<void> {
  const writes = [item.setValue({ n: 2 }), item.setValue({ n: 3 })];
  store.settleWrite();
  store.settleWrite();
  await Promise.all(writes);
  store.echo({ n: 2 });
  store.echo({ n: 3 });
}

describe('a mirrored storage item', () => {
  it('asks storage once, then answers from memory (with copies the caller cannot change it through)', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    const first = await item.getValue();
    first.n = 99;
    expect(await item.getValue()).toEqual({ n: 1 });
    expect(store.reads()).toBe(1);
  });

  it('sees its own write at once, before storage has it, and still waits for storage', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    let stored = false;
    const writing = item.setValue({ n: 2 }).then(() => {
      stored = true;
    });
    expect(await item.getValue()).toEqual({ n: 2 });
    expect(stored).toBe(false);
    store.settleWrite();
    await writing;
    expect(stored).toBe(true);
    expect(store.reads()).toBe(0);
  });

  it('drops what it holds when another context changes the item, and reads the new value', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    await item.getValue();
    store.changeElsewhere({ n: 5 });
    expect(await item.getValue()).toEqual({ n: 5 });
    expect(store.reads()).toBe(2);
  });

  it('takes the late echo of its own older write for what it is, not for a change', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    await writeTwiceThenEcho(store, item);
    expect(await item.getValue()).toEqual({ n: 3 });
    expect(store.reads()).toBe(0);
  });

  it('hears each change once, however many callers watch it: an echo is still taken for an echo', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    const heard: Value[] = [];
    const unwatch = item.watch((value) => heard.push(value));
    item.watch(() => undefined);
    await writeTwiceThenEcho(store, item);
    expect(await item.getValue()).toEqual({ n: 3 });
    expect(store.reads()).toBe(0);
    expect(heard).toEqual([{ n: 2 }, { n: 3 }]);
    unwatch();
    store.changeElsewhere({ n: 4 });
    expect(heard).toHaveLength(2);
    expect(await item.getValue()).toEqual({ n: 4 });
  });

  it('forgets a failed write: the next read asks storage, and the caller hears of the failure', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    const writing = item.setValue({ n: 2 });
    store.failWrite(new Error('quota'));
    await expect(writing).rejects.toThrow('quota');
    expect(await item.getValue()).toEqual({ n: 1 });
    expect(store.reads()).toBe(1);
  });

  it('tells its own watchers of an outside change only after dropping what it held', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    const readsOnChange: Promise<Value>[] = [];
    item.watch(() => readsOnChange.push(item.getValue()));
    await item.getValue();
    store.changeElsewhere({ n: 5 });
    expect(await Promise.all(readsOnChange)).toEqual([{ n: 5 }]);
  });

  it('does not keep a read that a change overtook', async () => {
    const store = heldItem({ n: 1 });
    const item = mirrored(store.item);
    const open = store.gateReads();
    const reading = item.getValue();
    store.changeElsewhere({ n: 7 });
    open();
    expect(await reading).toEqual({ n: 1 });
    expect(await item.getValue()).toEqual({ n: 7 });
  });

  it('answers a removal with the fallback read from storage', async () => {
    const store = heldItem({ n: 4 });
    const item = mirrored(store.item);
    await item.getValue();
    await item.removeValue();
    expect(await item.getValue()).toEqual({ n: 0 });
  });

  it('follows a change made straight in extension storage (the browser’s change event)', async () => {
    const item = mirrored(defineTypedItem('session:mirrorProbe', z.object({ n: z.number() }), { fallback: { n: 0 } }));
    await item.setValue({ n: 1 });
    expect(await item.getValue()).toEqual({ n: 1 });
    await fakeBrowser.storage.session.set({ mirrorProbe: { n: 8 } });
    await vi.waitFor(async () => expect(await item.getValue()).toEqual({ n: 8 }));
  });
});

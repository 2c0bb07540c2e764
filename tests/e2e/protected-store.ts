/**
 * The extension's protected items (the link and the Mantix tokens) live in
 * its own IndexedDB (utils/storage.ts `defineProtectedItem`), out of content
 * scripts' reach. These read and write them from an extension context (the
 * service worker or an extension page) for tests; each function is passed
 * to `evaluate`, so it is self-contained.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { extensionWorker } from './harness';

/** Runs in the extension: the stored value of `name` (undefined when absent). */
function readItem(name: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('mantix-protected', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('items');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('items', 'readonly').objectStore('items').get(name);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        open.result.close();
        resolve(get.result);
      };
    };
  });
}

/** Runs in the extension: stores `value` as `name` (null: removes it) and tells the watchers. */
function writeItem({ name, value }: { name: string; value: unknown }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('mantix-protected', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('items');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('items', 'readwrite');
      if (value === null || value === undefined) tx.objectStore('items').delete(name);
      else tx.objectStore('items').put(value, name);
      tx.onerror = () => reject(tx.error);
      tx.oncomplete = () => {
        open.result.close();
        const channel = new BroadcastChannel('mantix-protected-items');
        channel.postMessage(name);
        channel.close();
        resolve();
      };
    };
  });
}

type Where = BrowserContext | Page;

/** A protected item, read in the service worker (a context) or in an extension page. */
export async function readProtected<T = unknown>(where: Where, name: 'link' | 'mantixTokens'): Promise<T | undefined> {
  const value =
    'newPage' in where ? (await extensionWorker(where)).evaluate(readItem, name) : where.evaluate(readItem, name);
  return (await value) as T | undefined;
}

/** Writes a protected item (any value, valid or not), in the service worker or an extension page. */
export async function writeProtected(where: Where, name: 'link' | 'mantixTokens', value: unknown): Promise<void> {
  const arg = { name, value };
  await ('newPage' in where ? (await extensionWorker(where)).evaluate(writeItem, arg) : where.evaluate(writeItem, arg));
}

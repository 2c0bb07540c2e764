/**
 * The few IndexedDB calls the extension makes, as promises: one database with
 * one object store per use. Used in extension contexts only (background,
 * options): a content script's `indexedDB` is the web page's, so nothing kept
 * here is within its reach.
 */

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase(name: string, store: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(store);
  };
  return promised(request);
}

/** Runs one request in its own transaction and waits until that transaction is committed. */
export async function withStore<T>(
  database: { name: string; store: string },
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase(database.name, database.store);
  try {
    const transaction = db.transaction(database.store, mode);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    const result = await promised(action(transaction.objectStore(database.store)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

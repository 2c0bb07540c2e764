/**
 * The device key that DPoP binds the link's tokens to: a WebCrypto ECDSA
 * P-256 key pair whose private half is non-extractable, so no script (ours
 * included) can ever read it out. Created at link time, deleted at unlink.
 *
 * Kept in IndexedDB, which stores CryptoKey objects as they are (structured
 * clone); extension storage could only hold exported key material.
 */
import { withStore } from '../idb';

export interface DeviceKeyStore {
  load(): Promise<CryptoKeyPair | undefined>;
  save(keyPair: CryptoKeyPair): Promise<void>;
  remove(): Promise<void>;
}

/** A new device key; only the public half can be exported (for the DPoP proof's `jwk`). */
export async function generateDeviceKey(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

/** A stored value that is a usable device key pair (anything else is treated as no key). */
export function isDeviceKeyPair(value: unknown): value is CryptoKeyPair {
  if (typeof value !== 'object' || value === null) return false;
  const { privateKey, publicKey } = value as Partial<CryptoKeyPair>;
  const isP256 = (key: unknown): key is CryptoKey =>
    key instanceof CryptoKey &&
    key.algorithm.name === 'ECDSA' &&
    (key.algorithm as EcKeyAlgorithm).namedCurve === 'P-256';
  return (
    isP256(privateKey) &&
    isP256(publicKey) &&
    privateKey.type === 'private' &&
    !privateKey.extractable &&
    publicKey.type === 'public'
  );
}

const DB_NAME = 'mantix-device-key';
const STORE = 'keys';
const KEY_ID = 'dpop';

/** The device key in the extension's IndexedDB (background only). */
export function indexedDbKeyStore(name = DB_NAME): DeviceKeyStore {
  return {
    async load() {
      const value: unknown = await withStore({ name, store: STORE }, 'readonly', (store) => store.get(KEY_ID));
      return isDeviceKeyPair(value) ? value : undefined;
    },
    async save(keyPair) {
      await withStore({ name, store: STORE }, 'readwrite', (store) =>
        store.put({ privateKey: keyPair.privateKey, publicKey: keyPair.publicKey }, KEY_ID),
      );
    },
    async remove() {
      await withStore({ name, store: STORE }, 'readwrite', (store) => store.delete(KEY_ID));
    },
  };
}

/** A key store in memory, for tests and for runtimes without IndexedDB. */
export function memoryKeyStore(): DeviceKeyStore {
  let stored: CryptoKeyPair | undefined;
  return {
    async load() {
      return stored;
    },
    async save(keyPair) {
      stored = keyPair;
    },
    async remove() {
      stored = undefined;
    },
  };
}

import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetMirrors } from '@/utils/mirror';
import { getMessage, readMessages } from './chrome-i18n';

// The unit tests' browser speaks English: `t()` gives the text of public/_locales/en.
const english = readMessages('en');
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) =>
  getMessage(english, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';

// The extension's IndexedDB (the link, its tokens): an in-memory one, new for every test.
globalThis.indexedDB = new IDBFactory();

afterEach(() => {
  globalThis.indexedDB = new IDBFactory();
  cleanup();
  fakeBrowser.reset();
  forgetMirrors();
});

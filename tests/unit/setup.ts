import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getMessage, readMessages } from './chrome-i18n';

// The unit tests' browser speaks English: `t()` gives the text of public/_locales/en.
const english = readMessages('en');
fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) =>
  getMessage(english, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
});

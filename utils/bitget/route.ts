/**
 * Where the guide runs: Bitget's API key page, with or without a locale
 * prefix, on the genuine origin only.
 */
import { BITGET_ORIGIN } from '../sender';

/** Content script match patterns (the path is checked again by `isApiKeyPage`). */
export const API_PAGE_MATCHES = [
  'https://www.bitget.com/account/newapi',
  'https://www.bitget.com/account/newapi?*',
  'https://www.bitget.com/account/newapi/*',
  'https://www.bitget.com/*/account/newapi',
  'https://www.bitget.com/*/account/newapi?*',
  'https://www.bitget.com/*/account/newapi/*',
];

const API_PAGE_PATH = /^\/(?:[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?\/)?account\/newapi(?:\/[\w-]*)*\/?$/;

export function isApiKeyPage(url: string | URL): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.origin === BITGET_ORIGIN && API_PAGE_PATH.test(parsed.pathname);
}

export const BITGET_API_PAGE_URL = `${BITGET_ORIGIN}/en/account/newapi`;

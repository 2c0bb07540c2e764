/**
 * Where the guide runs: Bitget's API key page, with or without a locale
 * prefix, on the genuine origin only.
 */
import { BITGET_ORIGIN } from './origin';

/**
 * The loader's match pattern (the manifest's only content script, top frame):
 * every Bitget page, since the app reaches the API key page by in-app routes.
 * The guide itself is injected on the API key page only (`isApiKeyPage`).
 */
export const LOADER_MATCHES = ['https://www.bitget.com/*'];

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

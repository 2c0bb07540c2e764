import { defineContentScript } from 'wxt/utils/define-content-script';
import { startLoader } from '@/utils/loader';

/**
 * The loader, on every Bitget page (top frame only): it watches the route and
 * has the background inject the guide (entrypoints/bitget-guide) on the API
 * key page. WXT's content-script context is not used: a page can forge the
 * event that ends it (see utils/loader/index.ts).
 */
export default defineContentScript({
  // Kept literal for WXT's static analysis; see utils/bitget/route.ts (LOADER_MATCHES).
  matches: ['https://www.bitget.com/*'],
  runAt: 'document_end',
  allFrames: false,
  cssInjectionMode: 'manual',
  main: () => {
    startLoader();
  },
});

import { defineContentScript } from 'wxt/utils/define-content-script';
import { startGuide } from '@/components/overlay/start-guide';

export default defineContentScript({
  // Kept literal for WXT's static analysis; see utils/bitget/route.ts (API_PAGE_MATCHES).
  matches: [
    'https://www.bitget.com/account/newapi',
    'https://www.bitget.com/account/newapi?*',
    'https://www.bitget.com/account/newapi/*',
    'https://www.bitget.com/*/account/newapi',
    'https://www.bitget.com/*/account/newapi?*',
    'https://www.bitget.com/*/account/newapi/*',
  ],
  runAt: 'document_idle',
  allFrames: false,
  // The overlay's CSS is inlined into its shadow root: no web-accessible resource.
  cssInjectionMode: 'manual',
  main: startGuide,
});

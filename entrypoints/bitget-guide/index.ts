import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startGuide } from '@/components/overlay/start-guide';

/**
 * The in-page guide. Not in the manifest: the background injects it into the
 * top frame of Bitget's API key page only (utils/background/inject.ts), when
 * the loader (entrypoints/bitget.content) asks.
 */
export default defineUnlistedScript(() => {
  startGuide();
});

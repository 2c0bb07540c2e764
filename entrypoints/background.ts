import '@/utils/zod-config';
import { defineBackground } from 'wxt/utils/define-background';
import { productionServices, startBackground } from '@/utils/background';

// An ES module worker: built with the popup and the options page, so the
// libraries they share (zod, the polyfill, storage) ship once.
export default defineBackground({
  type: 'module',
  main() {
    startBackground(productionServices());
  },
});

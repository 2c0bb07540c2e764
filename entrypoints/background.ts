import '@/utils/zod-config';
import { defineBackground } from 'wxt/utils/define-background';
import { productionServices, startBackground } from '@/utils/background';

export default defineBackground(() => {
  startBackground(productionServices());
});

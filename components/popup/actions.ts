/** What the popup opens: Bitget's API key page, and the options page (to link). */
import { browser } from 'wxt/browser';
import { BITGET_API_PAGE_URL } from '@/utils/bitget/route';

export function openBitget(): void {
  void browser.tabs.create({ url: BITGET_API_PAGE_URL });
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}

/** What the popup opens: Bitget's API key page, the options page (to link), and Mantix. */
import { browser } from 'wxt/browser';
import { BITGET_API_PAGE_URL } from '@/utils/bitget/route';
import { config } from '@/utils/config';

export function openBitget(): void {
  void browser.tabs.create({ url: BITGET_API_PAGE_URL });
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}

/** Mantix itself (the contract names no separate web app: its origin is the API's). */
export function openMantix(): void {
  void browser.tabs.create({ url: new URL(config.apiUrl).origin });
}

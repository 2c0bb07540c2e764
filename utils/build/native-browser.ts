/**
 * Firefox builds only (wxt.config.ts aliases `webextension-polyfill` here):
 * Firefox's own `browser` namespace already returns promises, which is all the
 * polyfill would add, so the Firefox bundles skip its copy. Chrome builds keep
 * the polyfill (promise-returning `runtime.onMessage` listeners and the rest).
 */
const native = (globalThis as unknown as { browser: unknown }).browser;

export default native;

/** Bitget's one origin: the only site the loader, the guide and the capture port accept. */
export const BITGET_ORIGIN = 'https://www.bitget.com';
/** The host permission and content-script match for it. */
export const BITGET_ORIGIN_PATTERN = `${BITGET_ORIGIN}/*`;

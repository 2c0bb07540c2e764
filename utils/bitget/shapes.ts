/**
 * The shapes of Bitget's values (../shared/bitget-page.md): one place for
 * the page reader (./selectors.ts, ./result.ts, ./state.ts), the protocol's
 * schemas and the popup's paste form.
 */

/** Bitget's API key: `bg_` + 32 lower-case hex characters. */
export const API_KEY_SHAPE = /^bg_[0-9a-f]{32}$/;
/** The Secret Key: a long hex token (64 hex characters on today's Bitget; the length is not promised). */
export const SECRET_KEY_SHAPE = /^[0-9a-fA-F]{32,128}$/;
/** Bitget's passphrase rule (error 40070): 8–32 letters and digits. */
export const PASSPHRASE_RULE = { min: 8, max: 32, charset: /^[A-Za-z0-9]*$/ } as const;
/** A whole passphrase that keeps the rule. */
export const PASSPHRASE_SHAPE = new RegExp(`^[A-Za-z0-9]{${PASSPHRASE_RULE.min},${PASSPHRASE_RULE.max}}$`);

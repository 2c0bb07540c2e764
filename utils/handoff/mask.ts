/**
 * What the popup may show of a captured key set. The background masks before
 * anything leaves it; the Secret Key and the Passphrase are never shown, not
 * even in part.
 */

const HIDDEN = '••••••••';

/** `bg_19aab20aafdb177408faf3fba6580656` → `bg_19aa…0656`. */
export function maskApiKey(apiKey: string): string {
  const body = apiKey.startsWith('bg_') ? apiKey.slice(3) : apiKey;
  if (body.length <= 8) return `${apiKey.startsWith('bg_') ? 'bg_' : ''}${HIDDEN}`;
  return `${apiKey.startsWith('bg_') ? 'bg_' : ''}${body.slice(0, 4)}…${body.slice(-4)}`;
}

/** The Secret Key as the popup shows it: hidden, with its length as a sanity hint. */
export function maskSecret(secret: string): string {
  return `${HIDDEN} (${secret.length} characters)`;
}

/** The Passphrase as the popup shows it: hidden entirely. */
export function maskPassphrase(_passphrase: string): string {
  return HIDDEN;
}

/**
 * A generated Bitget passphrase: 24 letters and digits drawn uniformly with
 * Web Crypto (rejection sampling, so no character is likelier than another).
 *
 * The value lives only in the caller's hands: it is typed into Bitget's field
 * (from where the capture reads it at submit, like a typed one) and shown
 * once in the panel when the user asks. Never stored, logged or sent here.
 */
export const PASSPHRASE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const GENERATED_PASSPHRASE_LENGTH = 24;

/** Fills a byte array with cryptographically strong random values (Web Crypto's contract). */
export type RandomBytes = (bytes: Uint8Array) => Uint8Array;

const webCryptoBytes: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

/**
 * `length` characters of `alphabet`, each uniform: a random byte is kept only
 * when it is below the largest multiple of the alphabet's size that fits in a
 * byte (248 for 62 characters), so `byte % size` has no bias.
 */
export function randomString(
  length: number,
  alphabet: string = PASSPHRASE_ALPHABET,
  random: RandomBytes = webCryptoBytes,
): string {
  const size = alphabet.length;
  if (size < 2 || size > 256) throw new RangeError('the alphabet must have 2 to 256 characters');
  if (!Number.isInteger(length) || length < 0) throw new RangeError('length must be a whole number');
  const limit = 256 - (256 % size);
  let out = '';
  const buffer = new Uint8Array(Math.max(16, length * 2));
  while (out.length < length) {
    random(buffer);
    for (const byte of buffer) {
      if (byte >= limit) continue;
      out += alphabet[byte % size];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new passphrase for Bitget: 24 letters and digits (Bitget allows 8–32). */
export function generatePassphrase(random: RandomBytes = webCryptoBytes): string {
  return randomString(GENERATED_PASSPHRASE_LENGTH, PASSPHRASE_ALPHABET, random);
}

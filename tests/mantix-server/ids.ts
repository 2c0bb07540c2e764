import { randomBytes, randomInt } from 'node:crypto';

/** Letters that cannot be mistaken for one another (RFC 8628 §6.1: no vowels, no 0/O, 1/I). */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_PATTERN = new RegExp(`^[${USER_CODE_ALPHABET}]{8}$`);

/** An opaque, unguessable string (base64url of `bytes` random bytes). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Eight letters from the unambiguous alphabet, without the dash. */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) {
    code += USER_CODE_ALPHABET.charAt(randomInt(USER_CODE_ALPHABET.length));
  }
  return code;
}

/** `BCDFGHJK` → `BCDF-GHJK`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts any case, with or without the dash (or spaces); undefined when it cannot be a code. */
export function normalizeUserCode(input: string): string | undefined {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return USER_CODE_PATTERN.test(code) ? code : undefined;
}

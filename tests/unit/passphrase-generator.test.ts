import { describe, expect, it } from 'vitest';
import { PASSPHRASE_SHAPE } from '@/utils/bitget/shapes';
import {
  GENERATED_PASSPHRASE_LENGTH,
  generatePassphrase,
  PASSPHRASE_ALPHABET,
  randomString,
} from '@/utils/guide/passphrase';
import { checkPassphrase } from '@/utils/guide/steps';

describe('generated passphrase', () => {
  it('is 24 letters and digits that meet Bitget’s rule and the capture’s shape', () => {
    for (let i = 0; i < 200; i++) {
      const value = generatePassphrase();
      expect(value).toHaveLength(GENERATED_PASSPHRASE_LENGTH);
      expect(value).toMatch(/^[A-Za-z0-9]{24}$/);
      expect(checkPassphrase(value)).toBe('ok');
      expect(value).toMatch(PASSPHRASE_SHAPE);
    }
  });

  it('uses exactly the 62 letters and digits', () => {
    expect(PASSPHRASE_ALPHABET).toHaveLength(62);
    expect(new Set(PASSPHRASE_ALPHABET).size).toBe(62);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) for (const c of generatePassphrase()) seen.add(c);
    expect([...seen].sort().join('')).toBe([...PASSPHRASE_ALPHABET].sort().join(''));
  });

  it('differs every time', () => {
    const values = new Set(Array.from({ length: 1000 }, () => generatePassphrase()));
    expect(values.size).toBe(1000);
  });

  it('rejects the bytes that would bias the result (248–255 for 62 characters)', () => {
    // A source that gives only biased bytes first, then 0, 1, 2, …
    let calls = 0;
    const source = (bytes: Uint8Array) => {
      calls++;
      bytes.fill(0);
      for (let i = 0; i < bytes.length; i++) bytes[i] = calls === 1 ? 248 + (i % 8) : i % 62;
      return bytes;
    };
    expect(generatePassphrase(source)).toBe(PASSPHRASE_ALPHABET.slice(0, 24));
    expect(calls).toBe(2);
  });

  it('a modulo-only draw would be biased, this one is not (byte 247 → last character, 248 rejected)', () => {
    const one = (value: number) => (bytes: Uint8Array) => {
      bytes.fill(value);
      return bytes;
    };
    expect(randomString(1, PASSPHRASE_ALPHABET, one(247))).toBe('9');
    let fed = 0;
    const thenZero = (bytes: Uint8Array) => {
      bytes.fill(fed++ === 0 ? 250 : 0);
      return bytes;
    };
    expect(randomString(3, PASSPHRASE_ALPHABET, thenZero)).toBe('AAA');
  });

  it('is uniform over the alphabet: chi-square over 100,000 draws', () => {
    const counts = new Map<string, number>([...PASSPHRASE_ALPHABET].map((c) => [c, 0]));
    const draws = 100_000;
    let drawn = 0;
    while (drawn < draws) {
      const chunk = randomString(Math.min(5000, draws - drawn));
      for (const c of chunk) counts.set(c, (counts.get(c) ?? 0) + 1);
      drawn += chunk.length;
    }
    const expected = draws / PASSPHRASE_ALPHABET.length;
    let chi2 = 0;
    for (const count of counts.values()) chi2 += (count - expected) ** 2 / expected;
    // 61 degrees of freedom: the 0.999 quantile is 100.9 (a false alarm one run in a thousand).
    // A modulo draw (bytes 0–255 % 62) puts ~25% more weight on the first 8
    // characters: chi-square ≈ 1,000 here, far above the bound.
    expect(chi2).toBeLessThan(100.9);
  });

  it('refuses nonsense alphabets and lengths', () => {
    expect(() => randomString(4, 'A')).toThrow(RangeError);
    expect(() => randomString(-1)).toThrow(RangeError);
    expect(randomString(0)).toBe('');
  });
});

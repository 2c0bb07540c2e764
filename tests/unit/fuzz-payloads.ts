/**
 * Generated malformed payloads for the fuzz runs (issue 7): used by the unit
 * fuzz (tests/unit/fuzz-messages.test.ts) and the e2e fuzz in the built
 * extension (tests/e2e/hostile.spec.ts). No product import, so Playwright can
 * load it; `fuzz-messages.test.ts` checks that the table below matches
 * `protocol`.
 *
 * Every payload is malformed BY CONSTRUCTION (never filtered with the schema
 * it attacks) and JSON-safe, so the same payload means the same thing after
 * Chrome's JSON serialization of a message. `__proto__` keys are own
 * properties (made by JSON.parse); pass payloads across Playwright as JSON
 * text and JSON.parse them in the page, or they would be lost.
 */

/** The request fields of each message type (booleans unless noted), `[]` = the empty object. */
export const REQUEST_FIELDS = {
  ping: [],
  'serverIps:get': [],
  'options:open': [],
  'link:start': [],
  'link:cancel': [],
  'link:unlink': [],
  'capture:send': [],
  'capture:discard': [],
  'capture:replace': ['replace'],
  'capture:confirm': ['passphraseSaved', 'secretSaved'],
  'capture:check-again': [],
  'capture:retry-now': [],
  'capture:stop': [],
  'popup:open': [],
  'guidePosition:get': [],
  // Numbers, not booleans: the valid starting object ({x: true, y: false}) is already malformed.
  'guidePosition:set': ['x', 'y'],
  'guidePosition:reset': [],
} as const satisfies Record<string, readonly string[]>;

export type FuzzType = keyof typeof REQUEST_FIELDS;
/** Types whose fields are each optional, with at least one required. */
const ALL_OPTIONAL: ReadonlySet<FuzzType> = new Set(['capture:confirm']);
export const fuzzTypes = (): FuzzType[] => Object.keys(REQUEST_FIELDS) as FuzzType[];

export const FUZZ_PER_TYPE = 1200;
export const HUGE_STRING_BYTES = 1024 * 1024;

export const VALID_CAPTURE = {
  type: 'capture',
  apiKey: `bg_${'0123456789abcdef'.repeat(2)}`,
  secretKey: 'a1b2c3d4'.repeat(8),
  passphrase: 'Passphrase2024',
  observed: {
    account_mode: 'classic',
    permissions: ['read', 'spot_trade'],
    transfer_enabled: false,
    withdraw_enabled: false,
    ip_whitelist: ['203.0.113.7'],
  },
};

/** A small seeded PRNG (mulberry32): the same run every time. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Options {
  /** One payload in this many carries a 1 MB string. */
  hugeEvery?: number;
  seed?: number;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e',
  'true',
  'false',
  '1',
  'null',
  '{}',
  '{"ok":true}',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

class Gen {
  readonly #random: () => number;
  constructor(seed: number) {
    this.#random = prng(seed);
  }
  int(n: number): number {
    return Math.floor(this.#random() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  string(): string {
    if (this.int(3) === 0) return this.pick(ODD_STRINGS);
    const length = this.pick([1, 8, 31, 32, 33, 64, 65, 500, 5000]);
    const alphabet = this.pick(['0123456789abcdef', 'ABCDEFabcdef0123456789_-', ' \t\n\r', 'zZ!@#$%^&*()']);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
  /** Any JSON value, possibly nested, never `undefined`. */
  garbage(depth = 0): unknown {
    const kind = this.int(depth > 3 ? 6 : 11);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.pick([0, -1, 1, 1.5, -0.5, 2 ** 53 + 1, 1e308, -1e308]);
      case 2:
        return this.string();
      case 3:
        return this.pick([true, false]);
      case 4:
        return this.pick(['', 0, false, null]);
      case 5:
        return this.pick(ODD_STRINGS);
      case 6:
        return Array.from({ length: this.int(5) }, () => this.garbage(depth + 1));
      case 7: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(4); i > 0; i--) object[this.string().slice(0, 20)] = this.garbage(depth + 1);
        return object;
      }
      case 8:
        return this.protoObject(depth);
      case 9: {
        // Deep nesting.
        let nested: unknown = this.garbage(4);
        for (let i = 0; i < 40; i++) nested = this.int(2) ? [nested] : { a: nested };
        return nested;
      }
      default:
        return { ok: true, value: this.garbage(depth + 1), type: 'ping', data: {} };
    }
  }
  /** An object with own prototype-pollution keys (JSON.parse makes `__proto__` an own key). */
  protoObject(depth = 0): Record<string, unknown> {
    const key = this.pick(PROTO_KEYS);
    const inner = this.int(2) ? '{"polluted":true}' : '{"prototype":{"polluted":true}}';
    const parsed = JSON.parse(`{"${key}":${inner}}`) as Record<string, unknown>;
    if (this.int(2)) parsed.extra = this.garbage(depth + 1);
    return parsed;
  }
  nonObject(): unknown {
    return this.pick<unknown>([
      null,
      0,
      1,
      true,
      false,
      '',
      'ping',
      '{}',
      [],
      [{}],
      [true],
      this.string(),
      Array.from({ length: 3 }, () => this.garbage(2)),
    ]);
  }
  /** A value that is not a boolean. */
  notBoolean(): unknown {
    for (;;) {
      const value = this.garbage(1);
      if (typeof value !== 'boolean') return value;
    }
  }
}

const huge = () => 'A'.repeat(HUGE_STRING_BYTES);

/** Sets an own property, even `__proto__`. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `count` malformed request payloads for `type`. */
export function fuzzPayloads(type: FuzzType, count = FUZZ_PER_TYPE, options: Options = {}): unknown[] {
  const gen = new Gen((options.seed ?? 7) + type.length * 7919 + type.charCodeAt(type.length - 1));
  const fields: readonly string[] = REQUEST_FIELDS[type];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const isHuge = options.hugeEvery !== undefined && i % options.hugeEvery === options.hugeEvery - 1;
    const defect = gen.int(6);
    if (i === 0) {
      out.push(undefined);
      continue;
    }
    if (defect === 0) {
      out.push(isHuge ? huge() : gen.nonObject());
      continue;
    }
    // Start from a valid object, then break it.
    const object: Record<string, unknown> = {};
    for (const field of fields) object[field] = gen.pick([true, false]);
    const extraKey = () => {
      const key = gen.int(2)
        ? gen.pick(PROTO_KEYS)
        : gen.pick(['ok', 'type', 'data', 'sender', 'x', gen.string().slice(0, 16) || 'k']);
      setOwn(object, fields.includes(key) ? `${key}_` : key, isHuge ? huge() : gen.garbage(1));
    };
    if (fields.length === 0 || defect === 1) {
      extraKey();
    } else if (defect === 2) {
      // Each field of capture:confirm is optional on its own (one box at a time): drop them all.
      if (ALL_OPTIONAL.has(type)) for (const field of fields) delete object[field];
      else delete object[gen.pick(fields)];
    } else if (defect === 3) {
      object[gen.pick(fields)] = isHuge ? huge() : gen.notBoolean();
    } else if (defect === 4) {
      for (const field of fields) object[field] = gen.notBoolean();
      extraKey();
    } else {
      object[gen.pick(fields)] = gen.protoObject();
    }
    out.push(object);
  }
  return out;
}

/** `count` malformed capture messages for the capture port. */
export function fuzzCaptures(count = FUZZ_PER_TYPE, options: Options = {}): unknown[] {
  const gen = new Gen((options.seed ?? 11) + 101);
  const out: unknown[] = [];
  const bad = {
    apiKey: () =>
      gen.pick([
        `bg_${'0123456789abcdef'.repeat(2).slice(1)}`,
        `BG_${'0123456789abcdef'.repeat(2)}`,
        `bg_${'0123456789ABCDEF'.repeat(2)}`,
        ` bg_${'0123456789abcdef'.repeat(2)}`,
        `bg_${'0123456789abcdef'.repeat(2)}\n`,
        `bg_${'g'.repeat(32)}`,
        `xbg_${'0123456789abcdef'.repeat(2)}`,
        `bg_${'0123456789abcdef'.repeat(2)}0`,
      ]),
    secretKey: () => gen.pick(['a'.repeat(31), 'g'.repeat(64), 'a'.repeat(129), `${'a'.repeat(64)} `, '']),
    passphrase: () => gen.pick(['short', 'a'.repeat(33), 'pass phrase1', 'Pässphrase1', 'Passphrase!2024', '']),
    note: () => gen.pick(['n'.repeat(65), 42, null, ['x']]),
  };
  for (let i = 0; i < count; i++) {
    const isHuge = options.hugeEvery !== undefined && i % options.hugeEvery === options.hugeEvery - 1;
    const capture = JSON.parse(JSON.stringify(VALID_CAPTURE)) as Record<string, unknown> & {
      observed: Record<string, unknown>;
    };
    const field = gen.pick(['type', 'apiKey', 'secretKey', 'passphrase', 'note', 'observed']);
    switch (gen.int(7)) {
      case 0:
        out.push(isHuge ? huge() : gen.nonObject());
        continue;
      case 1:
        if (field === 'note') capture.note = bad.note();
        else delete capture[field];
        break;
      case 2:
        setOwn(
          capture,
          gen.int(2) ? gen.pick(PROTO_KEYS) : gen.pick(['sender', 'tabId', 'source', 'x']),
          isHuge ? huge() : gen.garbage(1),
        );
        break;
      case 3:
        if (field === 'type') capture.type = gen.pick(['Capture', 'manual', 'passphrase', 'capture ', '', 1]);
        else if (field === 'observed') (capture as Record<string, unknown>).observed = gen.nonObject();
        else if (isHuge) capture[field] = huge();
        else capture[field] = bad[field as keyof typeof bad]();
        break;
      case 4: {
        const observed = capture.observed;
        switch (gen.int(6)) {
          case 0:
            observed.account_mode = gen.pick(['Classic', 'pro', '', null]);
            break;
          case 1:
            observed.permissions = Array.from({ length: 65 }, () => 'read');
            break;
          case 2:
            observed.ip_whitelist = Array.from({ length: 31 }, (_, n) => `203.0.113.${n}`);
            break;
          case 3:
            observed.withdraw_enabled = gen.notBoolean();
            break;
          case 4:
            setOwn(observed, gen.pick(PROTO_KEYS), { polluted: true });
            break;
          default:
            observed.permissions = [isHuge ? huge() : 'x'.repeat(65)];
        }
        break;
      }
      case 5:
        capture[field === 'type' ? 'apiKey' : field] = gen.pick<unknown>([null, 0, true, [], {}, ['x'], 1.5]);
        break;
      default:
        capture.apiKey = bad.apiKey();
        capture.secretKey = bad.secretKey();
    }
    out.push(capture);
  }
  return out;
}

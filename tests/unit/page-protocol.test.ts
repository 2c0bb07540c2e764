/**
 * The guide's hand-written checks (utils/page-protocol.ts) against the zod
 * schemas that are the contract (utils/protocol.ts): the same verdict, and
 * the same value when both accept, on valid values and on every single-field
 * change of them into something odd.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkCapture, checkCaptureReply } from '@/utils/page-protocol';
import { CaptureMessage, CaptureReply, type PageMessageType, pageProtocol, resultSchema } from '@/utils/protocol';

const ODD: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -0.5,
  0.5,
  1,
  2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  'x'.repeat(65),
  'x'.repeat(501),
  'x'.repeat(2001),
  [],
  ['203.0.113.10'],
  Array.from({ length: 11 }, () => '203.0.113.10'),
  {},
  { x: 0.5, y: 0.5 },
  { x: 0.5, y: 0.5, z: 1 },
  'extension-page',
  'bitget-content',
  'capture:result',
  'stored',
  'rejected',
];

/** Every value with one field (at any depth) replaced by each odd value, or removed, or one key added. */
function variants(value: unknown): unknown[] {
  const out: unknown[] = [...ODD];
  if (typeof value !== 'object' || value === null) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const changed of variants(item)) out.push(value.map((v, j) => (i === j ? changed : v)));
    });
    return out;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const { [key]: _removed, ...rest } = fields;
    out.push(rest);
    for (const changed of variants(fields[key])) out.push({ ...fields, [key]: changed });
  }
  out.push({ ...fields, extra: 1 });
  return out;
}

const VALID: { [K in PageMessageType]: unknown[] } = {
  ping: [{ version: '0.1.0', sender: 'bitget-content' }],
  'serverIps:get': [
    { ips: ['203.0.113.10', '203.0.113.11'], updatedAt: '2026-12-01T00:00:00Z' },
    { ips: Array.from({ length: 10 }, (_, i) => `203.0.113.${i}`), updatedAt: '' },
  ],
  'options:open': [{ opened: true }],
  'popup:open': [{ opened: false }, { opened: true }],
  'guidePosition:get': [{ position: null }, { position: { x: 0, y: 1 } }],
  'guidePosition:set': [{ saved: true }],
  'guidePosition:reset': [{ saved: true }],
};

const ERRORS: unknown[] = [
  { code: 'not_linked', message: 'Link the extension to Mantix first.' },
  { code: 'forbidden', message: 'Not allowed.', detail: 'not accepted from bitget-content' },
];

describe('the guide’s checks of the background’s answers', () => {
  for (const type of Object.keys(pageProtocol) as PageMessageType[]) {
    it(`agree with the zod schema on ${type}`, () => {
      const zod = resultSchema(pageProtocol[type].response);
      const answers = [
        ...VALID[type].flatMap((value) => variants({ ok: true, value })),
        ...ERRORS.flatMap((error) => variants({ ok: false, error })),
      ];
      let accepted = 0;
      for (const answer of answers) {
        const expected = zod.safeParse(answer);
        const got = checkAnswer(type, answer);
        expect({ answer, accepted: got.ok }).toEqual({ answer, accepted: expected.success });
        if (got.ok && expected.success) {
          expect(got.result).toEqual(expected.data);
          accepted += 1;
        }
      }
      // The samples hold answers of both kinds.
      expect(accepted).toBeGreaterThan(2);
      expect(accepted).toBeLessThan(answers.length / 2);
    });
  }

  it('say why an answer is refused, for the error’s detail', () => {
    expect(checkAnswer('popup:open', { ok: true, value: { opened: 'yes' } })).toEqual({
      ok: false,
      detail: 'opened: not true or false',
    });
  });
});

describe('the guide’s check of the capture port’s reply', () => {
  it('agrees with the zod schema', () => {
    for (const reply of variants({ type: 'capture:result', status: 'stored', message: 'Saved.' })) {
      const expected = CaptureReply.safeParse(reply);
      expect(checkCaptureReply(reply)).toEqual(expected.success ? expected.data : undefined);
    }
  });
});

describe('the guide’s check of the capture message', () => {
  const valid = {
    apiKey: `bg_${'a'.repeat(32)}`,
    secretKey: 'b'.repeat(64),
    passphrase: 'Passphrase1234',
    note: 'Mantix',
    observed: {
      account_mode: 'classic' as const,
      permissions: ['coow', 'cpow'],
      transfer_enabled: false,
      withdraw_enabled: false,
      ip_whitelist: ['203.0.113.10'],
    },
  };

  it('agrees with the zod schema, and names the same fields', () => {
    for (const input of variants(valid)) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) continue;
      const expected = CaptureMessage.safeParse({ type: 'capture', ...input });
      const got = checkCapture(input as Parameters<typeof checkCapture>[0]);
      if (expected.success) {
        expect({ input, got }).toEqual({ input, got: { ok: true, message: expected.data } });
        continue;
      }
      // The guide builds its message from the known fields only: a key of
      // its own cannot reach the port (where zod's strict object refuses it).
      const issues = expected.error.issues.filter((issue) => issue.path.length > 0);
      const fields = [...new Set(issues.map((issue) => String(issue.path[0])))].sort();
      expect({ input, fields: got.ok ? [] : got.fields.sort() }).toEqual({ input, fields });
      if (got.ok) expect(Object.keys(got.message).sort()).toEqual(Object.keys(CaptureMessage.shape).sort());
    }
  });

  it('names the fields that do not fit, never their values', () => {
    const got = checkCapture({ ...valid, apiKey: 'bg_short', passphrase: 'no' });
    expect(got).toEqual({ ok: false, fields: ['apiKey', 'passphrase'] });
    expect(JSON.stringify(got)).not.toContain('bg_short');
  });
});

/**
 * FAIL SAFE, as a property (issue 10 §1): over generated permission forms
 * (known and unknown rights, in three languages, native / ARIA / switch
 * controls, names separate or composed of group and item, description
 * lines, states on / off / unreadable, a Read-only / Read-write choice
 * present, absent or unreadable), whenever the classification is
 * incomplete no safety line is ✓, and the guard stops Next whenever a
 * risky right may be on.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { guardReason } from '@/components/overlay/submit-guard';
import { visibleDialogs } from '@/utils/bitget/find';
import { readPermissions } from '@/utils/bitget/permissions';
import { summariseRights } from '@/utils/guide/rights';
import { mount } from './bitget-fixtures';

type State = 'on' | 'off' | 'unreadable';
type Kind = 'native' | 'aria' | 'switch';

const GROUPS = {
  futures: ['Futures', '合约', 'Фьючерсы'],
  spot: ['Spot', '现货', 'Спот'],
  margin: ['Margin', '杠杆', 'Маржа'],
  wallet: ['Wallet', '钱包', 'Кошелёк'],
  copy: ['Copy trading', '跟单', 'Копитрейдинг'],
  other: ['Sub-account', 'Earn', 'Pledge loan', 'Субаккаунт', '理财'],
} as const;
const ITEMS = {
  orders: ['Orders', '订单', 'Ордера'],
  holdings: ['Holdings', '持仓', 'Позиции'],
  trade: ['Trade', '交易', 'Торговля'],
  transfer: ['Transfer', 'Transfers', '划转', '转账', 'Перевод', 'Переводы'],
  withdraw: ['Withdraw', 'Withdrawal', '提现', '提币', 'Вывод', 'Вывод средств'],
  other: ['Manage', 'Lending', 'Read balance', 'Управление', '借贷'],
} as const;
const KNOWN: Record<string, readonly string[]> = {
  futures: ['orders', 'holdings'],
  spot: ['trade'],
  margin: ['trade'],
  copy: ['trade', 'orders', 'holdings'],
  wallet: ['transfer', 'withdraw'],
};
const DESCRIPTIONS = ['', 'View balances and history', 'Place and cancel orders', 'Просмотр баланса', '查看资产'];

interface RightSpec {
  group: keyof typeof GROUPS;
  groupWord: number;
  item: keyof typeof ITEMS;
  itemWord: number;
  description: number;
  state: State;
  kind: Kind;
  composed: boolean;
}

const right: fc.Arbitrary<RightSpec> = fc.record({
  group: fc.constantFrom(...(Object.keys(GROUPS) as (keyof typeof GROUPS)[])),
  groupWord: fc.nat(),
  item: fc.constantFrom(...(Object.keys(ITEMS) as (keyof typeof ITEMS)[])),
  itemWord: fc.nat(),
  description: fc.nat(DESCRIPTIONS.length - 1),
  state: fc.constantFrom<State>('on', 'off', 'unreadable'),
  kind: fc.constantFrom<Kind>('native', 'aria', 'switch'),
  composed: fc.boolean(),
});
const formSpec = fc.record({
  mode: fc.constantFrom('read_only', 'read_write', 'absent', 'unreadable'),
  rights: fc.array(right, { minLength: 1, maxLength: 7 }),
});

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

function control(spec: RightSpec, name: string): string {
  const description = DESCRIPTIONS[spec.description] ?? '';
  const desc = description ? `<div>${description}</div>` : '';
  if (spec.kind === 'native') {
    if (spec.state === 'unreadable') {
      // A custom control whose state the page does not expose.
      return `<div><div role="checkbox" tabindex="0"><span>${name}</span></div>${desc}</div>`;
    }
    return `<div><label><input type="checkbox"${spec.state === 'on' ? ' checked' : ''}><span>${name}</span></label>${desc}</div>`;
  }
  const role = spec.kind === 'switch' ? 'switch' : 'checkbox';
  const state = spec.state === 'unreadable' ? '' : ` aria-checked="${spec.state === 'on'}"`;
  return `<div><button type="button" role="${role}"${state} aria-label="${name}"></button>${desc}</div>`;
}

function render(spec: { mode: string; rights: RightSpec[] }): string {
  const modes =
    spec.mode === 'absent'
      ? ''
      : `<div role="radiogroup">${['read_only', 'read_write']
          .map((value) => {
            const state = spec.mode === 'unreadable' ? '' : ` aria-checked="${spec.mode === value}"`;
            return `<div role="radio"${state} tabindex="0">${value === 'read_only' ? 'Read-only' : 'Read-write'}</div>`;
          })
          .join('')}</div>`;
  const rows = spec.rights
    .map((r) => {
      const group = pick(GROUPS[r.group], r.groupWord);
      const item = pick(ITEMS[r.item], r.itemWord);
      if (r.composed) return `<div>${control(r, `${group} ${item}`)}</div>`;
      return `<div><div>${group}</div><div>${control(r, item)}</div></div>`;
    })
    .join('');
  return `<div role="dialog" aria-modal="true"><div>Create system-generated API Key</div>
    <div><div>Permissions</div><div>${modes}${rows}</div></div>
    <button type="submit">Next</button></div>`;
}

const moneyItem = (r: RightSpec) => r.item === 'transfer' || r.item === 'withdraw';
const knownPair = (r: RightSpec) => KNOWN[r.group]?.includes(r.item) ?? false;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fail safe: never a ✓ that was not read', () => {
  it('incomplete classification → no safety line is ✓; a risky right maybe on → the guard stops Next', () => {
    fc.assert(
      fc.property(formSpec, (spec) => {
        document.body.innerHTML = '';
        mount(render(spec));
        const [form] = visibleDialogs(document);
        if (!form) throw new Error('no form');
        const view = readPermissions(form);
        const summary = summariseRights(view);
        const line = (id: string) => summary.checklist.find((l) => l.id === id);

        const unreadable = spec.rights.some((r) => r.state === 'unreadable');
        const unknownOn = spec.rights.some((r) => r.state === 'on' && !knownPair(r) && !moneyItem(r));
        const moneyMaybeOn = spec.rights.some((r) => moneyItem(r) && r.state !== 'off');
        const incomplete = unreadable || unknownOn;

        if (incomplete || moneyMaybeOn) {
          expect(line('no-transfer-withdraw')?.ok).toBe(false);
          expect(summary.checklist.filter((l) => l.ok && l.id === 'no-transfer-withdraw')).toEqual([]);
          expect(summary.satisfied).toBe(false);
          expect(guardReason(form)).toBeDefined();
        }
        if (incomplete) {
          expect(summary.checklist.some((l) => l.ok && l.id === 'no-transfer-withdraw')).toBe(false);
          expect(summary.satisfied).toBe(false);
        }
        if (spec.mode === 'absent' || spec.mode === 'unreadable') {
          expect(line('read-write')?.ok ?? false).toBe(false);
          expect(line('uta.trade')?.ok ?? false).toBe(false);
          expect(summary.satisfied).toBe(false);
        }
        if (spec.mode === 'read_only') expect(line('read-write')?.ok ?? false).toBe(false);
        // Every unknown right that is on is named by the page's own words.
        expect(summary.unknown.length).toBeGreaterThanOrEqual(
          spec.rights.filter((r) => r.state === 'on' && r.group === 'other' && r.item === 'other').length > 0 ? 1 : 0,
        );
      }),
      { numRuns: 400 },
    );
  }, 120_000);
});

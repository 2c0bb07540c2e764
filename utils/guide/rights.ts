/**
 * What Mantix needs from a key's rights, and the plan that gets the page
 * there: pure decisions over the adapter's reading of the permissions.
 */
import type { Layout, Level, LevelChoice, PermissionsView, RightControl } from '../bitget/adapter';
import { type KnownRight, REQUIRED_RIGHTS, RIGHTS } from '../bitget/selectors';
import { t } from '../i18n';

export interface ChecklistItem {
  id: string;
  label: string;
  ok: boolean;
}

export interface RightsSummary {
  layout: Layout;
  checklist: ChecklistItem[];
  /** Every required right on, at the required level, and nothing dangerous. */
  satisfied: boolean;
  /** Labels of transfer / withdraw rights that are on. */
  dangerous: string[];
  /** Labels of rights that are on but not needed (turned off by "Set up rights"). */
  extra: string[];
}

/** Bitget's names of the Classic rights Mantix needs, in the UI language. */
const CLASSIC_LABELS = {
  'futures.orders': 'rights_futuresOrders',
  'futures.holdings': 'rights_futuresHoldings',
  'spot.trade': 'rights_spotTrade',
  'margin.trade': 'rights_marginTrade',
} as const satisfies Record<(typeof REQUIRED_RIGHTS.classic)[number], string>;

function required(layout: Layout): readonly string[] {
  if (layout === 'classic') return REQUIRED_RIGHTS.classic;
  if (layout === 'unified') return REQUIRED_RIGHTS.unified;
  return [];
}

function byId(view: PermissionsView, id: string): RightControl | undefined {
  return view.rights.find((r) => r.id === id);
}

export function summariseRights(view: PermissionsView): RightsSummary {
  const dangerous = view.rights.filter((r) => r.dangerous && r.checked).map((r) => r.label);
  const needed = required(view.layout);
  const extra = view.rights.filter((r) => r.checked && !r.dangerous && !needed.includes(r.id)).map((r) => r.label);
  const checklist: ChecklistItem[] = [];
  if (view.layout === 'classic') {
    checklist.push({ id: 'read-write', label: t('rights_readWrite'), ok: view.mode?.value === 'read_write' });
    for (const id of REQUIRED_RIGHTS.classic) {
      checklist.push({ id, label: t(CLASSIC_LABELS[id]), ok: byId(view, id)?.checked === true });
    }
  } else if (view.layout === 'unified') {
    const trade = byId(view, 'uta.trade');
    checklist.push({
      id: 'uta.trade',
      label: t('rights_utaTrade'),
      ok: trade?.checked === true && (trade.level ? trade.level.value === 'read_write' : true),
    });
  }
  checklist.push({ id: 'no-transfer-withdraw', label: t('checklist_noTransfer'), ok: dangerous.length === 0 });
  return {
    layout: view.layout,
    checklist,
    satisfied: view.layout !== 'unknown' && checklist.every((item) => item.ok),
    dangerous,
    extra,
  };
}

export type RightsAction =
  | { kind: 'level'; label: string; choice: LevelChoice; level: Level }
  | { kind: 'toggle'; label: string; control: HTMLElement; on: boolean };

/**
 * The next writes that leave exactly what Mantix needs: Classic Read-write +
 * Futures Orders + Holdings + Spot Trade + Margin Trade; UTA Unified account
 * trade at Read-write; everything else off. With `onlyDangerous`, just turns
 * transfer / withdraw off. An unknown layout gets only the dangerous part.
 */
export function planRights(view: PermissionsView, options: { onlyDangerous?: boolean } = {}): RightsAction[] {
  const actions: RightsAction[] = [];
  const needed = options.onlyDangerous ? [] : required(view.layout);
  const exact = !options.onlyDangerous && view.layout !== 'unknown';
  if (exact && view.layout === 'classic' && view.mode && view.mode.value !== 'read_write') {
    actions.push({ kind: 'level', label: t('rights_readWrite'), choice: view.mode, level: 'read_write' });
  }
  for (const right of view.rights) {
    const want = needed.includes(right.id);
    if (right.checked && !want && (exact || right.dangerous)) {
      actions.push({ kind: 'toggle', label: right.label, control: right.control, on: false });
    }
  }
  for (const right of view.rights) {
    if (!needed.includes(right.id)) continue;
    if (!right.checked) actions.push({ kind: 'toggle', label: right.label, control: right.control, on: true });
    else if (right.level && right.level.value !== 'read_write') {
      actions.push({
        kind: 'level',
        label: t('rights_levelReadWrite', right.label),
        choice: right.level,
        level: 'read_write',
      });
    }
  }
  return actions;
}

/** Observed permissions for Mantix, in Bitget's own codes (UTA levels as `code:level`). */
export function observedPermissions(view: PermissionsView): string[] {
  const codes: string[] = [];
  const write = view.mode?.value === 'read_write';
  for (const right of view.rights) {
    if (!right.checked) continue;
    if (right.id.startsWith('other:')) {
      codes.push(right.id.slice(0, 64));
      continue;
    }
    const [writeCode, readCode] = RIGHTS[right.id as KnownRight].codes as readonly [string, string?];
    if (view.layout === 'classic') codes.push(write ? writeCode : (readCode ?? writeCode));
    else codes.push(right.level?.value ? `${writeCode}:${right.level.value}` : writeCode);
  }
  return codes;
}

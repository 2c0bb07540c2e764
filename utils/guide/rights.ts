/**
 * What Mantix needs from a key's rights, and the plan that gets the page
 * there: pure decisions over the adapter's reading of the permissions.
 */
import type { Layout, Level, LevelChoice, PermissionsView, RightControl } from '../bitget/permissions';
import { type KnownRight, REQUIRED_RIGHTS, RIGHTS } from '../bitget/rights';
import { t } from '../i18n';

/** A safety fact as read: ✓ only for `ok`; `unknown` is "Could not check". */
export type CheckState = 'ok' | 'no' | 'unknown';

export interface ChecklistItem {
  id: string;
  label: string;
  /** True only when the page was read and the fact holds. */
  ok: boolean;
  state: CheckState;
}

export interface RightsSummary {
  layout: Layout;
  checklist: ChecklistItem[];
  /** Every required right on, at the required level, nothing risky, and every control read. */
  satisfied: boolean;
  /** Every on/off control was read (its state) and every one that is on was recognised. */
  complete: boolean;
  /** Labels of transfer / withdraw rights that are on. */
  dangerous: string[];
  /** Labels of rights that are on and that Mantix does not recognise (risky; turned off by "Set up rights"). */
  unknown: string[];
  /** Labels of known rights that are on but not needed (turned off by "Set up rights"). */
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

function item(id: string, label: string, state: CheckState): ChecklistItem {
  return { id, label, ok: state === 'ok', state };
}

/** A right that must be on: ✓ on, ○ off, ? when it is not on the page or its state cannot be read. */
function onState(right: RightControl | undefined): CheckState {
  if (!right?.readable) return 'unknown';
  return right.checked ? 'ok' : 'no';
}

/** A Read-only / Read-write choice that must be Read-write. */
function levelState(choice: LevelChoice | undefined): CheckState {
  if (!choice?.value) return 'unknown';
  return choice.value === 'read_write' ? 'ok' : 'no';
}

/** A right that is on, and risky: it moves money, or Mantix does not know what it does. */
export function risky(right: RightControl): boolean {
  return right.checked && (right.dangerous || !right.known);
}

/**
 * The checklist, FAIL SAFE: a line is ✓ only when the page was read and
 * shows it; what could not be read is "Could not check", never ✓.
 */
export function summariseRights(view: PermissionsView): RightsSummary {
  const dangerous = view.rights.filter((r) => r.dangerous && r.checked).map((r) => r.label);
  const unknown = view.rights.filter((r) => r.checked && !r.dangerous && !r.known).map((r) => r.label);
  const unreadable = view.rights.some((r) => !r.readable);
  const complete = view.rights.length > 0 && !unreadable && unknown.length === 0;
  const needed = required(view.layout);
  const extra = view.rights
    .filter((r) => r.checked && r.known && !r.dangerous && !needed.includes(r.id))
    .map((r) => r.label);
  const checklist: ChecklistItem[] = [];
  if (view.layout === 'classic') {
    checklist.push(item('read-write', t('rights_readWrite'), levelState(view.mode)));
    for (const id of REQUIRED_RIGHTS.classic) checklist.push(item(id, t(CLASSIC_LABELS[id]), onState(byId(view, id))));
  } else if (view.layout === 'unified') {
    const trade = byId(view, 'uta.trade');
    const on = onState(trade);
    const level = levelState(trade?.level ?? view.mode);
    checklist.push(item('uta.trade', t('rights_utaTrade'), on === 'ok' ? level : on));
  } else {
    checklist.push(item('needed', t('rights_needed'), 'unknown'));
  }
  const noMoneyOut: CheckState = dangerous.length ? 'no' : complete ? 'ok' : 'unknown';
  checklist.push(item('no-transfer-withdraw', t('checklist_noTransfer'), noMoneyOut));
  return {
    layout: view.layout,
    checklist,
    satisfied: view.layout !== 'unknown' && complete && checklist.every((line) => line.ok),
    complete,
    dangerous,
    unknown,
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
 * transfer / withdraw and unknown rights off. An unknown layout gets only
 * that part (risky rights off).
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
    if (right.checked && !want && (exact || risky(right))) {
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

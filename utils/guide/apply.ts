/**
 * Applying a rights plan to the page one write at a time, re-reading the
 * page after each (it re-renders, and some rights depend on others, e.g.
 * Withdraw needs Read-write).
 */
import type { PermissionsView } from '../bitget/permissions';
import { setLevel, setToggle, settle, WriteError } from '../bitget/write';
import { planRights } from './rights';

export async function applyRights(
  read: () => PermissionsView,
  options: { onlyDangerous?: boolean } = {},
): Promise<PermissionsView> {
  const tries = new Map<string, number>();
  for (let i = 0; i < 64; i++) {
    const view = read();
    const [next] = planRights(view, options);
    if (!next) return view;
    const key = `${next.kind}:${next.label}`;
    const count = (tries.get(key) ?? 0) + 1;
    tries.set(key, count);
    if (count > 2) throw new WriteError('changeRefused', next.label);
    if (next.kind === 'toggle') await setToggle(next.control, next.on);
    else await setLevel(next.choice, next.level);
    await settle();
  }
  throw new WriteError('rightsUnstable');
}

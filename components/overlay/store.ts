/**
 * The overlay's view state: one zustand store per content-script context
 * (created when the overlay mounts, dropped when it unmounts).
 *
 * Only display data lives here. Never a secret: no passphrase (only whether
 * it meets Bitget's rule), no Secret Key, no DOM element.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PageKind } from '@/utils/bitget/state';
import type { Corner, Placement, UserPosition } from '@/utils/guide/placement';
import type { FormView, Missing } from '@/utils/guide/read-form';
import type { SetupLine } from '@/utils/guide/setup';
import type { StepIndex } from '@/utils/guide/steps';

/** `risky`: a money-moving or unknown right is on; `unchecked`: the rights could not all be read. */
export type GuardReason = 'risky' | 'unchecked';

export interface TaskStatus {
  state: 'idle' | 'working' | 'done' | 'error';
  message?: string;
  detail?: string;
}

export type { Corner, FormView, Missing, Placement, UserPosition };

export interface MantixIps {
  state: 'unknown' | 'loading' | 'ready' | 'not-linked' | 'error';
  ips: string[];
  message?: string;
  detail?: string;
}

export interface CaptureView {
  /** `copy`: waiting for the user to press the Copy button of a Secret Key the page does not show. */
  state: 'idle' | 'armed' | 'copy' | 'sending' | 'done' | 'failed';
  message?: string;
}

/** "Set up for Mantix": its report, line by line (utils/guide/setup.ts). */
export interface SetupView {
  state: 'idle' | 'working' | 'done';
  headline?: string;
  lines: SetupLine[];
}

/** The generated passphrase's state; its value is never here (components/overlay/setup-for-mantix.ts). */
export interface GeneratedView {
  state: 'none' | 'filled' | 'shown' | 'gone';
  message?: string;
}

export interface GuideState {
  page: PageKind;
  step: StepIndex;
  keyCount?: number;
  /** The result dialog: a System-generated (capturable) or User-generated (RSA) key. */
  resultKeyType?: 'system' | 'user';
  form?: FormView;
  /** Controls the guide looked for and could not find (or found twice), per step. */
  missing: Missing[];
  /** What "Show me" highlights, in words (the text equivalent of the spotlight). */
  target?: string;
  spotlight: boolean;
  minimised: boolean;
  /** The last corner the guide chose (kept when it can, so the panel does not wander). */
  corner: Corner;
  /** Where the panel is (utils/guide/placement.ts): a corner, the user's spot, or docked as a tab. */
  placement: Placement;
  /** Docked: the user opened the panel from the tab (it may cover the form until closed). */
  dockOpen: boolean;
  /** Where the user moved the panel (remembered by the background), or null: the guide chooses. */
  userPosition: UserPosition | null;
  /** A drag is under way: the panel follows the pointer wherever it goes. */
  moving: boolean;
  /** The user's spot would cover Bitget's form: the guide placed the panel elsewhere (and says so). */
  userOverridden: boolean;
  /** The Transfer / Withdraw question, asked when Next is pressed with one on (or the rights unread). */
  guardOpen: boolean;
  /** Why the guard stopped Next: a risky right on, or rights it could not read. */
  guardReason?: GuardReason;
  mantixIps: MantixIps;
  ipTask: TaskStatus;
  rightsTask: TaskStatus;
  noteTask: TaskStatus;
  copyTask: TaskStatus;
  capture: CaptureView;
  setupTask: SetupView;
  generated: GeneratedView;
}

export type GuideStore = StoreApi<GuideState>;

export function initialGuideState(): GuideState {
  return {
    page: 'loading',
    step: 1,
    missing: [],
    spotlight: false,
    minimised: false,
    corner: 'bottom-right',
    placement: { mode: 'corner', corner: 'bottom-right' },
    dockOpen: false,
    userPosition: null,
    moving: false,
    userOverridden: false,
    guardOpen: false,
    mantixIps: { state: 'unknown', ips: [] },
    ipTask: { state: 'idle' },
    rightsTask: { state: 'idle' },
    noteTask: { state: 'idle' },
    copyTask: { state: 'idle' },
    capture: { state: 'idle' },
    setupTask: { state: 'idle', lines: [] },
    generated: { state: 'none' },
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `next`, with every part that equals the same part of `previous` replaced by
 * `previous`'s own (the same object): `previous` itself when nothing changed.
 * The panel's parts select their slice of the state, so a scan that changed
 * one right re-renders the rights, not the whole form's help.
 */
export function keepUnchanged<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return previous as T;
  if (Array.isArray(previous) && Array.isArray(next)) {
    const items = next.map((item, index) => keepUnchanged(previous[index], item));
    const same = items.length === previous.length && items.every((item, index) => item === previous[index]);
    return (same ? previous : items) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const parts: Record<string, unknown> = {};
    let same = keys.length === Object.keys(previous).length;
    for (const key of keys) {
      parts[key] = keepUnchanged(previous[key], next[key]);
      if (!(key in previous) || parts[key] !== previous[key]) same = false;
    }
    return (same ? previous : parts) as T;
  }
  return next;
}

export function createGuideStore(initial: Partial<GuideState> = {}): GuideStore {
  return createStore<GuideState>()(() => ({ ...initialGuideState(), ...initial }));
}

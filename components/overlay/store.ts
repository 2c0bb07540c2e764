/**
 * The overlay's view state: one zustand store per content-script context
 * (created when the overlay mounts, dropped when it unmounts).
 *
 * Only display data lives here. Never a secret: no passphrase (only whether
 * it meets Bitget's rule), no Secret Key, no DOM element.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ControlId, Layout } from '@/utils/bitget/adapter';
import type { PageKind } from '@/utils/bitget/state';
import type { Corner } from '@/utils/guide/placement';
import type { ChecklistItem } from '@/utils/guide/rights';
import type { PassphraseCheck, StepIndex } from '@/utils/guide/steps';

export interface FormView {
  keyType: 'system' | 'user';
  note: { found: boolean; filled: boolean; tooLong: boolean };
  passphrase: { found: boolean; check: PassphraseCheck; autofilled: boolean };
  rights: {
    found: boolean;
    layout: Layout;
    checklist: ChecklistItem[];
    satisfied: boolean;
    dangerous: string[];
    extra: string[];
  };
  ips: { found: boolean; kind?: 'comma' | 'chips'; current: string[] };
}

export interface TaskStatus {
  state: 'idle' | 'working' | 'done' | 'error';
  message?: string;
  detail?: string;
}

export interface Missing {
  control: ControlId;
  step: StepIndex;
}

export type { Corner };

export interface MantixIps {
  state: 'unknown' | 'loading' | 'ready' | 'not-linked' | 'error';
  ips: string[];
  message?: string;
  detail?: string;
}

export interface CaptureView {
  state: 'idle' | 'armed' | 'sending' | 'done' | 'failed';
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
  corner: Corner;
  /** Set when the panel must be shorter than its content to stay clear of the target. */
  panelMaxHeight?: number;
  /** The Transfer / Withdraw question, asked when Next is pressed with one on. */
  guardOpen: boolean;
  mantixIps: MantixIps;
  ipTask: TaskStatus;
  rightsTask: TaskStatus;
  noteTask: TaskStatus;
  copyTask: TaskStatus;
  capture: CaptureView;
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
    guardOpen: false,
    mantixIps: { state: 'unknown', ips: [] },
    ipTask: { state: 'idle' },
    rightsTask: { state: 'idle' },
    noteTask: { state: 'idle' },
    copyTask: { state: 'idle' },
    capture: { state: 'idle' },
  };
}

export function createGuideStore(initial: Partial<GuideState> = {}): GuideStore {
  return createStore<GuideState>()(() => ({ ...initialGuideState(), ...initial }));
}

/**
 * "Set up for Mantix": the note, a generated passphrase (only into an empty
 * field), the rights and the server IPs in one action, then a report item by
 * item. Pure orchestration: the steps themselves (the
 * panel's existing note / rights / IP actions) and the read-back of the page
 * are passed in.
 *
 * Fail safe: a line says "done" only when the page, read back AFTER every
 * step ran, shows it done. A step that reported success but is not on the
 * page reads "not confirmed"; one the guide cannot read reads "could not
 * check". A step that failed but whose result is on the page anyway (e.g.
 * the IPs were already there) reads "done" — the page is the judge.
 */
import { t } from '../i18n';

export const SETUP_ITEMS = ['note', 'passphrase', 'rights', 'ips'] as const;
export type SetupItem = (typeof SETUP_ITEMS)[number];

/** How an item looks on the page after the steps: read back, never assumed. */
export type Verdict = 'ok' | 'wrong' | 'unreadable';
export type SetupReadBack = Record<SetupItem, Verdict>;

/** Why a step failed, in the user's words. `notLinked`: the IPs need a linked account. */
export interface StepFailure {
  message: string;
  detail?: string;
  notLinked?: boolean;
}

export interface SetupSteps {
  /** Each resolves with the sentence of what it did, or rejects (see `explain`). */
  note(): Promise<string>;
  passphrase(): Promise<string>;
  rights(): Promise<string>;
  ips(): Promise<string>;
  /** Lets the page's framework re-render before the read-back. */
  settle(): Promise<void>;
  readBack(): SetupReadBack;
  explain(error: unknown): StepFailure;
}

export type LineState = 'done' | 'failed' | 'unchecked' | 'not-linked';

export interface SetupLine {
  item: SetupItem;
  state: LineState;
  message: string;
  detail?: string;
}

type StepResult = { ok: true; message: string } | ({ ok: false } & StepFailure);

/**
 * What the note and passphrase steps do with a field's current value: only an
 * empty field is filled; a user's own note or passphrase is kept.
 */
export function fillDecision(current: string): 'write' | 'keep' {
  return current.trim().length === 0 ? 'write' : 'keep';
}

function itemName(item: SetupItem): string {
  if (item === 'note') return t('form_noteSection');
  if (item === 'passphrase') return t('field_passphrase');
  if (item === 'rights') return t('form_rightsSection');
  return t('form_ipsSection');
}

/** One line of the report from what the step said and what the page shows now. */
export function reconcile(item: SetupItem, result: StepResult, verdict: Verdict): SetupLine {
  const name = itemName(item);
  if (!result.ok && result.notLinked) {
    return { item, state: 'not-linked', message: t('setup_notLinked') };
  }
  if (verdict === 'unreadable') {
    return { item, state: 'unchecked', message: t('setup_cannotCheck', name) };
  }
  if (verdict === 'ok') {
    return { item, state: 'done', message: result.ok ? result.message : t('setup_alreadyDone', name) };
  }
  if (result.ok) return { item, state: 'failed', message: t('setup_notConfirmed', name) };
  return {
    item,
    state: 'failed',
    message: t('setup_failed', [name, result.message]),
    ...(result.detail ? { detail: result.detail } : {}),
  };
}

/** Runs the note, rights and IP steps in this order (one failing does not stop the rest), then reads back. */
export async function setUpForMantix(steps: SetupSteps): Promise<SetupLine[]> {
  const results = {} as Record<SetupItem, StepResult>;
  for (const item of SETUP_ITEMS) {
    try {
      results[item] = { ok: true, message: await steps[item]() };
    } catch (error) {
      results[item] = { ok: false, ...steps.explain(error) };
    }
  }
  await steps.settle();
  let readBack: SetupReadBack;
  try {
    readBack = steps.readBack();
  } catch {
    readBack = { note: 'unreadable', passphrase: 'unreadable', rights: 'unreadable', ips: 'unreadable' };
  }
  return SETUP_ITEMS.map((item) => reconcile(item, results[item], readBack[item]));
}

/** The report's headline: everything done, or how many items need the user. */
export function setupHeadline(lines: readonly SetupLine[]): string {
  const open = lines.filter((line) => line.state !== 'done').length;
  if (open === 0) return t('setup_allDone');
  return open === 1 ? t('setup_someOpen_one', open) : t('setup_someOpen_other', open);
}

/**
 * Bitget's form → plain data: what the panel shows about it (FormView), how
 * far the user is (FormProgress), what could not be found, and which control
 * the guide points at next. No words (the overlay says them), no layout, no
 * writes; the passphrase is checked and dropped (only the verdict is kept).
 */
import { type ControlId, NotFoundError, optional } from '../bitget/find';
import { findNoteField, findPassphraseField, findSubmitButton } from '../bitget/form';
import { findIpField, readIps } from '../bitget/ip-field';
import { type PermissionsView, readPermissions } from '../bitget/permissions';
import { IPV4_TEXT, NOTE_MAX_LENGTH } from '../bitget/selectors';
import type { Observed } from '../protocol';
import { observedPermissions, type RightsSummary, summariseRights } from './rights';
import { checkPassphrase, type FormProgress, type PassphraseCheck, type StepIndex } from './steps';

/** The note "Use “Mantix”" suggests. */
export const SUGGESTED_NOTE = 'Mantix';

export interface FormView {
  keyType: 'system' | 'user';
  note: { found: boolean; filled: boolean; tooLong: boolean };
  passphrase: { found: boolean; check: PassphraseCheck; autofilled: boolean };
  /** The rights as read (`complete` only when every on/off control was read and each one on recognised). */
  rights: RightsSummary & { found: boolean };
  ips: { found: boolean; kind?: 'comma' | 'chips'; current: string[] };
}

export interface Missing {
  control: ControlId;
  step: StepIndex;
}

/** What "Show me" points at: a control of Bitget's page, or one of two wider things. */
export type TargetId = ControlId | 'verificationFields' | 'resultWindow' | 'secretCopy';

export interface Target {
  element: Element;
  what: TargetId;
}

export interface FormReading {
  form: FormView;
  progress: FormProgress;
  missing: Missing[];
  target: Target | undefined;
}

function autofilled(input: HTMLInputElement): boolean {
  for (const pseudo of [':autofill', ':-webkit-autofill']) {
    try {
      if (input.matches(pseudo)) return true;
    } catch {
      // This engine does not know the pseudo-class.
    }
  }
  return false;
}

/** Calls a finder; on NotFoundError records the control as missing for `step`. */
export function findOrNote<T>(missing: Missing[], control: ControlId, step: StepIndex, finder: () => T): T | undefined {
  try {
    return finder();
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    missing.push({ control, step });
    return undefined;
  }
}

/**
 * Reads the form in `dialog`. `mantixIps`: the linked account's server IPs
 * when known (the IP step is done when all of them are in the field).
 */
export function readForm(
  dialog: HTMLElement,
  keyType: 'system' | 'user',
  mantixIps: readonly string[] | undefined,
): FormReading {
  const missing: Missing[] = [];
  const find = <T>(control: ControlId, step: StepIndex, finder: () => T) => findOrNote(missing, control, step, finder);
  const note = find('note', 3, () => findNoteField(dialog));
  const passphrase = keyType === 'system' ? find('passphrase', 3, () => findPassphraseField(dialog)) : undefined;
  const permissions = find('permissions', 3, () => readPermissions(dialog));
  const ipField = find('ipField', 4, () => findIpField(dialog));
  const submit = find('submit', 5, () => findSubmitButton(dialog));

  const noteValue = note?.value ?? '';
  const check = checkPassphrase(passphrase?.value ?? '');
  const rights = permissions ? summariseRights(permissions) : undefined;
  const currentIps = ipField ? readIps(ipField) : [];
  const form: FormView = {
    keyType,
    note: {
      found: note !== undefined,
      filled: noteValue.trim().length > 0,
      tooLong: [...noteValue].length > NOTE_MAX_LENGTH,
    },
    passphrase: { found: passphrase !== undefined, check, autofilled: passphrase ? autofilled(passphrase) : false },
    rights: {
      found: permissions !== undefined,
      layout: rights?.layout ?? 'unknown',
      checklist: rights?.checklist ?? [],
      satisfied: rights?.satisfied ?? false,
      complete: rights?.complete ?? false,
      dangerous: rights?.dangerous ?? [],
      unknown: rights?.unknown ?? [],
      extra: rights?.extra ?? [],
    },
    ips: { found: ipField !== undefined, ...(ipField ? { kind: ipField.kind } : {}), current: currentIps },
  };
  const progress: FormProgress = {
    keyType,
    noteDone: !note || (form.note.filled && !form.note.tooLong),
    passphraseDone: !passphrase || check === 'ok',
    rightsDone: !permissions || (rights?.satisfied ?? false),
    ipsDone: !ipField || (mantixIps ? mantixIps.every((ip) => currentIps.includes(ip)) : currentIps.length > 0),
  };
  let target: Target | undefined;
  if (keyType === 'system') {
    if (!progress.noteDone && note) target = { element: note, what: 'note' };
    else if (!progress.passphraseDone && passphrase) target = { element: passphrase, what: 'passphrase' };
    else if (!progress.rightsDone && permissions) target = { element: permissions.section, what: 'permissions' };
    else if (!progress.ipsDone && ipField) target = { element: ipField.input, what: 'ipField' };
    else if (submit) target = { element: submit, what: 'submit' };
  }
  return { form, progress, missing, target };
}

/** What the form showed about the key, for Mantix (no secret). */
export function observe(permissions: PermissionsView | undefined, ips: readonly string[]): Observed {
  const rights = permissions?.rights ?? [];
  return {
    account_mode:
      permissions?.layout === 'classic' ? 'classic' : permissions?.layout === 'unified' ? 'unified' : 'unknown',
    permissions: permissions ? observedPermissions(permissions).slice(0, 64) : [],
    transfer_enabled: rights.some((r) => r.checked && r.moves === 'transfer'),
    withdraw_enabled: rights.some((r) => r.checked && r.moves === 'withdraw'),
    ip_whitelist: ips.filter((ip) => IPV4_TEXT.test(ip)).slice(0, 30),
  };
}

/** What the form holds when the user submits it: read at Next, for the capture. */
export function readSubmitted(form: HTMLElement) {
  const passphrase = optional(() => findPassphraseField(form));
  if (!passphrase) return undefined;
  const note = optional(() => findNoteField(form));
  const permissions = optional(() => readPermissions(form));
  const ipField = optional(() => findIpField(form));
  return {
    passphrase: passphrase.value,
    ...(note?.value ? { note: note.value } : {}),
    observed: observe(permissions, ipField ? readIps(ipField) : []),
  };
}

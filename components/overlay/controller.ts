/**
 * The overlay's link to Bitget's page, per content-script context:
 *
 * - ONE MutationObserver; each batch of records is filtered cheaply (a
 *   ticker's text and class changes are dropped at once). A relevant change
 *   is scanned at once if it is the first in this animation frame (so the
 *   panel reacts in the frame the change is painted in), and any further
 *   ones are coalesced into one scan at the next frame: at most two scans a
 *   frame, however busy the page;
 * - a scan reads the page through the adapter (no layout: text, attributes,
 *   visibility) and updates the store once; boxes (panel placement, the
 *   spotlight) are read and written only in the animation frame;
 * - the actions the panel offers (Show me, Set up rights, Fill IPs, …);
 * - the Transfer / Withdraw guard on Bitget's Next button (capture phase);
 * - the capture of the new key (capture.ts).
 *
 * Nothing here throws into the page: every listener and scan is guarded.
 */
import {
  type ControlId,
  findConfirmButton,
  findCreateButton,
  findIpField,
  findKeyTypeOption,
  findNoteField,
  findPassphraseField,
  findPermissionsSection,
  findSignInButton,
  findSubmitButton,
  NotFoundError,
  optional,
  type PermissionsView,
  readIps,
  readPermissions,
  verificationFields,
} from '@/utils/bitget/adapter';
import { isVisible } from '@/utils/bitget/dom';
import {
  DIALOG_SELECTOR,
  IPV4_TEXT,
  NOTE_MAX_LENGTH,
  RELEVANT_ATTRIBUTES,
  RELEVANT_SELECTOR,
} from '@/utils/bitget/selectors';
import { detectPageState, type PageState } from '@/utils/bitget/state';
import { settle, WriteError, writeIps, writeText } from '@/utils/bitget/write';
import { applyRights } from '@/utils/guide/apply';
import { choosePlacement, PANEL_MARGIN } from '@/utils/guide/placement';
import { observedPermissions, summariseRights } from '@/utils/guide/rights';
import { checkPassphrase, currentStep, type FormProgress, type StepIndex } from '@/utils/guide/steps';
import { t } from '@/utils/i18n';
import { MAX_BOUND_IPS, mergeIps, validateServerIps } from '@/utils/ip';
import type { request as requestFn } from '@/utils/messaging';
import type { Observed } from '@/utils/protocol';
import { type CapturePort, type CaptureSession, createCaptureSession } from './capture';
import type { FormView, GuideState, GuideStore, Missing, TaskStatus } from './store';

export const SUGGESTED_NOTE = 'Mantix';

export interface ControllerDeps {
  document: Document;
  window: Window;
  request: typeof requestFn;
  connect(name: string): CapturePort;
  /** Writes text to the clipboard; rejects when the browser refuses. */
  copy(text: string): Promise<void>;
  /** The overlay's own host element: mutations inside it are ours. */
  host?: Element;
}

export interface GuideActions {
  toggleMinimised(): void;
  showMe(): void;
  hideSpotlight(): void;
  setUpRights(): Promise<void>;
  turnOffDangerous(): Promise<void>;
  fillIps(): Promise<void>;
  copyIps(): Promise<void>;
  copyText(text: string, what: string): Promise<void>;
  applySuggestedNote(): Promise<void>;
  openOptions(): Promise<void>;
  guardTurnOffAndContinue(): Promise<void>;
  guardContinueAnyway(): void;
  guardCancel(): void;
  registerSpotlight(element: HTMLElement | null): void;
  registerPanel(element: HTMLElement | null): void;
}

class TaskError extends Error {
  override name = 'TaskError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

type TaskKey = 'ipTask' | 'rightsTask' | 'noteTask' | 'copyTask';

interface Target {
  element: Element;
  label: string;
}

/** A control of Bitget's page as the target of "Next:" / "Show me", in the UI language. */
function targetLabel(control: ControlId): string {
  return t('guide_target', t(`control_${control}`));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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

function describeError(error: unknown): TaskStatus {
  if (error instanceof TaskError) {
    return { state: 'error', message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  }
  if (error instanceof NotFoundError) {
    return {
      state: 'error',
      message: t('guide_cannotFind', t(`control_${error.control}`)),
    };
  }
  if (error instanceof WriteError) {
    return { state: 'error', message: t('guide_byHand', error.message) };
  }
  return { state: 'error', message: t('guide_somethingWrong') };
}

export class GuideController {
  readonly actions: GuideActions;
  private readonly doc: Document;
  private readonly win: Window;
  private readonly abort = new AbortController();
  private observer: MutationObserver | undefined;
  private readonly watchedDialogs = new WeakSet<Element>();
  private frame = 0;
  /** A scan already ran in this frame: further changes wait for the next one. */
  private scannedThisFrame = false;
  private dirty = false;
  private placeDirty = false;
  private destroyed = false;
  private page: PageState = { kind: 'loading' };
  private target: Target | undefined;
  private spotlightEl: HTMLElement | null = null;
  private panelEl: HTMLElement | null = null;
  private bypassGuard = false;
  private readonly capture: CaptureSession;

  constructor(
    private readonly store: GuideStore,
    private readonly deps: ControllerDeps,
  ) {
    this.doc = deps.document;
    this.win = deps.window;
    this.capture = createCaptureSession({
      connect: (name) => deps.connect(name),
      report: (capture) => this.set({ capture }),
    });
    this.actions = this.createActions();
  }

  /* ------------------------------------------------------- lifecycle -- */

  start(): void {
    const signal = this.abort.signal;
    this.observer = new MutationObserver((records) => this.guard(() => this.onMutations(records)));
    // Text changes (a ticker's prices) are not even delivered: only the
    // dialog the flow is in is watched for them (see `watchDialog`).
    this.observer.observe(this.doc, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: RELEVANT_ATTRIBUTES,
    });
    const inDialog = (event: Event) => event.target instanceof Element && event.target.closest(DIALOG_SELECTOR);
    // A value change (typing, a native checkbox) may not touch the DOM at all.
    const onEdit = (event: Event) => {
      if (inDialog(event)) this.guard(() => this.invalidate());
    };
    this.doc.addEventListener('input', onEdit, { capture: true, signal });
    this.doc.addEventListener('change', onEdit, { capture: true, signal });
    this.win.addEventListener('click', (e) => this.guard(() => this.onClick(e)), { capture: true, signal });
    this.win.addEventListener('submit', (e) => this.guard(() => this.onSubmit(e)), { capture: true, signal });
    const onViewport = () => {
      if (this.target) this.invalidatePlacement();
    };
    this.doc.addEventListener('scroll', onViewport, { capture: true, passive: true, signal });
    this.win.addEventListener('resize', onViewport, { passive: true, signal });
    this.scan();
    this.invalidatePlacement();
  }

  destroy(): void {
    this.destroyed = true;
    this.observer?.disconnect();
    this.observer = undefined;
    if (this.frame) this.win.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.abort.abort();
    this.capture.disarm();
    this.target = undefined;
  }

  /** Runs `work`, never letting an error reach the page. */
  private guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      console.warn('Mantix guide:', error instanceof Error ? error.message : 'unexpected error');
    }
  }

  private set(patch: Partial<GuideState>): void {
    if (this.destroyed) return;
    const state = this.store.getState();
    const changed: Partial<GuideState> = {};
    for (const [key, value] of Object.entries(patch) as [keyof GuideState, unknown][]) {
      if (!sameJson(state[key], value)) (changed as Record<string, unknown>)[key] = value;
    }
    if (Object.keys(changed).length) this.store.setState(changed);
  }

  /* -------------------------------------------------------- watching -- */

  private isOurs(node: Node): boolean {
    const host = this.deps.host;
    return host !== undefined && (node === host || host.contains(node));
  }

  /** Cheap: is this record worth a scan? A ticker's price and class changes are not. */
  private relevant(record: MutationRecord): boolean {
    const target = record.target;
    if (this.isOurs(target)) return false;
    if (record.type === 'characterData') {
      const parent = target.parentElement;
      return parent !== null && parent.closest(DIALOG_SELECTOR) !== null;
    }
    if (record.type === 'attributes') {
      const element = target as Element;
      return element.matches(RELEVANT_SELECTOR) || element.querySelector(DIALOG_SELECTOR) !== null;
    }
    let textOnly = true;
    for (const list of [record.addedNodes, record.removedNodes]) {
      for (const node of Array.from(list)) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        textOnly = false;
        if (this.isOurs(node)) continue;
        const element = node as Element;
        if (element.matches(RELEVANT_SELECTOR) || element.querySelector(RELEVANT_SELECTOR)) return true;
      }
    }
    return textOnly && target instanceof Element && target.closest(DIALOG_SELECTOR) !== null;
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.dirty) return;
    for (const record of records) {
      if (this.relevant(record)) {
        this.invalidate();
        return;
      }
    }
  }

  /** Something relevant changed: scan now if this frame has not scanned yet, else at the next frame. */
  private invalidate(): void {
    if (this.destroyed) return;
    if (this.scannedThisFrame) {
      this.dirty = true;
    } else {
      this.scannedThisFrame = true;
      this.scan();
      this.placeDirty = true;
    }
    this.requestFrame();
  }

  private invalidatePlacement(): void {
    if (this.destroyed) return;
    this.placeDirty = true;
    this.requestFrame();
  }

  private requestFrame(): void {
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      this.scannedThisFrame = false;
      this.guard(() => {
        if (this.dirty) {
          this.dirty = false;
          this.scan();
          this.placeDirty = true;
        }
        if (this.placeDirty) {
          this.placeDirty = false;
          this.place();
        }
      });
    });
  }

  /* ------------------------------------------------------------ scan -- */

  private readForm(dialog: HTMLElement, keyType: 'system' | 'user') {
    const missing: Missing[] = [];
    const find = <T>(control: ControlId, step: StepIndex, finder: () => T): T | undefined => {
      try {
        return finder();
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        missing.push({ control, step });
        return undefined;
      }
    };
    const note = find('note', 3, () => findNoteField(dialog));
    const passphrase = keyType === 'system' ? find('passphrase', 3, () => findPassphraseField(dialog)) : undefined;
    const permissions = find('permissions', 3, () => readPermissions(dialog));
    const ipField = find('ipField', 4, () => findIpField(dialog));
    const submit = find('submit', 5, () => findSubmitButton(dialog));

    const noteValue = note?.value ?? '';
    // The passphrase is checked here and dropped: only the verdict is kept.
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
        dangerous: rights?.dangerous ?? [],
        extra: rights?.extra ?? [],
      },
      ips: { found: ipField !== undefined, ...(ipField ? { kind: ipField.kind } : {}), current: currentIps },
    };
    const mantix = this.store.getState().mantixIps;
    const progress: FormProgress = {
      keyType,
      noteDone: !note || (form.note.filled && !form.note.tooLong),
      passphraseDone: !passphrase || check === 'ok',
      rightsDone: !permissions || (rights?.satisfied ?? false),
      ipsDone:
        !ipField ||
        (mantix.state === 'ready' ? mantix.ips.every((ip) => currentIps.includes(ip)) : currentIps.length > 0),
    };
    let target: Target | undefined;
    if (keyType === 'system') {
      if (!progress.noteDone && note) target = { element: note, label: targetLabel('note') };
      else if (!progress.passphraseDone && passphrase)
        target = { element: passphrase, label: targetLabel('passphrase') };
      else if (!progress.rightsDone && permissions)
        target = { element: permissions.section, label: targetLabel('permissions') };
      else if (!progress.ipsDone && ipField) target = { element: ipField.input, label: targetLabel('ipField') };
      else if (submit) target = { element: submit, label: targetLabel('submit') };
    }
    return { form, progress, missing, target };
  }

  private findTarget(control: ControlId, step: StepIndex, missing: Missing[], finder: () => Element) {
    try {
      return { element: finder(), label: targetLabel(control) };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      missing.push({ control, step });
      return undefined;
    }
  }

  private scan(): void {
    if (this.destroyed) return;
    this.scannedThisFrame = true;
    const page = detectPageState(this.doc);
    this.page = page;
    if (page.dialog) this.watchDialog(page.dialog);
    let form: FormView | undefined;
    let progress: FormProgress | undefined;
    let missing: Missing[] = [];
    let target: Target | undefined;
    switch (page.kind) {
      case 'signed-out':
        target = this.findTarget('signIn', 0, missing, () => findSignInButton(this.doc));
        break;
      case 'key-list':
        target = this.findTarget('createApiKey', 2, missing, () => findCreateButton(this.doc));
        break;
      case 'chooser':
        if (page.dialog) {
          const dialog = page.dialog;
          target = this.findTarget('systemGenerated', 2, missing, () => findKeyTypeOption(dialog, 'system'));
        }
        break;
      case 'form':
        if (page.dialog) {
          const read = this.readForm(page.dialog, page.keyType ?? 'system');
          ({ form, progress, missing, target } = read);
        }
        break;
      case 'verification':
        if (page.dialog) {
          const dialog = page.dialog;
          const empty = verificationFields(dialog).find((field) => field.value.trim() === '');
          target = empty
            ? { element: empty, label: t('target_verificationFields') }
            : this.findTarget('confirm', 5, missing, () => findConfirmButton(dialog));
        }
        break;
      case 'result':
        if (page.dialog) target = { element: page.dialog, label: t('target_resultWindow') };
        break;
      default:
        break;
    }
    this.target = target;
    const previous = this.store.getState();
    const step = currentStep(page.kind, progress);
    this.set({
      page: page.kind,
      step,
      ...(page.keyCount !== undefined ? { keyCount: page.keyCount } : {}),
      resultKeyType: page.kind === 'result' ? page.keyType : undefined,
      form,
      missing,
      target: target?.label,
      ...(previous.page !== page.kind ? { spotlight: false } : {}),
      ...(page.kind !== 'form' ? { guardOpen: false } : {}),
    });
    if (page.kind === 'result' && page.dialog && page.keyType === 'system') {
      this.capture.onResult(page.dialog);
    }
    if (page.kind === 'form' && this.store.getState().mantixIps.state === 'unknown')
      void this.loadMantixIps().catch(() => undefined);
    // Placement reads layout: every caller marks it dirty for the next frame instead.
  }

  /** The same observer also watches the flow's dialog for text changes (a result filled in late). */
  private watchDialog(dialog: Element): void {
    if (!this.observer || this.watchedDialogs.has(dialog)) return;
    this.watchedDialogs.add(dialog);
    this.observer.observe(dialog, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: RELEVANT_ATTRIBUTES,
    });
  }

  /** Reads the target's and the panel's boxes, then moves the panel and the spotlight (reads before writes). */
  private place(): void {
    const target = this.target?.element;
    const state = this.store.getState();
    if (!target?.isConnected || !isVisible(target)) {
      this.set({ panelMaxHeight: undefined });
      this.drawSpotlight(undefined);
      return;
    }
    const rect = target.getBoundingClientRect();
    const viewport = { width: this.win.innerWidth, height: this.win.innerHeight };
    const panel = this.panelEl;
    if (panel) {
      const width = panel.getBoundingClientRect().width;
      // Its natural height: the content (it scrolls when shortened), at most the viewport.
      const height = Math.min(panel.scrollHeight + 2, viewport.height - 2 * PANEL_MARGIN);
      if (width > 0) {
        const placement = choosePlacement(
          { left: rect.left, top: rect.top, width: rect.width, height: rect.height },
          { width, height },
          viewport,
          state.corner,
        );
        this.set({ corner: placement.corner, panelMaxHeight: placement.maxHeight });
      }
    }
    this.drawSpotlight(state.spotlight ? rect : undefined);
  }

  private drawSpotlight(rect: DOMRect | undefined): void {
    const element = this.spotlightEl;
    if (!element) return;
    if (!rect) {
      if (!element.hidden) element.hidden = true;
      return;
    }
    const pad = 6;
    element.style.left = `${Math.round(rect.left - pad)}px`;
    element.style.top = `${Math.round(rect.top - pad)}px`;
    element.style.width = `${Math.round(rect.width + pad * 2)}px`;
    element.style.height = `${Math.round(rect.height + pad * 2)}px`;
    element.hidden = false;
  }

  /* ----------------------------------------------------------- guard -- */

  /** The form dialog as of now (re-detected if the page re-rendered it). */
  private currentForm(): HTMLElement | undefined {
    if (this.page.kind === 'form' && this.page.dialog?.isConnected) return this.page.dialog;
    const page = detectPageState(this.doc);
    this.page = page;
    return page.kind === 'form' ? page.dialog : undefined;
  }

  private dangerousOn(form: Element): boolean {
    const view = optional(() => readPermissions(form));
    return view?.rights.some((right) => right.dangerous && right.checked) ?? false;
  }

  private onClick(event: MouseEvent): void {
    const clicked = event.target;
    if (!(clicked instanceof Element) || this.isOurs(clicked) || !clicked.closest(DIALOG_SELECTOR)) return;
    const form = this.currentForm();
    if (!form?.contains(clicked)) return;
    const submit = optional(() => findSubmitButton(form));
    if (!submit?.contains(clicked)) return;
    this.onSubmitAttempt(event, form);
  }

  private onSubmit(event: Event): void {
    const submitted = event.target;
    if (!(submitted instanceof Element) || !submitted.closest(DIALOG_SELECTOR)) return;
    const form = this.currentForm();
    if (!form?.contains(submitted)) return;
    this.onSubmitAttempt(event, form);
  }

  private onSubmitAttempt(event: Event, form: HTMLElement): void {
    if (!this.bypassGuard && this.dangerousOn(form)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.set({ guardOpen: true, minimised: false });
      return;
    }
    this.armCapture(form);
  }

  /** Reads what the user submitted: the passphrase goes straight into the capture's closure. */
  private armCapture(form: HTMLElement): void {
    if (this.page.kind === 'form' && this.page.keyType === 'user') return;
    const passphrase = optional(() => findPassphraseField(form));
    if (!passphrase) return;
    const note = optional(() => findNoteField(form));
    const permissions = optional(() => readPermissions(form));
    const ipField = optional(() => findIpField(form));
    this.capture.arm({
      passphrase: passphrase.value,
      ...(note?.value ? { note: note.value } : {}),
      observed: observe(permissions, ipField ? readIps(ipField) : []),
    });
  }

  private clickSubmit(): void {
    const form = this.currentForm();
    if (!form) throw new TaskError(t('guide_formClosed'));
    const submit = findSubmitButton(form);
    this.bypassGuard = true;
    try {
      submit.click();
    } finally {
      this.bypassGuard = false;
    }
  }

  /* --------------------------------------------------------- actions -- */

  private requireForm(): HTMLElement {
    const form = this.currentForm();
    if (!form) throw new TaskError(t('guide_openFormFirst'));
    return form;
  }

  private async runTask(key: TaskKey, work: () => Promise<string>): Promise<boolean> {
    this.set({ [key]: { state: 'working' } } as Partial<GuideState>);
    let status: TaskStatus;
    try {
      status = { state: 'done', message: await work() };
    } catch (error) {
      status = describeError(error);
    }
    this.set({ [key]: status } as Partial<GuideState>);
    this.guard(() => this.invalidate());
    return status.state === 'done';
  }

  /** The linked account's server IPs, validated again here (1–10 public IPv4, no duplicates). */
  private async loadMantixIps(): Promise<string[]> {
    this.set({ mantixIps: { ...this.store.getState().mantixIps, state: 'loading' } });
    const result = await this.deps.request('serverIps:get', {});
    if (!result.ok) {
      const notLinked = result.error.code === 'not_linked';
      this.set({
        mantixIps: {
          state: notLinked ? 'not-linked' : 'error',
          ips: [],
          message: notLinked ? t('guide_notLinkedIps') : result.error.message,
          ...(result.error.detail ? { detail: result.error.detail } : {}),
        },
      });
      throw new TaskError(notLinked ? t('guide_linkFirst') : result.error.message, result.error.detail);
    }
    const check = validateServerIps(result.value.ips);
    if (!check.ok) {
      const message = t('link_badServerIps');
      this.set({ mantixIps: { state: 'error', ips: [], message, detail: check.reason } });
      throw new TaskError(message, check.reason);
    }
    this.set({ mantixIps: { state: 'ready', ips: check.ips } });
    return check.ips;
  }

  private async applyRightsTask(onlyDangerous: boolean): Promise<PermissionsView> {
    const read = () => readPermissions(this.requireForm());
    const view = await applyRights(read, { onlyDangerous });
    const summary = summariseRights(view);
    if (summary.dangerous.length) throw new WriteError(t('guide_couldNotTurnOff', summary.dangerous.join(', ')));
    return view;
  }

  private createActions(): GuideActions {
    return {
      toggleMinimised: () => this.set({ minimised: !this.store.getState().minimised }),
      showMe: () => {
        const target = this.target?.element;
        if (!target?.isConnected) return;
        this.set({ spotlight: true, minimised: false });
        target.scrollIntoView?.({ block: 'center', inline: 'nearest' });
        this.invalidatePlacement();
      },
      hideSpotlight: () => {
        this.set({ spotlight: false });
        this.drawSpotlight(undefined);
      },
      setUpRights: async () => {
        await this.runTask('rightsTask', async () => {
          findPermissionsSection(this.requireForm());
          const view = await this.applyRightsTask(false);
          const summary = summariseRights(view);
          if (!summary.satisfied) {
            throw new WriteError(view.layout === 'unknown' ? t('guide_layoutUnknown') : t('guide_rightsNotTaken'));
          }
          return view.layout === 'unified' ? t('guide_rightsSetUnified') : t('guide_rightsSetClassic');
        });
      },
      turnOffDangerous: async () => {
        await this.runTask('rightsTask', async () => {
          await this.applyRightsTask(true);
          return t('guide_transferOff');
        });
      },
      fillIps: async () => {
        await this.runTask('ipTask', async () => {
          const ips = await this.loadMantixIps();
          const form = this.requireForm();
          const field = findIpField(form);
          const existing = readIps(field);
          const merged = mergeIps(existing, ips, MAX_BOUND_IPS);
          if (!merged.ok) throw new TaskError(t('guide_nothingChanged', merged.reason));
          if (!merged.added.length) return t('guide_ipsAlready');
          await writeIps(() => findIpField(this.requireForm()), merged.ips);
          await settle();
          const now = readIps(findIpField(this.requireForm()));
          const lost = ips.filter((ip) => !now.includes(ip));
          if (lost.length) throw new WriteError(t('guide_notKept', lost.join(', ')));
          const counts = [merged.added.length, merged.ips.length];
          return merged.added.length === 1 ? t('guide_ipsAdded_one', counts) : t('guide_ipsAdded_other', counts);
        });
      },
      copyIps: async () => {
        await this.runTask('copyTask', async () => {
          const state = this.store.getState().mantixIps;
          const ips = state.state === 'ready' ? state.ips : await this.loadMantixIps();
          await this.copyOrExplain(ips.join(','), t('guide_ipsName'));
          return t('guide_ipsCopied');
        });
      },
      copyText: async (text, what) => {
        await this.runTask('copyTask', async () => {
          await this.copyOrExplain(text, what);
          return t('guide_copied', what);
        });
      },
      applySuggestedNote: async () => {
        await this.runTask('noteTask', async () => {
          const field = findNoteField(this.requireForm());
          await writeText(field, SUGGESTED_NOTE);
          return t('guide_noteSetTo', SUGGESTED_NOTE);
        });
      },
      openOptions: async () => {
        const result = await this.deps.request('options:open', {});
        if (!result.ok) this.set({ mantixIps: { ...this.store.getState().mantixIps, message: result.error.message } });
      },
      guardTurnOffAndContinue: async () => {
        const ok = await this.runTask('rightsTask', async () => {
          await this.applyRightsTask(true);
          return t('guide_transferOff');
        });
        if (!ok) return;
        this.set({ guardOpen: false });
        await settle();
        this.guard(() => this.clickSubmit());
      },
      guardContinueAnyway: () => {
        this.set({ guardOpen: false });
        this.guard(() => this.clickSubmit());
      },
      guardCancel: () => this.set({ guardOpen: false }),
      registerSpotlight: (element) => {
        this.spotlightEl = element;
      },
      registerPanel: (element) => {
        this.panelEl = element;
        if (element) this.invalidatePlacement();
      },
    };
  }

  private async copyOrExplain(text: string, what: string): Promise<void> {
    try {
      await this.deps.copy(text);
    } catch {
      throw new TaskError(t('guide_copyDenied', what));
    }
  }
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

/**
 * The overlay's link to Bitget's page, per content-script context. It wires
 * the parts together and owns the scan:
 *
 * - page-watcher.ts: when to scan (mutations, edits, frames);
 * - a scan reads the page through read-page.ts (the adapter and
 *   utils/guide/read-form.ts; no layout: text, attributes, visibility) and
 *   updates the store once;
 * - placement.ts: boxes, read and written only in the animation frame;
 * - move.ts: the user moving the panel, and the docked tab;
 * - press-hold.ts: the scans' news wait while the user presses the panel;
 * - submit-guard.ts: the Transfer / Withdraw guard on Bitget's Next button;
 * - actions.ts: what the panel's buttons do;
 * - capture.ts: the capture of the new key (copy-watch.ts: a Secret Key
 *   the page gives only through its Copy button).
 *
 * Nothing here throws into the page: every listener and scan is guarded.
 */

import { readingOnce } from '@/utils/bitget/dom';
import { findSecretCopyButton } from '@/utils/bitget/result';
import { detectPageState, type PageState } from '@/utils/bitget/state';
import type { Target } from '@/utils/guide/read-form';
import { currentStep } from '@/utils/guide/steps';
import type { pageRequest as requestFn } from '@/utils/page-protocol';
import { type ActionHost, createActions, loadMantixIps, type GuideActions as PanelActions } from './actions';
import { type CapturePort, type CaptureSession, createCaptureSession } from './capture';
import { CopyWatch } from './copy-watch';
import { createMoveActions, type MoveActions } from './move';
import { PageWatcher } from './page-watcher';
import { drawSpotlight, placePanel } from './placement';
import { PressHold } from './press-hold';
import { readPage, targetLabel } from './read-page';
import { createSetupActions, type SetupActions } from './setup-for-mantix';
import { type GuideState, type GuideStore, keepUnchanged } from './store';
import { SubmitGuard } from './submit-guard';

export { SUGGESTED_NOTE } from '@/utils/guide/read-form';
/** The panel's actions, with "Set up for Mantix", the generated passphrase and moving the panel. */
export type GuideActions = PanelActions &
  SetupActions &
  MoveActions & {
    /** The docked tab's element, measured by the placement. */
    registerTab(element: HTMLElement | null): void;
  };

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

export class GuideController {
  readonly actions: GuideActions;
  private readonly doc: Document;
  private readonly win: Window;
  private readonly abort = new AbortController();
  private readonly watcher: PageWatcher;
  private readonly submitGuard: SubmitGuard;
  private readonly capture: CaptureSession;
  private readonly copyWatch: CopyWatch;
  private destroyed = false;
  private page: PageState = { kind: 'loading' };
  /** The last form this document showed was a User-generated (RSA) one (the chooser said so). */
  private formWasUser = false;
  /** A money-moving right was on at the last scan (the panel opened for it once). */
  private dangerShown = false;
  private target: Target | undefined;
  private spotlightEl: HTMLElement | null = null;
  private panelEl: HTMLElement | null = null;
  private tabEl: HTMLElement | null = null;
  private readonly move: MoveActions;
  private readonly hold: PressHold<GuideState>;

  constructor(
    private readonly store: GuideStore,
    private readonly deps: ControllerDeps,
  ) {
    this.doc = deps.document;
    this.win = deps.window;
    const guard = (work: () => void) => this.guard(work);
    this.hold = new PressHold(this.win, (patch) => this.set(patch));
    this.capture = createCaptureSession({
      connect: (name) => deps.connect(name),
      // The capture's outcome is the moment the user acts on (Send, or copy
      // by hand): the panel opens wherever it sits, docked or minimised.
      report: (capture) =>
        this.set({
          capture,
          ...(capture.state === 'done' || capture.state === 'failed' || capture.state === 'copy'
            ? { dockOpen: true, minimised: false }
            : {}),
        }),
    });
    this.copyWatch = new CopyWatch({ window: this.win, guard, copied: (text) => this.capture.onCopied(text) });
    this.watcher = new PageWatcher({
      document: this.doc,
      window: this.win,
      ...(deps.host ? { host: deps.host } : {}),
      scan: () => readingOnce(() => this.scan()),
      place: () => this.place(),
      hasTarget: () => this.target !== undefined || this.page.dialog !== undefined,
      guard,
    });
    this.submitGuard = new SubmitGuard({
      window: this.win,
      isOurs: (node) => this.watcher.isOurs(node),
      currentForm: () => this.currentForm(),
      userGenerated: () => this.page.kind === 'form' && this.page.keyType === 'user',
      stop: (guardReason) => this.set({ guardOpen: true, guardReason, minimised: false, dockOpen: true }),
      arm: (submitted) => this.capture.arm(submitted),
      guard,
    });
    const host = this.actionHost();
    const panel = createActions(host);
    this.move = createMoveActions({
      store,
      request: deps.request,
      set: (patch) => this.set(patch),
      guard,
      window: this.win,
      panel: () => this.panelEl,
      replace: () => this.watcher.invalidatePlacement(),
    });
    this.actions = {
      ...panel,
      ...createSetupActions(host, panel),
      ...this.move,
      registerTab: (element) => {
        this.tabEl = element;
      },
    };
  }

  start(): void {
    this.watcher.start(this.abort.signal);
    this.submitGuard.start(this.abort.signal);
    this.hold.start(this.deps.host, this.abort.signal);
    this.scan();
    this.watcher.invalidatePlacement();
    void this.move.loadPosition().catch(() => undefined);
  }

  destroy(): void {
    this.destroyed = true;
    this.hold.stop();
    this.watcher.destroy();
    this.abort.abort();
    this.copyWatch.watch(undefined);
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
    this.hold.supersede(patch);
    const state = this.store.getState();
    const changed: Partial<GuideState> = {};
    for (const [key, value] of Object.entries(patch) as [keyof GuideState, unknown][]) {
      const kept = keepUnchanged(state[key], value);
      if (kept !== state[key]) (changed as Record<string, unknown>)[key] = kept;
    }
    if (Object.keys(changed).length) this.store.setState(changed);
  }

  private actionHost(): ActionHost {
    return {
      store: this.store,
      request: this.deps.request,
      copy: (text) => this.deps.copy(text),
      set: (patch) => this.set(patch),
      guard: (work) => this.guard(work),
      currentForm: () => this.currentForm(),
      targetElement: () => this.target?.element,
      rescan: () => this.watcher.invalidate(),
      replace: () => this.watcher.invalidatePlacement(),
      hideSpotlight: () => drawSpotlight(this.spotlightEl, undefined),
      clickSubmit: (form) => this.submitGuard.clickSubmit(form),
      registerSpotlight: (element) => {
        this.spotlightEl = element;
      },
      registerPanel: (element) => {
        this.panelEl = element;
        if (element) this.watcher.invalidatePlacement();
      },
    };
  }

  /** The form as of now (re-detected if the page re-rendered it). */
  private currentForm(): HTMLElement | undefined {
    if (this.page.kind === 'form' && this.page.dialog?.isConnected) return this.page.dialog;
    const page = detectPageState(this.doc);
    this.page = page;
    return page.kind === 'form' ? page.dialog : undefined;
  }

  private scan(): void {
    if (this.destroyed) return;
    this.watcher.markScanned();
    const page = detectPageState(this.doc);
    this.page = page;
    if (page.kind === 'form') this.formWasUser = page.keyType === 'user';
    if (page.dialog) this.watcher.watchContainer(page.dialog);
    const ips = this.store.getState().mantixIps;
    const reading = readPage(this.doc, page, ips.state === 'ready' ? ips.ips : undefined);
    const { form, progress, missing } = reading;
    const target = page.kind === 'result' && page.dialog ? this.onResult(page, page.dialog) : reading.target;
    this.target = target;
    const previous = this.store.getState();
    const danger = (form?.rights.dangerous.length ?? 0) > 0;
    this.hold.offer({
      page: page.kind,
      step: currentStep(page.kind, progress),
      ...(page.keyCount !== undefined ? { keyCount: page.keyCount } : {}),
      // "User-generated (RSA), no Secret Key" only when the form said so.
      resultKeyType:
        page.kind === 'result' ? (page.keyType === 'user' && !this.formWasUser ? undefined : page.keyType) : undefined,
      form,
      missing,
      target: target ? targetLabel(target.what) : undefined,
      ...(previous.page !== page.kind ? { spotlight: false } : {}),
      ...(page.kind !== 'form' ? { guardOpen: false } : {}),
      // Transfer / Withdraw just turned on: the warning is loud even when the
      // panel is docked or minimised (it opens; the user may close it again).
      ...(danger && !this.dangerShown ? { dockOpen: true, minimised: false } : {}),
    });
    this.dangerShown = danger;
    this.copyWatch.watch(page.kind === 'result' && this.capture.awaitingCopy ? page.dialog : undefined);
    if (page.kind === 'form' && this.store.getState().mantixIps.state === 'unknown')
      void loadMantixIps(this.actionHost()).catch(() => undefined);
    // Placement reads layout: every caller marks it dirty for the next frame instead.
  }

  /** Hands a result to the capture; "Next:" is the Secret Key's Copy button while the capture waits for it. */
  private onResult(page: PageState, dialog: HTMLElement): Target {
    if (page.keyType === 'system' || !this.formWasUser) this.capture.onResult(dialog);
    const copy = this.capture.awaitingCopy ? findSecretCopyButton(dialog) : undefined;
    return copy ? { element: copy, what: 'secretCopy' } : { element: dialog, what: 'resultWindow' };
  }

  private place(): void {
    const patch = placePanel({
      target: this.target?.element,
      container: this.page.dialog,
      panel: this.panelEl,
      tab: this.tabEl,
      spotlight: this.spotlightEl,
      window: this.win,
      state: this.store.getState(),
    });
    this.set(patch);
  }
}

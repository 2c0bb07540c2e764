/**
 * The guard on Bitget's Next / Confirm button (capture phase): with a
 * money-moving right on, the press is stopped and the guard dialog opens;
 * otherwise what the user submitted is handed to the capture.
 */
import { NotFoundError, optional } from '@/utils/bitget/find';
import { findSubmitButton, maySubmit } from '@/utils/bitget/form';
import { readPermissions } from '@/utils/bitget/permissions';
import { BUTTON_SELECTOR, FLOW_CONTAINER_SELECTOR, SUBMIT_SELECTOR } from '@/utils/bitget/selectors';
import { readSubmitted } from '@/utils/guide/read-form';
import { risky } from '@/utils/guide/rights';
import type { GuardReason } from './store';

export interface SubmitGuardDeps {
  window: Window;
  isOurs(node: Node): boolean;
  /** The form as of now (re-detected if the page re-rendered it). */
  currentForm(): HTMLElement | undefined;
  /** Whether the current form is a User-generated (RSA) one: nothing to capture. */
  userGenerated(): boolean;
  /** Opens the guard dialog. */
  stop(reason: GuardReason): void;
  /** Hands what the user submitted to the capture. */
  arm(submitted: NonNullable<ReturnType<typeof readSubmitted>>): void;
  guard(work: () => void): void;
}

/**
 * Why Next should be stopped, FAIL SAFE: `risky` when a money-moving or
 * unknown right is on; `unchecked` when the rights cannot all be read (no
 * permission section, a control whose state the page does not say).
 */
export function guardReason(form: Element): GuardReason | undefined {
  const view = optional(() => readPermissions(form));
  if (!view || view.rights.length === 0) return 'unchecked';
  if (view.rights.some(risky)) return 'risky';
  if (view.rights.some((right) => !right.readable)) return 'unchecked';
  return undefined;
}

/** Every element `findSubmitButton` may return, and so every element a press on Next lands in. */
const PRESSABLE_SELECTOR = `${BUTTON_SELECTOR}, ${SUBMIT_SELECTOR}`;

/** How soon after the user's Enter key a submit event counts as theirs. */
const ENTER_SUBMIT_MS = 1_000;

export class SubmitGuard {
  private bypass = false;
  /** When the user last pressed Enter in the form (a submit by the Enter key is theirs). */
  private enterAt = Number.NEGATIVE_INFINITY;
  /** The button the guard last stopped: pressed again on "continue" when Bitget's submit button has no name the guide knows. */
  private stopped: HTMLElement | undefined;

  constructor(private readonly deps: SubmitGuardDeps) {}

  start(signal: AbortSignal): void {
    const win = this.deps.window;
    win.addEventListener('click', (e) => this.deps.guard(() => this.onClick(e)), { capture: true, signal });
    win.addEventListener('submit', (e) => this.deps.guard(() => this.onSubmit(e)), { capture: true, signal });
    win.addEventListener('keydown', (e) => this.deps.guard(() => this.onKey(e)), { capture: true, signal });
  }

  private onKey(event: KeyboardEvent): void {
    if (!event.isTrusted || event.key !== 'Enter' || !(event.target instanceof Node)) return;
    if (this.deps.currentForm()?.contains(event.target)) this.enterAt = event.timeStamp;
  }

  /** Presses Bitget's submit button past the guard (the user chose to). Throws when the form is gone. */
  clickSubmit(form: HTMLElement): void {
    const stopped = this.stopped?.isConnected && form.contains(this.stopped) ? this.stopped : undefined;
    const submit = optional(() => findSubmitButton(form)) ?? stopped;
    if (!submit) throw new NotFoundError('submit', 'missing');
    this.bypass = true;
    try {
      submit.click();
    } finally {
      this.bypass = false;
    }
  }

  private onClick(event: MouseEvent): void {
    const clicked = event.target;
    if (!(clicked instanceof Element) || this.deps.isOurs(clicked) || !clicked.closest(FLOW_CONTAINER_SELECTOR)) return;
    // Bitget's submit button is found among these (utils/bitget/form.ts): a
    // click on a checkbox or a field is not on it, and costs no search.
    if (!clicked.closest(PRESSABLE_SELECTOR)) return;
    const form = this.deps.currentForm();
    // The guard's own press past it (`bypass`) counts as the user's: they chose to continue.
    if (!form?.contains(clicked) || !maySubmit(form, clicked, event.isTrusted || this.bypass)) return;
    this.onAttempt(event, form, clicked.closest<HTMLElement>(PRESSABLE_SELECTOR) ?? undefined);
  }

  private onSubmit(event: Event): void {
    const submitted = event.target;
    if (!(submitted instanceof Element) || !submitted.closest(FLOW_CONTAINER_SELECTOR)) return;
    const form = this.deps.currentForm();
    if (!form?.contains(submitted)) return;
    const submitter = (event as SubmitEvent).submitter;
    this.onAttempt(event, form, submitter instanceof HTMLElement ? submitter : undefined);
  }

  private onAttempt(event: Event, form: HTMLElement, pressed: HTMLElement | undefined): void {
    const reason = this.bypass ? undefined : guardReason(form);
    if (reason) {
      event.preventDefault();
      event.stopImmediatePropagation();
      this.stopped = pressed;
      this.deps.stop(reason);
      return;
    }
    if (this.deps.userGenerated()) return;
    // Only the user arms the capture: a page script can click Next and show a
    // result dialog of its own (issue 12). The guard's own re-click of Next
    // (after the user chose to continue) is not trusted, so it arms directly.
    // A submit event is trusted even when a script caused it (button.click(),
    // requestSubmit()): it is the user's only right after their Enter key.
    const byUser = event.isTrusted && (event.type !== 'submit' || event.timeStamp - this.enterAt <= ENTER_SUBMIT_MS);
    if (!byUser && !this.bypass) return;
    const submitted = readSubmitted(form);
    if (submitted) this.deps.arm(submitted);
  }
}

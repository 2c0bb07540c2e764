/**
 * The handoff of a captured key set, as a state machine kept in
 * `storage.session` so that it survives the popup closing and the service
 * worker being stopped: capture → (confirm) → encrypt → send (back-off,
 * `key_rotated`) → verify (poll) → active | failed. Pure of browser APIs: the
 * background wires storage, the Mantix client and timers in
 * (utils/background/capture.ts); unit tests wire fakes.
 *
 * This file only puts the parts together: the ports (./ports.ts), the inbox
 * of captures (./inbox.ts), the run driver (./run.ts) over the pure state
 * machine (./transitions.ts), and the popup's view (./view.ts).
 *
 * Secrets: the Secret Key and Passphrase live only in the capture record
 * (session storage). They leave these modules only inside the JWE; no error,
 * reply or view carries them, and nothing here logs.
 */

import type { CaptureReply } from '../protocol';
import { Inbox } from './inbox';
import type { CaptureInput, HandoffDeps } from './ports';
import { RunDriver } from './run';
import type { Confirmations, HandoffView } from './schema';
import { HandoffStore } from './store';
import { buildView } from './view';

export { type ApiFailure, HandoffApiError, HandoffRefusal } from './errors';
export type { CaptureInput, HandoffApi, HandoffDeps } from './ports';
export { buildView } from './view';

export class Handoff {
  readonly #store: HandoffStore;
  readonly #inbox: Inbox;
  readonly #run: RunDriver;

  constructor(private readonly deps: HandoffDeps) {
    this.#store = new HandoffStore(deps.items);
    this.#inbox = new Inbox(deps, this.#store);
    this.#run = new RunDriver(deps, this.#store, this.#inbox);
  }

  /* ---------------------------------------------------------- capture -- */

  /** A key set from the page (or pasted): stored, ignored as a duplicate, or held until the user chooses. */
  accept(input: CaptureInput): Promise<CaptureReply> {
    return this.#inbox.accept(input);
  }

  /** The user re-entered the Passphrase: it replaces the captured one (a new handoff, a new Idempotency-Key). */
  setPassphrase(passphrase: string): Promise<CaptureReply> {
    return this.#inbox.setPassphrase(passphrase);
  }

  /** One or both confirmations, merged into the stored pair (two quick ticks never undo each other). */
  confirm(confirmations: Partial<Confirmations>): Promise<boolean> {
    return this.#inbox.confirm(confirmations);
  }

  /** The user's choice about a different key captured while one waited. */
  replace(replace: boolean): Promise<boolean> {
    return this.#inbox.replace(replace);
  }

  /** "Discard keys": wipes the plaintext at once and stops a send that has not reached Mantix. */
  discard(): Promise<void> {
    return this.#inbox.discard();
  }

  /** Wipes what has expired (the alarm calls this; every change checks it too). */
  async expire(): Promise<void> {
    await this.#inbox.expire();
  }

  /** The earliest time something expires (for the alarm), or null. */
  nextExpiry(): Promise<number | null> {
    return this.#inbox.nextExpiry();
  }

  /* ------------------------------------------------------------ send -- */

  /** "Send to …": starts a run in the background and returns at once. */
  send(): Promise<void> {
    return this.#run.send();
  }

  /** Ask Mantix again about a connection it already has (poll timeout, `exchange_unavailable`). */
  checkAgain(): Promise<void> {
    return this.#run.checkAgain();
  }

  /** "Retry now" while retrying: the next try starts at once. */
  retryNow(): Promise<boolean> {
    return this.#run.retryNow();
  }

  /** "Stop" while retrying: no more tries; the keys stay (until they expire or are discarded). */
  stop(): Promise<boolean> {
    return this.#run.stop();
  }

  /**
   * Moves the run forward until it waits (a timer is set) or ends. Safe to
   * call at any time and repeatedly: on worker start, from timers and alarms.
   */
  drive(): Promise<void> {
    return this.#run.drive();
  }

  /* ------------------------------------------------------------ view -- */

  /** What the popup shows: masked values only. */
  async view(): Promise<HandoffView> {
    const [{ capture, pending, handoff }, account, ttlMinutes] = await Promise.all([
      this.#store.read(),
      this.deps.account(),
      this.deps.ttlMinutes(),
    ]);
    return buildView({ capture, pending, run: handoff.run, account, ttlMinutes });
  }
}

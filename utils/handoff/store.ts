/**
 * The handoff's three storage items behind one lock: every read-modify-write
 * of this worker runs after the earlier ones (the inbox and the run share it).
 */
import type { HandoffDeps } from './ports';
import type { CaptureRecord, HandoffRecord, RunState } from './schema';
import { isRun } from './transitions';

/** The three records as read together. */
export interface StoredHandoff {
  capture: CaptureRecord | null;
  pending: CaptureRecord | null;
  handoff: HandoffRecord;
}

export class HandoffStore {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(readonly items: HandoffDeps['items']) {}

  /** Runs `work` after every earlier state change of this worker (read-modify-write safety). */
  locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async read(): Promise<StoredHandoff> {
    const [capture, pending, handoff] = await Promise.all([
      this.items.capture.getValue(),
      this.items.pending.getValue(),
      this.items.handoff.getValue(),
    ]);
    return { capture, pending, handoff };
  }

  /** Replaces the run (call it inside `locked`). */
  async setRun(run: RunState): Promise<void> {
    const handoff = await this.items.handoff.getValue();
    await this.items.handoff.setValue({ ...handoff, run });
  }

  /**
   * Like `update`, but settles as soon as the check is made and the write is
   * issued (the items are mirrored in memory, so the next locked read already
   * sees it): `written` settles once it is stored. For the Send path, where
   * the POST need not wait for storage (a worker stopped meanwhile sends again
   * with the same Idempotency-Key).
   */
  claim(runId: string, next: () => RunState): Promise<{ written: Promise<void> } | null> {
    return this.locked(async () => {
      const handoff = await this.items.handoff.getValue();
      if (!isRun(handoff.run, runId)) return null;
      const written = this.items.handoff.setValue({ ...handoff, run: next() });
      // Not rejected before the caller awaits it (no unhandled rejection).
      written.catch(() => undefined);
      return { written };
    });
  }

  /** Replaces the run if it is still run `runId`; false when it was discarded or replaced meanwhile. */
  update(runId: string, next: () => RunState): Promise<boolean> {
    return this.locked(async () => {
      const handoff = await this.items.handoff.getValue();
      if (!isRun(handoff.run, runId)) return false;
      await this.items.handoff.setValue({ ...handoff, run: next() });
      return true;
    });
  }
}

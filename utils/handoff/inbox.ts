/**
 * The inbox of captured key sets: one waiting (`capture`), at most one more
 * held until the user chooses (`pending`), their confirmations, expiry and
 * "Discard keys". The plaintext lives only in these session records.
 */
import { t } from '../i18n';
import type { CaptureReply } from '../protocol';
import { HandoffRefusal } from './errors';
import type { CaptureInput, HandoffDeps } from './ports';
import { type CaptureRecord, type Confirmations, isInFlight } from './schema';
import type { HandoffStore, StoredHandoff } from './store';
import { NEEDS_KEYS } from './transitions';

export class Inbox {
  constructor(
    private readonly deps: HandoffDeps,
    private readonly store: HandoffStore,
  ) {}

  /** A key set from the page (or pasted): stored, ignored as a duplicate, or held until the user chooses. */
  accept(input: CaptureInput): Promise<CaptureReply> {
    return this.store.locked(async () => {
      const { capture, pending, handoff } = await this.expireNow();
      const reply = (status: CaptureReply['status'], message: string): CaptureReply => ({
        type: 'capture:result',
        status,
        message,
      });
      if (handoff.handedOff.includes(input.apiKey)) return reply('duplicate', t('reply_handedOff'));
      if (capture?.apiKey === input.apiKey || pending?.apiKey === input.apiKey) {
        return reply('duplicate', t('reply_duplicate'));
      }
      const record = await this.#newRecord(input);
      if (capture) {
        await this.deps.items.pending.setValue(record);
        return reply('needs-confirmation', t('reply_needsConfirmation'));
      }
      await this.deps.items.capture.setValue(record);
      if (!isInFlight(handoff.run)) await this.store.setRun({ phase: 'idle' });
      return reply('stored', t('reply_stored'));
    });
  }

  async #newRecord(input: CaptureInput): Promise<CaptureRecord> {
    const now = this.deps.now();
    const ttl = await this.deps.ttlMinutes();
    return {
      id: this.deps.newId(),
      apiKey: input.apiKey,
      secretKey: input.secretKey,
      passphrase: input.passphrase,
      source: input.source,
      observed: input.observed,
      ...(input.note ? { note: input.note } : {}),
      capturedAt: now,
      expiresAt: now + ttl * 60_000,
      idempotencyKey: this.deps.newId(),
      confirmations: { passphraseSaved: false, secretSaved: false },
    };
  }

  /** The user re-entered the Passphrase: it replaces the captured one (a new handoff, a new Idempotency-Key). */
  setPassphrase(passphrase: string): Promise<CaptureReply> {
    return this.store.locked(async () => {
      const { capture, handoff } = await this.expireNow();
      if (!capture) throw new HandoffRefusal('no_capture', t('refusal_noCapture'));
      if (isInFlight(handoff.run)) {
        throw new HandoffRefusal('in_flight', t('refusal_inFlight'));
      }
      await this.deps.items.capture.setValue({ ...capture, passphrase, idempotencyKey: this.deps.newId() });
      await this.store.setRun({ phase: 'idle' });
      return { type: 'capture:result', status: 'stored', message: t('reply_passphrase') };
    });
  }

  /** One or both confirmations, merged into the stored pair (two quick ticks never undo each other). */
  confirm(confirmations: Partial<Confirmations>): Promise<boolean> {
    return this.store.locked(async () => {
      const capture = await this.deps.items.capture.getValue();
      if (!capture) return false;
      const merged = { ...capture.confirmations };
      if (confirmations.passphraseSaved !== undefined) merged.passphraseSaved = confirmations.passphraseSaved;
      if (confirmations.secretSaved !== undefined) merged.secretSaved = confirmations.secretSaved;
      await this.deps.items.capture.setValue({ ...capture, confirmations: merged });
      return true;
    });
  }

  /** The user's choice about a different key captured while one waited. */
  replace(replace: boolean): Promise<boolean> {
    return this.store.locked(async () => {
      const { pending, handoff } = await this.expireNow();
      if (!pending) return false;
      if (!replace) {
        await this.deps.items.pending.setValue(null);
        return false;
      }
      if (isInFlight(handoff.run)) {
        throw new HandoffRefusal('in_flight', t('refusal_replaceInFlight'));
      }
      await this.deps.items.capture.setValue(pending);
      await this.deps.items.pending.setValue(null);
      await this.store.setRun({ phase: 'idle' });
      return true;
    });
  }

  /** "Discard keys": wipes the plaintext at once and stops a send that has not reached Mantix. */
  discard(): Promise<void> {
    return this.store.locked(async () => {
      await this.deps.items.capture.setValue(null);
      await this.deps.items.pending.setValue(null);
      const { run } = await this.deps.items.handoff.getValue();
      // A verdict about keys Mantix already holds still arrives; everything else stops here.
      if (run.phase !== 'verifying') {
        await this.store.setRun({ phase: 'idle' });
        this.deps.cancelWake();
      }
    });
  }

  /** Wipes what has expired (the alarm calls this; every change checks it too); returns what is left. */
  expire(): Promise<StoredHandoff> {
    return this.store.locked(() => this.expireNow());
  }

  /** `expire` for callers already inside the lock; returns the records as they are now, so callers need not read again. */
  async expireNow(): Promise<StoredHandoff> {
    const now = this.deps.now();
    const stored = await this.store.read();
    const { capture, pending, handoff } = stored;
    const left = { ...stored };
    if (pending && pending.expiresAt <= now) {
      await this.deps.items.pending.setValue(null);
      left.pending = null;
    }
    if (!capture || capture.expiresAt > now) return left;
    await this.deps.items.capture.setValue(null);
    left.capture = null;
    const phase = handoff.run.phase;
    if (phase !== 'verifying' && phase !== 'active') {
      const run = { phase: 'expired', at: now } as const;
      await this.store.setRun(run);
      left.handoff = { ...handoff, run };
      if (NEEDS_KEYS.has(phase)) this.deps.cancelWake();
    }
    return left;
  }

  /** The earliest time something expires (for the alarm), or null. */
  async nextExpiry(): Promise<number | null> {
    const { capture, pending } = await this.store.read();
    const times = [capture?.expiresAt, pending?.expiresAt].filter((t): t is number => t !== undefined);
    return times.length > 0 ? Math.min(...times) : null;
  }
}

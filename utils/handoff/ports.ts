/**
 * What the handoff needs from the outside world: storage items, the three
 * Mantix calls, the linked account, a clock, ids and timers. The background
 * wires the real ones (utils/background/capture.ts); unit tests wire fakes.
 */
import type { Observed } from '../protocol';
import type { TypedItem } from '../storage';
import type { IngestKey } from './jwe';
import type { CaptureRecord, ConnectionAccepted, ConnectionRequest, ConnectionStatus, HandoffRecord } from './schema';

/** The three calls of the handoff; each throws a HandoffApiError (./errors.ts). */
export interface HandoffApi {
  pinnedIngestKey(): Promise<IngestKey>;
  createConnection(body: ConnectionRequest, idempotencyKey: string): Promise<ConnectionAccepted>;
  connection(id: string): Promise<ConnectionStatus>;
}

export interface HandoffDeps {
  items: {
    capture: TypedItem<CaptureRecord | null>;
    pending: TypedItem<CaptureRecord | null>;
    handoff: TypedItem<HandoffRecord>;
  };
  api: HandoffApi;
  /** The linked account, or null. */
  account(): Promise<{ accountId: string; displayName: string; email: string } | null>;
  ttlMinutes(): Promise<number>;
  now(): number;
  /** A fresh uuid v4. */
  newId(): string;
  /** Run `drive()` again at `when` (a timer, and something that survives a worker restart). */
  wakeAt(when: number): void;
  /** Nothing to wake for any more. */
  cancelWake(): void;
}

export type CaptureInput = {
  apiKey: string;
  secretKey: string;
  passphrase: string;
  /** The note the user gave the key on Bitget (not secret; shown to name the key). */
  note?: string;
} & ({ source: 'page'; observed: Observed } | { source: 'manual'; observed: null });

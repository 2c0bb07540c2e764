/** The handoff's stored items (see ./schema.ts for their shapes). */
import * as z from 'zod/mini';
import { mirrored } from '../mirror';
import { defineTypedItem } from '../storage';
import { CaptureRecord, HandoffRecord, IDLE } from './schema';

/*
 * The handoff of a captured key set (utils/handoff/README.md). Memory only:
 * `storage.session` restricted to trusted contexts (set explicitly by the
 * background), never `local:`. Written by the background only.
 */

/** The captured key set that waits to be sent, WITH its Secret Key and Passphrase. Never leaves the background. */
export const captureItem = mirrored(
  defineTypedItem('session:capture', z.nullable(CaptureRecord), { fallback: null, version: 1 }),
);

/** A different key captured while `captureItem` waits, until the user chooses (also secret). */
export const pendingCaptureItem = mirrored(
  defineTypedItem('session:capturePending', z.nullable(CaptureRecord), { fallback: null, version: 1 }),
);

/** The handoff's state machine (no secret): resumed when the service worker starts again. */
export const handoffItem = mirrored(defineTypedItem('session:handoff', HandoffRecord, { fallback: IDLE, version: 1 }));

/**
 * Whether keys wait in memory (a flag, no secret; on disk so that it outlives
 * a browser restart, which wipes the keys themselves by design).
 */
export const captureWaitingItem = defineTypedItem('local:captureWaiting', z.boolean(), { fallback: false, version: 1 });

/** Set at start when keys were waiting before the browser closed: the popup says they are gone. */
export const captureLostItem = defineTypedItem('session:captureLost', z.boolean(), { fallback: false, version: 1 });

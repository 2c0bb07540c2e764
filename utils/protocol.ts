/**
 * The protocol between the extension's contexts, in one table.
 *
 * Each message type names who may send it, the shape of its request and the
 * shape of its answer. Both ends parse with zod (utils/messaging.ts): the
 * background parses every request after checking the sender, and the sender
 * parses every answer. Add a message here, then handle it in the background.
 */
import { z } from 'zod';
import type { SenderKind } from './sender';

export interface MessageSpec {
  senders: readonly SenderKind[];
  request: z.ZodType;
  response: z.ZodType;
}

const Empty = z.object({}).strict();

export const protocol = {
  /** Liveness and identity: which context the background thinks you are. */
  ping: {
    senders: ['extension-page', 'bitget-content'],
    request: Empty,
    response: z.object({ version: z.string(), sender: z.enum(['extension-page', 'bitget-content']) }),
  },
} as const satisfies Record<string, MessageSpec>;

export type MessageType = keyof typeof protocol;
export type RequestOf<K extends MessageType> = z.input<(typeof protocol)[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof protocol)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<(typeof protocol)[K]['response']>;

/** What crosses the wire as an answer: a value, or an error a user can read. */
export const ErrorInfo = z.object({
  code: z.string().max(64),
  /** A sentence for the user. */
  message: z.string().max(500),
  /** Technical detail, shown only in a "Details" disclosure. */
  detail: z.string().max(2000).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function resultSchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}

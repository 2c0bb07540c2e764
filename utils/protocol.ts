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

/** A validated Mantix server IP list (see utils/ip.ts for the rule). */
export const ServerIps = z.object({ ips: z.array(z.string()).min(1).max(10), updatedAt: z.string() });

/** What crosses the wire as an answer: a value, or an error a user can read. */
export const ErrorInfo = z.object({
  code: z.string().max(64),
  /** A sentence for the user. */
  message: z.string().max(500),
  /** Technical detail, shown only in a "Details" disclosure. */
  detail: z.string().max(2000).optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

export const protocol = {
  /** Liveness and identity: which context the background thinks you are. */
  ping: {
    senders: ['extension-page', 'bitget-content'],
    request: Empty,
    response: z.object({ version: z.string(), sender: z.enum(['extension-page', 'bitget-content']) }),
  },
  /** The Mantix server IPs for Bitget, from the linked account, validated. Fails with code `not_linked` when unlinked. */
  'serverIps:get': {
    senders: ['extension-page', 'bitget-content'],
    request: Empty,
    response: ServerIps,
  },
  /** Opens the options page (content scripts cannot). */
  'options:open': {
    senders: ['extension-page', 'bitget-content'],
    request: Empty,
    response: z.object({ opened: z.literal(true) }),
  },
  /*
   * Linking to a Mantix account (utils/background/link.ts), from extension
   * pages only. The background is the only writer of the link state; pages
   * follow `linkItem` and `linkFlowItem` in storage. No token is ever sent.
   */
  /** Starts a device authorization (RFC 8628) and polls it in the background. */
  'link:start': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({
      userCode: z.string().max(64),
      verificationUriComplete: z.url(),
      expiresAt: z.number(),
    }),
  },
  /** Stops polling and forgets the pending device authorization. */
  'link:cancel': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ cancelled: z.literal(true) }),
  },
  /** Revokes the link at Mantix, then forgets it locally (also when Mantix cannot be reached). */
  'link:unlink': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({
      revokedAtServer: z.boolean(),
      /** When Mantix could not be told: a sentence saying what happened. */
      notice: z.string().max(500).optional(),
      detail: z.string().max(2000).optional(),
    }),
  },
  /*
   * The handoff of captured keys (utils/handoff/README.md), from the popup only.
   * No message carries a secret: the popup sees masked values over VIEW_PORT,
   * and what the user types travels over POPUP_SECRET_PORT.
   */
  /** Encrypt the waiting keys and send them to the linked Mantix account (in the background). */
  'capture:send': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ started: z.literal(true) }),
  },
  /** Wipe the waiting keys (and a pending replacement) at once. */
  'capture:discard': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ discarded: z.literal(true) }),
  },
  /** The user's choice about a different key captured while one waited. */
  'capture:replace': {
    senders: ['extension-page'],
    request: z.object({ replace: z.boolean() }).strict(),
    response: z.object({ replaced: z.boolean() }),
  },
  /** The user confirms having saved the Passphrase and the Secret Key somewhere safe. */
  'capture:confirm': {
    senders: ['extension-page'],
    request: z.object({ passphraseSaved: z.boolean(), secretSaved: z.boolean() }).strict(),
    response: z.object({ confirmed: z.boolean() }),
  },
  /** Ask Mantix again about the connection already sent (after a timeout or `exchange_unavailable`). */
  'capture:check-again': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ started: z.literal(true) }),
  },
} as const satisfies Record<string, MessageSpec>;

/* -------------------------------------------------------------- capture -- */

/**
 * The capture of a generated key travels once, over a runtime port of this
 * name, from the content script to the background (never by sendMessage, so
 * no other listener sees it).
 */
export const CAPTURE_PORT = 'mantix-capture';

export const API_KEY_SHAPE = /^bg_[0-9a-f]{32}$/;
/** Bitget's secret: 64 hex characters (uncertain); a long hex token is accepted. */
export const SECRET_KEY_SHAPE = /^[0-9a-fA-F]{32,128}$/;
/** Bitget's passphrase rule: 8–32 letters and digits. */
export const PASSPHRASE_SHAPE = /^[A-Za-z0-9]{8,32}$/;

/** What the page showed about the key, besides the secrets (sent to Mantix as `observed`). */
export const Observed = z
  .object({
    account_mode: z.enum(['classic', 'unified', 'unknown']),
    permissions: z.array(z.string().max(64)).max(64),
    transfer_enabled: z.boolean(),
    withdraw_enabled: z.boolean(),
    ip_whitelist: z.array(z.string().max(64)).max(30),
  })
  .strict();
export type Observed = z.infer<typeof Observed>;

export const CaptureMessage = z
  .object({
    type: z.literal('capture'),
    apiKey: z.string().regex(API_KEY_SHAPE),
    secretKey: z.string().regex(SECRET_KEY_SHAPE),
    passphrase: z.string().regex(PASSPHRASE_SHAPE),
    note: z.string().max(64).optional(),
    observed: Observed,
  })
  .strict();
export type CaptureMessage = z.infer<typeof CaptureMessage>;

/**
 * What the user types into the popup (pasted keys, a re-entered Passphrase)
 * travels once over a runtime port of this name to the background, never by
 * sendMessage (which every extension page listening would receive).
 */
export const POPUP_SECRET_PORT = 'mantix-popup-secret';

export const PopupSecretMessage = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('manual'),
      apiKey: z.string().regex(API_KEY_SHAPE),
      secretKey: z.string().regex(SECRET_KEY_SHAPE),
      passphrase: z.string().regex(PASSPHRASE_SHAPE),
    })
    .strict(),
  z.object({ type: z.literal('passphrase'), passphrase: z.string().regex(PASSPHRASE_SHAPE) }).strict(),
]);
export type PopupSecretMessage = z.infer<typeof PopupSecretMessage>;

/**
 * The background pushes the popup's view (masked values only; schema
 * `HandoffView` in utils/handoff/schema.ts) over a port of this name, once on
 * connect and again on every change.
 */
export const VIEW_PORT = 'mantix-view';

/** The background's one answer on the capture port. Never echoes a secret. */
export const CaptureReply = z.object({
  type: z.literal('capture:result'),
  status: z.enum(['stored', 'duplicate', 'needs-confirmation', 'rejected']),
  message: z.string().max(500),
});
export type CaptureReply = z.infer<typeof CaptureReply>;

export type MessageType = keyof typeof protocol;
export type RequestOf<K extends MessageType> = z.input<(typeof protocol)[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof protocol)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<(typeof protocol)[K]['response']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function resultSchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}

/**
 * The protocol between the extension's contexts, in one table.
 *
 * Each message type names who may send it, the shape of its request and the
 * shape of its answer. Both ends parse with zod/mini (utils/messaging.ts): the
 * background parses every request after checking the sender, and the sender
 * parses every answer (the guide on Bitget's page checks its answers by hand,
 * ./page-protocol.ts). Add a message here, then handle it in the background.
 */
// zod/mini (its schemas interoperate with full zod's, used elsewhere). The
// guide on Bitget's page does not carry them: ./page-protocol.ts checks its
// side by hand.
import * as z from 'zod/mini';
import { API_KEY_SHAPE, PASSPHRASE_SHAPE, SECRET_KEY_SHAPE } from './bitget/shapes';
import { ACCOUNT_MODES, CAPTURE_STATUSES, LIMITS, SENDER_KINDS } from './protocol-values';
import type { SenderKind } from './sender';

export interface MessageSpec {
  senders: readonly SenderKind[];
  request: z.ZodMiniType;
  response: z.ZodMiniType;
}

const Empty = z.strictObject({});

/** A validated Mantix server IP list (see utils/ip.ts for the rule). */
export const ServerIps = z.object({
  ips: z.array(z.string()).check(z.minLength(1), z.maxLength(LIMITS.serverIps)),
  updatedAt: z.string(),
});

/** The guide panel's user-chosen spot: fractions of the room it can travel across and down (utils/guide/placement.ts). */
export const GuidePosition = z.strictObject({
  x: z.number().check(z.gte(0), z.lte(1)),
  y: z.number().check(z.gte(0), z.lte(1)),
});
export type GuidePosition = z.infer<typeof GuidePosition>;

/** What crosses the wire as an answer: a value, or an error a user can read. */
export const ErrorInfo = z.object({
  code: z.string().check(z.maxLength(LIMITS.errorCode)),
  /** A sentence for the user. */
  message: z.string().check(z.maxLength(LIMITS.message)),
  /** Technical detail, shown only in a "Details" disclosure. */
  detail: z.optional(z.string().check(z.maxLength(LIMITS.errorDetail))),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/**
 * The messages the guide on Bitget's page may send. The guide's script checks
 * their answers by hand (./page-protocol.ts, no zod in Bitget's page); the
 * background parses their requests with these schemas and checks every sender.
 */
export const pageProtocol = {
  /** Liveness and identity: which context the background thinks you are. */
  ping: {
    senders: ['extension-page', 'bitget-content'],
    request: Empty,
    response: z.object({ version: z.string(), sender: z.enum(SENDER_KINDS) }),
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
  /**
   * The panel's "Send to Mantix…" when keys were captured: the background
   * opens the toolbar popup (`action.openPopup()`). `opened: false` when the
   * browser refuses (then the panel shows how to open and pin the icon).
   */
  'popup:open': {
    senders: ['bitget-content'],
    request: Empty,
    response: z.object({ opened: z.boolean() }),
  },
  /**
   * Where the user put the in-page guide's panel (a non-secret UI preference,
   * kept in storage.local by the background: the content script has no
   * storage access in Chrome). `null`: where the guide chooses.
   */
  'guidePosition:get': {
    senders: ['bitget-content'],
    request: Empty,
    response: z.object({ position: z.nullable(GuidePosition) }),
  },
  'guidePosition:set': {
    senders: ['bitget-content'],
    request: GuidePosition,
    response: z.object({ saved: z.literal(true) }),
  },
  /** Forgets the user's spot: the guide chooses again. */
  'guidePosition:reset': {
    senders: ['bitget-content'],
    request: Empty,
    response: z.object({ saved: z.literal(true) }),
  },
} as const satisfies Record<string, MessageSpec>;

export const protocol = {
  ...pageProtocol,
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
      userCode: z.string().check(z.maxLength(64)),
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
      notice: z.optional(z.string().check(z.maxLength(500))),
      detail: z.optional(z.string().check(z.maxLength(2000))),
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
    request: z.strictObject({ replace: z.boolean() }),
    response: z.object({ replaced: z.boolean() }),
  },
  /**
   * The user confirms having saved the Passphrase or the Secret Key somewhere
   * safe: each box on its own (the background merges it into the stored pair,
   * so two quick ticks never undo each other).
   */
  'capture:confirm': {
    senders: ['extension-page'],
    // Written in the functional form zod/mini shares with full zod.
    request: z
      .strictObject({ passphraseSaved: z.optional(z.boolean()), secretSaved: z.optional(z.boolean()) })
      .check(
        z.refine(
          (value) => value.passphraseSaved !== undefined || value.secretSaved !== undefined,
          'nothing to confirm',
        ),
      ),
    response: z.object({ confirmed: z.boolean() }),
  },
  /** While retrying: try the next send now instead of waiting. */
  'capture:retry-now': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ started: z.boolean() }),
  },
  /** While retrying: stop trying (the keys stay until they expire or are discarded). */
  'capture:stop': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ stopped: z.boolean() }),
  },
  /** Ask Mantix again about the connection already sent (after a timeout or `exchange_unavailable`). */
  'capture:check-again': {
    senders: ['extension-page'],
    request: Empty,
    response: z.object({ started: z.literal(true) }),
  },
} as const satisfies Record<string, MessageSpec>;

/* -------------------------------------------------------------- capture -- */

/** The capture port's name: a plain value the guide on Bitget's page shares (no zod there). */
export { CAPTURE_PORT } from './protocol-values';

/** What the page showed about the key, besides the secrets (sent to Mantix as `observed`). */
const shortString = (max: number) => z.string().check(z.maxLength(max));
const matching = (shape: RegExp) => z.string().check(z.regex(shape));

export const Observed = z.strictObject({
  account_mode: z.enum(ACCOUNT_MODES),
  permissions: z.array(shortString(LIMITS.observedText)).check(z.maxLength(LIMITS.permissions)),
  transfer_enabled: z.boolean(),
  withdraw_enabled: z.boolean(),
  ip_whitelist: z.array(shortString(LIMITS.observedText)).check(z.maxLength(LIMITS.ipWhitelist)),
});
export type Observed = z.infer<typeof Observed>;

export const CaptureMessage = z.strictObject({
  type: z.literal('capture'),
  apiKey: matching(API_KEY_SHAPE),
  secretKey: matching(SECRET_KEY_SHAPE),
  passphrase: matching(PASSPHRASE_SHAPE),
  note: z.optional(shortString(LIMITS.note)),
  observed: Observed,
});
export type CaptureMessage = z.infer<typeof CaptureMessage>;

/**
 * What the user types into the popup (pasted keys, a re-entered Passphrase)
 * travels once over a runtime port of this name to the background, never by
 * sendMessage (which every extension page listening would receive).
 */
export const POPUP_SECRET_PORT = 'mantix-popup-secret';

export const PopupSecretMessage = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('manual'),
    apiKey: matching(API_KEY_SHAPE),
    secretKey: matching(SECRET_KEY_SHAPE),
    passphrase: matching(PASSPHRASE_SHAPE),
  }),
  z.strictObject({ type: z.literal('passphrase'), passphrase: matching(PASSPHRASE_SHAPE) }),
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
  status: z.enum(CAPTURE_STATUSES),
  message: shortString(LIMITS.message),
});
export type CaptureReply = z.infer<typeof CaptureReply>;

export type MessageType = keyof typeof protocol;
export type PageMessageType = keyof typeof pageProtocol;
export type RequestOf<K extends MessageType> = z.input<(typeof protocol)[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<(typeof protocol)[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<(typeof protocol)[K]['response']>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function resultSchema<S extends z.ZodMiniType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}

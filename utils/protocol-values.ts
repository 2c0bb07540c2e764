/**
 * The protocol's values that both of its forms need: the zod contract
 * (./protocol.ts, parsed by the background and the extension pages) and the
 * hand checks of the guide on Bitget's page (./page-protocol.ts, no zod
 * there). Plain constants only, so importing them brings no schema library
 * into Bitget's page.
 */

/**
 * The capture of a generated key travels once, over a runtime port of this
 * name, from the content script to the background (never by sendMessage, so
 * no other listener sees it).
 */
export const CAPTURE_PORT = 'mantix-capture';

/** The kinds of sender the background tells apart (utils/sender.ts), as `ping` answers them. */
export const SENDER_KINDS = ['extension-page', 'bitget-content'] as const;

/** What the page showed of the account: `observed.account_mode`. */
export const ACCOUNT_MODES = ['classic', 'unified', 'unknown'] as const;

/** The background's verdicts on a capture (`CaptureReply.status`). */
export const CAPTURE_STATUSES = ['stored', 'duplicate', 'needs-confirmation', 'rejected'] as const;

/** Length limits (characters, or items for lists). */
export const LIMITS = {
  errorCode: 64,
  /** A sentence for the user: an error's message, the capture reply's message. */
  message: 500,
  errorDetail: 2000,
  note: 64,
  /** Each text in `observed.permissions` and `observed.ip_whitelist`. */
  observedText: 64,
  permissions: 64,
  ipWhitelist: 30,
  /** The Mantix server IPs the background hands out (at least one). */
  serverIps: 10,
} as const;

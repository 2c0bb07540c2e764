/**
 * The content script's half of the capture (issue 5 §1).
 *
 * - `arm()` is called when the user submits Bitget's form (Next): it keeps
 *   the Passphrase they typed, the note and what the form showed (rights,
 *   IPs, account mode) in this closure — never in the store, storage, the
 *   DOM or a log.
 * - `onResult()` is called while Bitget's result dialog is visible: it
 *   reads the API Key and Secret Key next to their labels in that dialog,
 *   checks the whole message (utils/page-protocol.ts), sends it ONCE over a runtime port
 *   named CAPTURE_PORT, and drops its references to the passphrase and the
 *   secret. The background's one reply (CaptureReply) is shown in the panel.
 * - When the page shows the API Key but keeps the Secret Key behind its
 *   Copy button, the panel asks the user to press it, and `onCopied()`
 *   takes the Secret Key from what the page copies (copy-watch.ts).
 *
 * Nothing secret is ever written into the page.
 */
import { optional } from '@/utils/bitget/find';
import { readResult, secretFromCopy } from '@/utils/bitget/result';
import { formatList, type MessageKey, t } from '@/utils/i18n';
import { checkCapture, checkCaptureReply } from '@/utils/page-protocol';
import { type OncePort, requestOnce } from '@/utils/port';
import type { CaptureMessage, Observed } from '@/utils/protocol';
import { CAPTURE_PORT, LIMITS } from '@/utils/protocol-values';
import type { CaptureView } from './store';

/** The part of a runtime port the capture uses (a fake one in unit tests). */
export type CapturePort = OncePort;

export interface CaptureDeps {
  connect(name: string): CapturePort;
  report(view: CaptureView): void;
  now?: () => number;
  /** How long to wait for the background's reply. */
  replyTimeoutMs?: number;
  /** How long a submitted passphrase is kept waiting for the keys. */
  armedForMs?: number;
}

export interface ArmInput {
  passphrase: string;
  note?: string;
  observed: Observed;
}

export interface CaptureSession {
  arm(input: ArmInput): void;
  /** Forgets the passphrase (the form was left, the route changed). */
  disarm(): void;
  readonly armed: boolean;
  /** Looks at a visible result dialog; sends at most once per key. */
  onResult(dialog: Element): void;
  /** Waiting for the user to press the Copy button of a Secret Key the page does not show. */
  readonly awaitingCopy: boolean;
  /** What the page copied after the user pressed something in the result window. */
  onCopied(text: string): void;
}

/** What the panel says about the capture, in the UI language (called when said, never at load). */
const MESSAGES = {
  sending: () => t('captureUi_sending'),
  notArmed: () => t('captureUi_notArmed'),
  unreadable: () => t('captureUi_unreadable'),
  pressCopy: () => t('captureUi_pressCopy'),
  invalid: (fields: string) => t('captureUi_invalid', fields),
  noAnswer: () => t('captureUi_noAnswer'),
};

const FIELD_NAMES = {
  apiKey: 'captureField_apiKey',
  secretKey: 'captureField_secretKey',
  passphrase: 'captureField_passphrase',
  note: 'captureField_note',
  observed: 'captureField_observed',
} as const satisfies Record<string, MessageKey>;

function fieldName(field: string): string {
  return t(field in FIELD_NAMES ? FIELD_NAMES[field as keyof typeof FIELD_NAMES] : 'captureField_data');
}

export function createCaptureSession(deps: CaptureDeps): CaptureSession {
  const now = deps.now ?? Date.now;
  const armedForMs = deps.armedForMs ?? 15 * 60_000;
  const replyTimeoutMs = deps.replyTimeoutMs ?? 15_000;
  // The only place the passphrase lives, from Next until the keys appear.
  let pending: (ArmInput & { at: number }) | undefined;
  /** API keys already handled: one capture per result. */
  const handled = new Set<string>();
  /** The API Key whose Secret Key only its Copy button gives. */
  let awaiting: string | undefined;

  const send = (message: CaptureMessage) => {
    let port: CapturePort;
    try {
      port = deps.connect(CAPTURE_PORT);
    } catch {
      deps.report({ state: 'failed', message: MESSAGES.noAnswer() });
      return;
    }
    deps.report({ state: 'sending', message: MESSAGES.sending() });
    requestOnce(port, message, replyTimeoutMs, (raw) => {
      const reply = checkCaptureReply(raw);
      if (!reply) {
        deps.report({ state: 'failed', message: MESSAGES.noAnswer() });
        return;
      }
      deps.report({ state: reply.status === 'rejected' ? 'failed' : 'done', message: reply.message });
    });
  };

  /** Validates and sends the key once; the passphrase leaves this closure with it. */
  const deliver = (apiKey: string, secretKey: string) => {
    handled.add(apiKey);
    awaiting = undefined;
    const armed = pending && now() - pending.at <= armedForMs ? pending : undefined;
    pending = undefined;
    if (!armed) {
      deps.report({ state: 'failed', message: MESSAGES.notArmed() });
      return;
    }
    const checked = checkCapture({
      apiKey,
      secretKey,
      passphrase: armed.passphrase,
      ...(armed.note ? { note: armed.note.slice(0, LIMITS.note) } : {}),
      observed: armed.observed,
    });
    if (!checked.ok) {
      // Name the fields, never their values.
      deps.report({ state: 'failed', message: MESSAGES.invalid(formatList(checked.fields.map(fieldName))) });
      return;
    }
    send(checked.message);
  };

  const unreadable = () => {
    awaiting = undefined;
    if (!pending) return;
    pending = undefined;
    deps.report({ state: 'failed', message: MESSAGES.unreadable() });
  };

  return {
    arm(input) {
      pending = { ...input, at: now() };
      awaiting = undefined;
      deps.report({ state: 'armed' });
    },
    disarm() {
      pending = undefined;
      awaiting = undefined;
    },
    get armed() {
      return pending !== undefined && now() - pending.at <= armedForMs;
    },
    get awaitingCopy() {
      return awaiting !== undefined;
    },
    onResult(dialog) {
      const result = optional(() => readResult(dialog));
      if (!result) {
        unreadable();
        return;
      }
      if (handled.has(result.apiKey)) return;
      if (result.secret) {
        deliver(result.apiKey, result.secret.value);
        return;
      }
      // No secret shown. After a System-generated form's Next (armed), the
      // page has one it does not show (behind its Copy button, masked):
      // never "a user-generated key". The user's press of Copy gives it.
      if (!pending || awaiting === result.apiKey) return;
      awaiting = result.apiKey;
      deps.report({ state: 'copy', message: MESSAGES.pressCopy() });
    },
    onCopied(text) {
      if (awaiting === undefined) return;
      const secret = secretFromCopy(text, awaiting);
      if (secret) deliver(awaiting, secret);
    },
  };
}

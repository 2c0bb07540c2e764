/** The popup's view of the handoff: every secret masked or left out. */
import { maskApiKey, maskPassphrase, maskSecret } from './mask';
import type { CaptureRecord, HandoffView, RunState } from './schema';

/** The popup's view of the state (exported for tests): every secret masked or left out. */
export function buildView(state: {
  capture: CaptureRecord | null;
  pending: CaptureRecord | null;
  run: RunState;
  account: { displayName: string; email: string } | null;
  ttlMinutes: number;
}): HandoffView {
  const { capture, pending } = state;
  return {
    linked: state.account ? { displayName: state.account.displayName, email: state.account.email } : null,
    capture: capture
      ? {
          apiKey: capture.apiKey,
          ...(capture.note ? { note: capture.note } : {}),
          apiKeyMasked: maskApiKey(capture.apiKey),
          secretMasked: maskSecret(capture.secretKey),
          secretLength: capture.secretKey.length,
          passphraseMasked: maskPassphrase(capture.passphrase),
          source: capture.source,
          observed: capture.observed,
          capturedAt: capture.capturedAt,
          expiresAt: capture.expiresAt,
          confirmations: capture.confirmations,
        }
      : null,
    pending: pending ? { apiKeyMasked: maskApiKey(pending.apiKey), capturedAt: pending.capturedAt } : null,
    run: state.run,
    ttlMinutes: state.ttlMinutes,
  };
}

import { observedChecks } from '@/utils/handoff/checklist';
import { type CaptureSummary, type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { PassphraseEditor } from './PassphraseEditor';
import { usePopupStore } from './store';
import { clockTime, remaining, useNow } from './time';

const MARK = { ok: '✓', problem: '✗', unknown: '?' } as const;
const STATE_TEXT = { ok: 'OK', problem: 'Problem', unknown: 'Not checked' } as const;

/** The captured keys (masked), the security checklist, and Send / Discard. */
export function CapturedKeys({ view, capture }: { view: HandoffView; capture: CaptureSummary }) {
  const now = useNow();
  const { busy, command, confirm } = usePopupStore();
  const inFlight = isInFlight(view.run);
  const { passphraseSaved, secretSaved } = capture.confirmations;
  const confirmed = passphraseSaved && secretSaved;
  const reenter =
    view.run.phase === 'failed' &&
    view.run.reason.kind === 'verification' &&
    view.run.reason.code === 'invalid_passphrase';

  return (
    <section aria-labelledby="captured-heading" className="card">
      <h2 id="captured-heading">Keys captured</h2>
      <dl className="keys">
        <dt>API Key</dt>
        <dd data-testid="api-key">{capture.apiKeyMasked}</dd>
        <dt>Secret Key</dt>
        <dd data-testid="secret-key">{capture.secretMasked}</dd>
        <dt>Passphrase</dt>
        <dd data-testid="passphrase">{capture.passphraseMasked}</dd>
        <dt>Captured</dt>
        <dd>
          {clockTime(capture.capturedAt)} {capture.source === 'manual' ? '(pasted)' : '(from the Bitget page)'}
        </dd>
        <dt>Wiped in</dt>
        <dd>
          <time data-testid="expiry" dateTime={new Date(capture.expiresAt).toISOString()}>
            {remaining(capture.expiresAt, now)}
          </time>
        </dd>
      </dl>

      {inFlight ? null : <PassphraseEditor open={reenter} />}

      <section aria-labelledby="checklist-heading">
        <h3 id="checklist-heading">Security checklist</h3>
        <ul className="checklist">
          {observedChecks(capture.observed).map((check) => (
            <li key={check.id} data-state={check.state}>
              <span aria-hidden="true" className="mark">
                {MARK[check.state]}
              </span>
              <span>
                {check.label}: <span className="sr-only">{STATE_TEXT[check.state]}. </span>
                <span className="muted">{check.note}</span>
              </span>
            </li>
          ))}
          <li>
            <label>
              <input
                type="checkbox"
                checked={passphraseSaved}
                disabled={busy || inFlight}
                onChange={(event) => void confirm({ passphraseSaved: event.target.checked, secretSaved })}
              />
              I saved the Passphrase somewhere safe
            </label>
          </li>
          <li>
            <label>
              <input
                type="checkbox"
                checked={secretSaved}
                disabled={busy || inFlight}
                onChange={(event) => void confirm({ passphraseSaved, secretSaved: event.target.checked })}
              />
              I saved the Secret Key somewhere safe
            </label>
          </li>
        </ul>
      </section>

      <div className="actions">
        {view.linked && !inFlight ? (
          <button
            type="button"
            disabled={!confirmed || busy}
            aria-describedby={confirmed ? undefined : 'send-hint'}
            onClick={() => void command('capture:send')}
          >
            Send to {view.linked.displayName} ({view.linked.email})
          </button>
        ) : null}
        <button type="button" className="secondary danger" onClick={() => void command('capture:discard')}>
          Discard keys
        </button>
      </div>
      {view.linked && !inFlight && !confirmed ? (
        <p id="send-hint" className="muted">
          Tick both boxes above to send.
        </p>
      ) : null}
    </section>
  );
}

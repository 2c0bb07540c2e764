import { observedChecks } from '@/utils/handoff/checklist';
import { type CaptureSummary, type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { t, tParts } from '@/utils/i18n';
import { clockTime, remaining, useNow } from '../shared/time';
import { PassphraseEditor } from './PassphraseEditor';
import { usePopupStore } from './store';

const MARK = { ok: '✓', problem: '✗', unknown: '?' } as const;
const STATE_TEXT = { ok: 'check_ok', problem: 'check_problem', unknown: 'check_unknown' } as const;

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
      <h2 id="captured-heading">{t('popup_capturedHeading')}</h2>
      <dl className="keys">
        <dt>{t('field_apiKey')}</dt>
        <dd data-testid="api-key">{capture.apiKeyMasked}</dd>
        <dt>{t('field_secretKey')}</dt>
        <dd data-testid="secret-key">{capture.secretMasked}</dd>
        <dt>{t('field_passphrase')}</dt>
        <dd data-testid="passphrase">{capture.passphraseMasked}</dd>
        <dt>{t('popup_capturedAt')}</dt>
        <dd>
          {clockTime(capture.capturedAt)}{' '}
          {capture.source === 'manual' ? t('popup_sourceManual') : t('popup_sourcePage')}
        </dd>
        <dt>{t('popup_wipedIn')}</dt>
        <dd>
          <time data-testid="expiry" dateTime={new Date(capture.expiresAt).toISOString()}>
            {remaining(capture.expiresAt, now)}
          </time>
        </dd>
      </dl>

      {inFlight ? null : <PassphraseEditor open={reenter} />}

      <section aria-labelledby="checklist-heading">
        <h3 id="checklist-heading">{t('popup_checklistHeading')}</h3>
        <ul className="checklist">
          {observedChecks(capture.observed).map((check) => (
            <li key={check.id} data-state={check.state}>
              <span aria-hidden="true" className="mark">
                {MARK[check.state]}
              </span>
              <span>
                {tParts('popup_checkItem', [
                  check.label,
                  <span key="state" className="sr-only">
                    {t(STATE_TEXT[check.state])}
                  </span>,
                  <span key="note" className="muted">
                    {check.note}
                  </span>,
                ])}
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
              {t('popup_confirmPassphrase')}
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
              {t('popup_confirmSecret')}
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
            {t('popup_sendTo', [view.linked.displayName, view.linked.email])}
          </button>
        ) : null}
        <button type="button" className="secondary danger" onClick={() => void command('capture:discard')}>
          {t('popup_discard')}
        </button>
      </div>
      {view.linked && !inFlight && !confirmed ? (
        <p id="send-hint" className="muted">
          {t('popup_sendHint')}
        </p>
      ) : null}
    </section>
  );
}

import { type CaptureSummary, type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { t, tParts } from '@/utils/i18n';
import { tPlural } from '../shared/plural';
import { clockTime, remaining, useNow } from '../shared/time';
import { Checklist } from './Checklist';
import { DiscardKeys } from './DiscardKeys';
import { PassphraseEditor } from './PassphraseEditor';
import { usePopupStore } from './store';
import { keyName } from './words';

/**
 * The captured key: its note and whole API Key (not a secret: the user checks
 * it against Bitget's key list), the checklist, and Send. While a send runs or
 * after a failure (whose card holds the next action) it shrinks to the key and
 * its countdown.
 */
export function CapturedKeys({ view, capture }: { view: HandoffView; capture: CaptureSummary }) {
  const now = useNow();
  const busy = usePopupStore((s) => s.busy);
  const command = usePopupStore((s) => s.command);
  const inFlight = isInFlight(view.run);
  const compact = inFlight || view.run.phase === 'failed';
  const { passphraseSaved, secretSaved } = capture.confirmations;
  const confirmed = passphraseSaved && secretSaved;
  const send = view.linked !== null;
  const expiry = (
    <time key="expiry" data-testid="expiry" dateTime={new Date(capture.expiresAt).toISOString()}>
      {remaining(capture.expiresAt, now)}
    </time>
  );

  if (compact) {
    // The failure or progress card above holds the action: the key in one line, and Discard.
    return (
      <section aria-labelledby="captured-heading" className="card compact">
        <h2 id="captured-heading">{t('popup_capturedHeading')}</h2>
        <p className="muted small">
          {keyName(capture.apiKeyMasked, capture.note)} · {tParts('popup_deletedIn', [expiry])}
        </p>
        <DiscardKeys inFlight={inFlight} />
      </section>
    );
  }

  return (
    <section aria-labelledby="captured-heading" className="card">
      <h2 id="captured-heading">{t('popup_capturedHeading')}</h2>
      <dl className="keys">
        {capture.note ? (
          <>
            <dt>{t('field_note')}</dt>
            <dd data-testid="note">{capture.note}</dd>
          </>
        ) : null}
        <dt>{t('field_apiKey')}</dt>
        <dd data-testid="api-key" className="mono">
          {capture.apiKey}
        </dd>
        <dt>{t('field_secretKey')}</dt>
        <dd data-testid="secret-key" className="mono">
          {tPlural('popup_secretHidden', capture.secretLength)}
        </dd>
        <dt>{t('field_passphrase')}</dt>
        <dd data-testid="passphrase" className="mono">
          {capture.passphraseMasked}
        </dd>
      </dl>
      <p className="muted small">{t('popup_apiKeyCheck')}</p>
      <p className="muted small">
        {capture.source === 'manual'
          ? t('popup_capturedPasted', clockTime(capture.capturedAt))
          : t('popup_capturedFromPage', clockTime(capture.capturedAt))}
        {' · '}
        {tParts('popup_deletedIn', [expiry])}
      </p>

      <Checklist capture={capture} disabled={inFlight} />
      <PassphraseEditor />

      {send ? (
        <div className="actions">
          <button
            type="button"
            className="wide"
            disabled={!confirmed || busy}
            aria-describedby={confirmed ? undefined : 'send-hint'}
            onClick={() => void command('capture:send')}
          >
            {t('popup_sendTo', [view.linked?.displayName ?? '', view.linked?.email ?? ''])}
          </button>
        </div>
      ) : null}
      {send && !confirmed ? (
        <p id="send-hint" className="muted small">
          {t('popup_sendHint')}
        </p>
      ) : null}
      <DiscardKeys inFlight={false} />
    </section>
  );
}

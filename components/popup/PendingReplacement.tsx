import { type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { usePopupStore } from './store';
import { keyName } from './words';

/** A different key was captured while one waited: the user keeps one of them. */
export function PendingReplacement({ view }: { view: HandoffView }) {
  const busy = usePopupStore((s) => s.busy);
  const replace = usePopupStore((s) => s.replace);
  if (!view.pending) return null;
  const inFlight = isInFlight(view.run);
  const fresh = keyName(view.pending.apiKeyMasked);
  const waiting = view.capture ? keyName(view.capture.apiKeyMasked, view.capture.note) : null;
  return (
    <section aria-labelledby="pending-heading" className="card warning">
      <h2 id="pending-heading">{t('popup_pendingHeading')}</h2>
      <p>{waiting ? t('popup_pendingQuestion', [fresh, waiting]) : t('popup_pendingQuestionNoWaiting', fresh)}</p>
      <div className="actions">
        <button type="button" disabled={busy || inFlight} onClick={() => void replace(true)}>
          {t('popup_useNew', fresh)}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void replace(false)}>
          {waiting ? t('popup_keep', waiting) : t('popup_keepWaiting')}
        </button>
      </div>
      {inFlight ? <p className="muted">{t('popup_pendingInFlight')}</p> : null}
    </section>
  );
}

import { useState } from 'react';
import { t } from '@/utils/i18n';
import { usePopupStore } from './store';

/**
 * "Discard keys…": a quiet action that asks first (Bitget never shows the
 * Secret Key again), and is off while the keys are being sent.
 */
export function DiscardKeys({ inFlight }: { inFlight: boolean }) {
  const busy = usePopupStore((s) => s.busy);
  const command = usePopupStore((s) => s.command);
  const [asking, setAsking] = useState(false);
  if (asking && !inFlight) {
    return (
      <fieldset className="confirm">
        <legend>{t('popup_discardQuestion')}</legend>
        <div className="actions">
          <button
            type="button"
            className="secondary danger"
            disabled={busy}
            onClick={() => void command('capture:discard').then(() => setAsking(false))}
          >
            {t('popup_discardConfirm')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => setAsking(false)}
            // biome-ignore lint/a11y/noAutofocus: the question just replaced the button that had focus.
            autoFocus
          >
            {t('popup_discardKeep')}
          </button>
        </div>
      </fieldset>
    );
  }
  return (
    <p className="quiet-row">
      <button
        type="button"
        className="link"
        disabled={inFlight || busy}
        aria-describedby={inFlight ? 'discard-busy' : undefined}
        onClick={() => setAsking(true)}
      >
        {t('popup_discard')}
      </button>
      {inFlight ? (
        <span id="discard-busy" className="muted small">
          {t('popup_discardBusy')}
        </span>
      ) : null}
    </p>
  );
}

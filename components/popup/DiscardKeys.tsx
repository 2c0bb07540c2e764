import { useState } from 'react';
import { t } from '@/utils/i18n';
import { ConfirmQuestion } from '../shared/ConfirmQuestion';
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
      <ConfirmQuestion
        question={t('popup_discardQuestion')}
        confirm={t('popup_discardConfirm')}
        keep={t('popup_discardKeep')}
        busy={busy}
        onConfirm={() => void command('capture:discard').then(() => setAsking(false))}
        onKeep={() => setAsking(false)}
      />
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

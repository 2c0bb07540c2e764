import { useCallback, useEffect, useState } from 'react';
import { missingOrigins, requestHostAccess, watchHostAccess } from '@/utils/host-access';
import { t } from '@/utils/i18n';

/**
 * Shown only when the browser has not granted the sites Mantix Connect needs
 * (Firefox lets the user withdraw them): says what stops working and offers
 * the one button that asks for them.
 */
export function HostAccessNotice() {
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const refresh = useCallback(() => {
    void missingOrigins()
      .then(setMissing)
      .catch(() => setMissing([]));
  }, []);
  useEffect(() => {
    refresh();
    return watchHostAccess(refresh);
  }, [refresh]);
  if (missing.length === 0) return null;
  const ask = () => {
    // Inside the click, with nothing awaited first: the browser only asks during a user action.
    void requestHostAccess(missing)
      .then((granted) => setRefused(!granted))
      .catch(() => setRefused(true))
      .finally(refresh);
  };
  return (
    <section aria-labelledby="host-access-heading" className="card warning">
      <h2 id="host-access-heading">{t('hostAccess_heading')}</h2>
      <p>{t('hostAccess_intro')}</p>
      {refused ? (
        <p className="warning" role="status">
          {t('hostAccess_refused')}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" onClick={ask}>
          {t('hostAccess_allow')}
        </button>
      </div>
    </section>
  );
}

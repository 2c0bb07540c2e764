import { useState } from 'react';
import { formatDateTime, t } from '@/utils/i18n';
import type { LinkState } from '@/utils/link/items';
import { openBitget } from '../popup/actions';
import { ConfirmQuestion } from '../shared/ConfirmQuestion';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useLinkStore } from './link-store';
import { ServerIps } from './ServerIps';

/** Linked: who to, the next step (create the key on Bitget), Mantix's server IPs, and "Unlink…" (asked first). */
export function LinkedView({ link }: { link: LinkState }) {
  const actionError = useLinkStore((s) => s.actionError);
  return (
    <>
      <p role="status">{t('options_linkedStatus')}</p>
      <dl className="account">
        <dt>{t('options_name')}</dt>
        <dd>{link.displayName}</dd>
        <dt>{t('options_email')}</dt>
        <dd>{link.email}</dd>
        <dt>{t('options_linkedOn')}</dt>
        <dd>
          <time dateTime={link.linkedAt}>{formatDateTime(link.linkedAt)}</time>
        </dd>
      </dl>
      <section aria-labelledby="next-heading" className="next">
        <h3 id="next-heading">{t('options_nextHeading')}</h3>
        <p>{t('options_nextIntro')}</p>
        <button type="button" onClick={openBitget}>
          {t('options_createKey')}
        </button>
      </section>
      <ServerIps />
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <Unlink name={link.displayName} />
    </>
  );
}

function Unlink({ name }: { name: string }) {
  const busy = useLinkStore((s) => s.busy);
  const unlink = useLinkStore((s) => s.unlink);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <p>
        <button type="button" className="link" onClick={() => setAsking(true)}>
          {t('options_unlink')}
        </button>
      </p>
    );
  }
  return (
    <ConfirmQuestion
      question={t('options_unlinkQuestion', name)}
      confirm={busy === 'unlink' ? t('options_unlinking') : t('options_unlinkConfirm')}
      keep={t('common_cancel')}
      busy={busy === 'unlink'}
      onConfirm={() => void unlink()}
      onKeep={() => setAsking(false)}
    />
  );
}

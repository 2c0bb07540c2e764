import { config } from '@/utils/config';
import { formatDateTime, t } from '@/utils/i18n';
import type { LinkState } from '@/utils/storage';
import { ErrorMessage } from '../shared/ErrorMessage';
import { useLinkStore } from './link-store';
import { ServerIps } from './ServerIps';

/** Linked: who to, Mantix's server IPs, the trusted ingest keys, and "Unlink". */
export function LinkedView({ link }: { link: LinkState }) {
  const busy = useLinkStore((s) => s.busy);
  const actionError = useLinkStore((s) => s.actionError);
  const unlink = useLinkStore((s) => s.unlink);
  return (
    <>
      <p role="status">{t('options_linkedStatus')}</p>
      <dl className="account">
        <dt>{t('options_name')}</dt>
        <dd>{link.displayName}</dd>
        <dt>{t('options_email')}</dt>
        <dd>{link.email}</dd>
        <dt>{t('options_accountId')}</dt>
        <dd>
          <code>{link.accountId}</code>
        </dd>
        <dt>{t('options_linkedOn')}</dt>
        <dd>
          <time dateTime={link.linkedAt}>{formatDateTime(link.linkedAt)}</time>
        </dd>
      </dl>
      <ServerIps />
      <section aria-labelledby="pins-heading">
        <h3 id="pins-heading">{t('options_pinsHeading')}</h3>
        <p>{t('options_pinsIntro')}</p>
        <ul aria-labelledby="pins-heading" className="pins">
          {config.ingestPins.map((pin) => (
            <li key={pin}>
              <code>{pin}</code>
            </li>
          ))}
        </ul>
      </section>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      <button type="button" className="secondary" onClick={() => void unlink()} disabled={busy === 'unlink'}>
        {busy === 'unlink' ? t('options_unlinking') : t('options_unlink')}
      </button>
    </>
  );
}

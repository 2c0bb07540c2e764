import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, t, tParts } from '@/utils/i18n';
import { request } from '@/utils/messaging';
import type { ErrorInfo, ResponseOf } from '@/utils/protocol';
import { CopyButton } from '../shared/CopyButton';
import { ErrorMessage } from '../shared/ErrorMessage';

type IpsState =
  | { status: 'loading' }
  | { status: 'ready'; value: ResponseOf<'serverIps:get'> }
  | { status: 'failed'; error: ErrorInfo };

/** The Mantix server IPs for Bitget (asked from the background, which validated them). */
export function ServerIps() {
  const [state, setState] = useState<IpsState>({ status: 'loading' });
  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const result = await request('serverIps:get', {});
    setState(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="ips-heading">
      <h3 id="ips-heading">{t('options_ipsHeading')}</h3>
      <p>{t('options_ipsIntro')}</p>
      {state.status === 'loading' ? <p className="muted">{t('common_loading')}</p> : null}
      {state.status === 'failed' ? (
        <ErrorMessage error={state.error}>
          <button type="button" onClick={() => void load()}>
            {t('common_tryAgain')}
          </button>
        </ErrorMessage>
      ) : null}
      {state.status === 'ready' ? (
        <>
          <ul aria-labelledby="ips-heading" className="ips">
            {state.value.ips.map((ip) => (
              <li key={ip}>
                <code>{ip}</code>
              </li>
            ))}
          </ul>
          <p className="muted">
            {tParts('options_ipsUpdated', [
              <time key="updated" dateTime={state.value.updatedAt}>
                {formatDateTime(state.value.updatedAt)}
              </time>,
            ])}
          </p>
          <CopyButton text={state.value.ips.join(',')} label={t('options_copyIps')} />
        </>
      ) : null}
    </section>
  );
}

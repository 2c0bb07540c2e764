import { useCallback, useEffect, useState } from 'react';
import { request } from '@/utils/messaging';
import type { ErrorInfo, ResponseOf } from '@/utils/protocol';
import { ErrorMessage } from '../shared/ErrorMessage';
import { CopyButton } from './CopyButton';

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
      <h3 id="ips-heading">Mantix server IPs for Bitget</h3>
      <p>Bind your Bitget API key to these addresses, so that only Mantix can use it.</p>
      {state.status === 'loading' ? <p className="muted">Loading…</p> : null}
      {state.status === 'failed' ? (
        <ErrorMessage error={state.error}>
          <button type="button" onClick={() => void load()}>
            Try again
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
            Updated <time dateTime={state.value.updatedAt}>{new Date(state.value.updatedAt).toLocaleString()}</time>
          </p>
          <CopyButton text={state.value.ips.join(',')} label="Copy IP addresses" />
        </>
      ) : null}
    </section>
  );
}

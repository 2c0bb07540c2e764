import { t, tParts } from '@/utils/i18n';
import { CopyButton } from '../shared/CopyButton';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatRemaining, useNow } from '../shared/time';
import { useLinkStore } from './link-store';

/** Not linked: the "Link" button, then the code to approve, then how it ended. */
export function LinkingView() {
  const flow = useLinkStore((s) => s.flow);
  const busy = useLinkStore((s) => s.busy);
  const unlinked = useLinkStore((s) => s.unlinked);
  const actionError = useLinkStore((s) => s.actionError);
  const start = useLinkStore((s) => s.start);
  const cancel = useLinkStore((s) => s.cancel);
  const openVerificationPage = useLinkStore((s) => s.openVerificationPage);
  const now = useNow(flow.state === 'pending');

  const retry = (label: string) => (
    <button type="button" onClick={() => void start()} disabled={busy === 'start'}>
      {label}
    </button>
  );

  return (
    <>
      {actionError ? <ErrorMessage error={actionError} /> : null}
      {flow.state === 'idle' ? (
        <>
          {unlinked ? (
            unlinked.notice ? (
              <ErrorMessage
                error={{
                  code: 'unlinked_locally',
                  message: unlinked.notice,
                  ...(unlinked.detail ? { detail: unlinked.detail } : {}),
                }}
              />
            ) : (
              <p role="status">{t('options_unlinked')}</p>
            )
          ) : null}
          <p>{t('options_linkIntro')}</p>
          <button type="button" onClick={() => void start()} disabled={busy === 'start'}>
            {busy === 'start' ? t('options_linkStarting') : t('options_link')}
          </button>
        </>
      ) : null}
      {flow.state === 'pending' ? (
        <section aria-labelledby="approve-heading" className="pending">
          <h3 id="approve-heading">{t('options_approveHeading')}</h3>
          <p>{tParts('options_approveIntro', [<strong key="approve">{t('options_approveButton')}</strong>])}</p>
          <label htmlFor="user-code">{t('options_yourCode')}</label>
          <div className="code-row">
            <input
              id="user-code"
              className="user-code"
              readOnly
              value={flow.userCode}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={flow.userCode} label={t('options_copyCode')} />
          </div>
          <p role="timer" className="muted">
            {t('options_expiresIn', formatRemaining(flow.expiresAt - now))}
          </p>
          <p role="status">{t('options_waiting')}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void openVerificationPage()}>
              {t('options_openAgain')}
            </button>
            <button type="button" className="secondary" onClick={() => void cancel()} disabled={busy === 'cancel'}>
              {t('common_cancel')}
            </button>
          </div>
        </section>
      ) : null}
      {flow.state === 'denied' ? (
        <ErrorMessage error={{ code: 'denied', message: t('options_denied') }}>
          {retry(t('common_tryAgain'))}
        </ErrorMessage>
      ) : null}
      {flow.state === 'expired' ? (
        <ErrorMessage error={{ code: 'expired', message: t('options_expired') }}>
          {retry(t('options_startAgain'))}
        </ErrorMessage>
      ) : null}
      {flow.state === 'error' ? <ErrorMessage error={flow.error}>{retry(t('common_tryAgain'))}</ErrorMessage> : null}
    </>
  );
}

import { ErrorMessage } from '../shared/ErrorMessage';
import { CopyButton } from './CopyButton';
import { useLinkStore } from './link-store';
import { formatRemaining, useNow } from './use-now';

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
              <p role="status">Unlinked. Mantix Connect no longer has access to your Mantix account.</p>
            )
          ) : null}
          <p>Link this browser to your Mantix account to send Bitget keys to it.</p>
          <button type="button" onClick={() => void start()} disabled={busy === 'start'}>
            {busy === 'start' ? 'Starting…' : 'Link Mantix account'}
          </button>
        </>
      ) : null}
      {flow.state === 'pending' ? (
        <section aria-labelledby="approve-heading" className="pending">
          <h3 id="approve-heading">Approve in Mantix</h3>
          <p>
            A Mantix page opened in a new tab. Check that it shows this code, then choose <strong>Approve</strong>.
          </p>
          <label htmlFor="user-code">Your code</label>
          <div className="code-row">
            <input
              id="user-code"
              className="user-code"
              readOnly
              value={flow.userCode}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton text={flow.userCode} label="Copy code" />
          </div>
          <p role="timer" className="muted">
            The code expires in {formatRemaining(flow.expiresAt - now)}
          </p>
          <p role="status">Waiting for your approval in Mantix…</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => void openVerificationPage()}>
              Open the Mantix page again
            </button>
            <button type="button" className="secondary" onClick={() => void cancel()} disabled={busy === 'cancel'}>
              Cancel
            </button>
          </div>
        </section>
      ) : null}
      {flow.state === 'denied' ? (
        <ErrorMessage error={{ code: 'denied', message: 'Linking was declined in Mantix.' }}>
          {retry('Try again')}
        </ErrorMessage>
      ) : null}
      {flow.state === 'expired' ? (
        <ErrorMessage error={{ code: 'expired', message: 'The code expired — start again.' }}>
          {retry('Start again')}
        </ErrorMessage>
      ) : null}
      {flow.state === 'error' ? <ErrorMessage error={flow.error}>{retry('Try again')}</ErrorMessage> : null}
    </>
  );
}

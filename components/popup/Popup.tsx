import { useEffect } from 'react';
import { ErrorMessage } from '@/components/shared/ErrorMessage';
import { type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { BackgroundStatus } from '../shared/BackgroundStatus';
import { openBitget, openOptions } from './actions';
import { CapturedKeys } from './CapturedKeys';
import { ManualForm } from './ManualForm';
import { RunStatus } from './RunStatus';
import { usePopupStore } from './store';

/** The toolbar popup: a view of the background's capture and handoff (it never sees a secret). */
export function Popup() {
  const start = usePopupStore((s) => s.start);
  const view = usePopupStore((s) => s.view);
  const connection = usePopupStore((s) => s.connection);
  const error = usePopupStore((s) => s.error);
  useEffect(() => start(), [start]);

  return (
    <main className="popup">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>Mantix Connect</h1>
      </header>
      {error ? <ErrorMessage error={error} /> : null}
      {view ? (
        <Screen view={view} />
      ) : connection === 'connecting' ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : null}
      <footer className="footer">
        <BackgroundStatus />
        <button type="button" className="secondary" onClick={openOptions}>
          Mantix account settings
        </button>
      </footer>
    </main>
  );
}

function Screen({ view }: { view: HandoffView }) {
  return (
    <>
      {view.linked ? null : <NotLinked waiting={view.capture !== null} />}
      <RunStatus view={view} />
      {view.pending ? <PendingReplacement view={view} /> : null}
      {view.capture ? (
        <CapturedKeys view={view} capture={view.capture} />
      ) : isInFlight(view.run) ? null : (
        <NothingCaptured linked={view.linked !== null} another={view.run.phase === 'active'} />
      )}
    </>
  );
}

function NotLinked({ waiting }: { waiting: boolean }) {
  return (
    <section aria-labelledby="link-heading" className="card">
      <h2 id="link-heading">Link your Mantix account</h2>
      <p>
        Mantix Connect sends your Bitget key only to the Mantix account it is linked to.
        {waiting ? ' Your captured keys wait here meanwhile.' : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={openOptions}>
          Link a Mantix account
        </button>
      </div>
    </section>
  );
}

function NothingCaptured({ linked, another }: { linked: boolean; another: boolean }) {
  return (
    <section aria-labelledby="nothing-heading" className="card">
      <h2 id="nothing-heading">{another ? 'Connect another key' : 'No key captured yet'}</h2>
      <p>
        Create an API key on Bitget's API Management page: Mantix Connect guides you there and picks up the new key when
        Bitget shows it.
      </p>
      <div className="actions">
        <button type="button" className={linked ? '' : 'secondary'} onClick={openBitget}>
          Connect Bitget
        </button>
      </div>
      <ManualForm />
    </section>
  );
}

function PendingReplacement({ view }: { view: HandoffView }) {
  const { busy, replace } = usePopupStore();
  if (!view.pending) return null;
  const inFlight = isInFlight(view.run);
  return (
    <section aria-labelledby="pending-heading" className="card warning">
      <h2 id="pending-heading">Another key was captured</h2>
      <p>
        {view.pending.apiKeyMasked} was captured while {view.capture?.apiKeyMasked ?? 'another key'} waits. Which one
        should Mantix Connect keep?
      </p>
      <div className="actions">
        <button type="button" disabled={busy || inFlight} onClick={() => void replace(true)}>
          Use the new key {view.pending.apiKeyMasked}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void replace(false)}>
          Keep {view.capture?.apiKeyMasked ?? 'the waiting key'}
        </button>
      </div>
      {inFlight ? <p className="muted">You can choose when the current key has been sent.</p> : null}
    </section>
  );
}

import { useEffect } from 'react';
import { ErrorMessage } from '@/components/shared/ErrorMessage';
import { type HandoffView, isInFlight } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { BackgroundStatus } from '../shared/BackgroundStatus';
import { StorageNotice } from '../shared/StorageNotice';
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
        <h1>{t('extName')}</h1>
      </header>
      {error ? <ErrorMessage error={error} /> : null}
      {view ? (
        <Screen view={view} />
      ) : connection === 'connecting' ? (
        <p className="muted" role="status">
          {t('common_loading')}
        </p>
      ) : null}
      <footer className="footer">
        <BackgroundStatus />
        <StorageNotice />
        <button type="button" className="secondary" onClick={openOptions}>
          {t('popup_settings')}
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
        <NothingCaptured
          linked={view.linked !== null}
          another={view.run.phase === 'active'}
          lost={view.lostAtRestart === true}
        />
      )}
    </>
  );
}

function NotLinked({ waiting }: { waiting: boolean }) {
  return (
    <section aria-labelledby="link-heading" className="card">
      <h2 id="link-heading">{t('popup_linkHeading')}</h2>
      <p>
        {t('popup_linkIntro')}
        {waiting ? ` ${t('popup_linkWaiting')}` : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={openOptions}>
          {t('popup_linkButton')}
        </button>
      </div>
    </section>
  );
}

function NothingCaptured({ linked, another, lost }: { linked: boolean; another: boolean; lost: boolean }) {
  return (
    <section aria-labelledby="nothing-heading" className="card">
      <h2 id="nothing-heading">{another ? t('popup_anotherHeading') : t('popup_nothingHeading')}</h2>
      {lost ? (
        <p className="warning" role="status">
          {t('popup_lostAtRestart')}
        </p>
      ) : null}
      <p>{t('popup_nothingIntro')}</p>
      <div className="actions">
        <button type="button" className={linked ? '' : 'secondary'} onClick={openBitget}>
          {t('popup_connectBitget')}
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
      <h2 id="pending-heading">{t('popup_pendingHeading')}</h2>
      <p>
        {view.capture
          ? t('popup_pendingQuestion', [view.pending.apiKeyMasked, view.capture.apiKeyMasked])
          : t('popup_pendingQuestionNoWaiting', view.pending.apiKeyMasked)}
      </p>
      <div className="actions">
        <button type="button" disabled={busy || inFlight} onClick={() => void replace(true)}>
          {t('popup_useNew', view.pending.apiKeyMasked)}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void replace(false)}>
          {view.capture ? t('popup_keep', view.capture.apiKeyMasked) : t('popup_keepWaiting')}
        </button>
      </div>
      {inFlight ? <p className="muted">{t('popup_pendingInFlight')}</p> : null}
    </section>
  );
}

import { useEffect } from 'react';
import type { StoreApi } from 'zustand';
import { ErrorMessage } from '@/components/shared/ErrorMessage';
import type { HandoffView } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { About, BackgroundProblem } from '../shared/BackgroundStatus';
import { type BackgroundState, backgroundScope } from '../shared/background-store';
import { HostAccessNotice } from '../shared/HostAccessNotice';
import { StorageNotice } from '../shared/StorageNotice';
import { ScopedProvider } from '../shared/scoped-store';
import { openBitget, openOptions } from './actions';
import { CapturedKeys } from './CapturedKeys';
import { ManualForm } from './ManualForm';
import { PendingReplacement } from './PendingReplacement';
import { RunStatus } from './RunStatus';
import { type PopupState, popupScope, usePopupStore } from './store';

/** The toolbar popup: a view of the background's capture and handoff (it never sees a secret). Its stores live as long as it is mounted (tests may hand theirs in). */
export function Popup({
  stores,
}: {
  stores?: { popup?: StoreApi<PopupState>; background?: StoreApi<BackgroundState> };
}) {
  return (
    <ScopedProvider scope={backgroundScope} store={stores?.background}>
      <ScopedProvider scope={popupScope} store={stores?.popup}>
        <PopupScreen />
      </ScopedProvider>
    </ScopedProvider>
  );
}

function PopupScreen() {
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
      <BackgroundProblem />
      {error ? <ErrorMessage error={error} /> : null}
      <HostAccessNotice />
      {view ? (
        <Screen view={view} />
      ) : connection === 'connecting' ? (
        <p className="muted" role="status">
          {t('common_loading')}
        </p>
      ) : null}
      <footer className="footer">
        <StorageNotice />
        <p className="quiet-row">
          <button type="button" className="link" onClick={openOptions}>
            {t('popup_settings')}
          </button>
        </p>
        <About details={view ? supportLines(view) : []} />
      </footer>
    </main>
  );
}

/** What support needs about the current state (phase, codes, connection id), never a secret. */
function supportLines(view: HandoffView): string[] {
  const run = view.run;
  const lines = [`phase: ${run.phase}`];
  if ('connectionId' in run) lines.push(`connection: ${run.connectionId}`);
  if (run.phase === 'failed') {
    lines.push(
      run.reason.kind === 'verification'
        ? `failure: ${run.reason.code} (connection ${run.reason.connectionId})`
        : `error: ${run.reason.error.code}${run.reason.connectionId ? ` (connection ${run.reason.connectionId})` : ''}`,
    );
  }
  if (run.phase === 'retrying') lines.push(`retrying: ${run.error.code}, attempt ${run.attempt}`);
  if (view.capture) lines.push(`key: ${view.capture.apiKeyMasked} (${view.capture.source})`);
  return lines;
}

function Screen({ view }: { view: HandoffView }) {
  return (
    <>
      {view.linked ? null : <NotLinked waiting={view.capture !== null} />}
      <RunStatus view={view} />
      {view.pending ? <PendingReplacement view={view} /> : null}
      {view.capture ? (
        <CapturedKeys view={view} capture={view.capture} />
      ) : view.run.phase === 'idle' ? (
        <NothingCaptured linked={view.linked !== null} lost={view.lostAtRestart === true} />
      ) : null}
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

function NothingCaptured({ linked, lost }: { linked: boolean; lost: boolean }) {
  return (
    <section aria-labelledby="nothing-heading" className="card">
      <h2 id="nothing-heading">{t('popup_nothingHeading')}</h2>
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

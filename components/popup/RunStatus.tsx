import { ErrorMessage, SupportDetails } from '@/components/shared/ErrorMessage';
import { sendErrorAction, verificationAdvice } from '@/utils/handoff/failures';
import { MAX_SEND_TRIES } from '@/utils/handoff/retry';
import type { HandoffView, RunState } from '@/utils/handoff/schema';
import { t, tParts } from '@/utils/i18n';
import { clockTime, remaining, useNow } from '../shared/time';
import { openBitget, openMantix } from './actions';
import { FixButtons } from './FixButtons';
import { ManualForm } from './ManualForm';
import { usePopupStore } from './store';
import { keyName } from './words';

const STEPS = [
  { phase: 'encrypting', label: 'run_stepEncrypting' },
  { phase: 'sending', label: 'run_stepSending' },
  { phase: 'verifying', label: 'run_stepVerifying' },
] as const;

/** Where the handoff stands: sending, retrying, the verdict, or expiry. */
export function RunStatus({ view }: { view: HandoffView }) {
  const run = view.run;
  // The run is about the waiting key when there is one: name it by its note too.
  const name = (masked: string) => keyName(masked, view.capture?.note);
  switch (run.phase) {
    case 'idle':
      return null;
    case 'encrypting':
    case 'sending':
    case 'verifying':
      return <Sending run={run} name={name(run.apiKeyMasked)} />;
    case 'retrying':
      return <Retrying run={run} />;
    case 'active':
      return <Active run={run} name={name(run.apiKeyMasked)} />;
    case 'failed':
      return <Failed run={run} name={name(run.apiKeyMasked)} hasKeys={view.capture !== null} />;
    case 'expired':
      return <Expired ttlMinutes={view.ttlMinutes} />;
  }
}

function Sending({
  run,
  name,
}: {
  run: Extract<RunState, { phase: 'encrypting' | 'sending' | 'verifying' }>;
  name: string;
}) {
  const current = STEPS.findIndex((step) => step.phase === run.phase);
  return (
    <section aria-labelledby="sending-heading" className="card progress" aria-busy="true">
      <h2 id="sending-heading">{t('run_sendingHeading', name)}</h2>
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li
            key={step.phase}
            aria-current={index === current ? 'step' : undefined}
            data-done={index < current ? 'true' : undefined}
          >
            {index < current
              ? t('run_stepDone', t(step.label))
              : index === current
                ? t('run_stepCurrent', t(step.label))
                : t(step.label)}
          </li>
        ))}
      </ol>
      {run.phase === 'verifying' && run.lastError ? <p className="muted">{t('run_verifyRetry')}</p> : null}
      <p className="muted small">{t('run_canClose')}</p>
    </section>
  );
}

/** Neutral, with progress: Mantix is busy and the background tries again by itself. */
function Retrying({ run }: { run: Extract<RunState, { phase: 'retrying' }> }) {
  const now = useNow();
  const busy = usePopupStore((s) => s.busy);
  const command = usePopupStore((s) => s.command);
  return (
    <section aria-labelledby="retrying-heading" className="card progress">
      <h2 id="retrying-heading">{t('run_retryingHeading')}</h2>
      <progress max={MAX_SEND_TRIES} value={run.attempt} aria-labelledby="retrying-heading" />
      <p data-testid="next-attempt" role="timer">
        {t('run_nextTry', [
          run.attempt + 1,
          MAX_SEND_TRIES,
          clockTime(run.nextAttemptAt),
          remaining(run.nextAttemptAt, now),
        ])}
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void command('capture:retry-now')}>
          {t('run_retryNow')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void command('capture:stop')}>
          {t('run_stop')}
        </button>
      </div>
      <details className="support">
        <summary>{t('run_lastAnswer')}</summary>
        <p>{run.error.message}</p>
        {run.error.detail ? <SupportDetails text={run.error.detail} /> : null}
      </details>
    </section>
  );
}

function Active({ run, name }: { run: Extract<RunState, { phase: 'active' }>; name: string }) {
  return (
    <section aria-labelledby="active-heading" className="card success" aria-live="polite">
      <div className="success-head">
        <span className="success-mark" role="img" aria-label={t('run_successMark')}>
          ✓
        </span>
        <h2 id="active-heading">{t('run_activeHeading')}</h2>
      </div>
      <p>{t('run_activeText', name)}</p>
      {run.balance ? (
        <p data-testid="balance">
          {tParts('run_balance', [<strong key="amount">{run.balance.totalUsdt} USDT</strong>])}
        </p>
      ) : (
        <p className="muted">{t('run_noBalance')}</p>
      )}
      <p className="muted small">{t('run_wiped')}</p>
      <div className="actions">
        <button type="button" className="wide" onClick={openMantix}>
          {t('run_openMantix')}
        </button>
        <button type="button" className="secondary" onClick={openBitget}>
          {t('popup_anotherHeading')}
        </button>
      </div>
      <ManualForm />
    </section>
  );
}

function Failed({
  run,
  name,
  hasKeys,
}: {
  run: Extract<RunState, { phase: 'failed' }>;
  name: string;
  hasKeys: boolean;
}) {
  if (run.reason.kind === 'verification') {
    const advice = verificationAdvice(run.reason.code, run.reason.message);
    return (
      <section aria-labelledby="failed-heading" className="card">
        <h2 id="failed-heading">{hasKeys ? t('run_failedHeadingShort') : t('run_failedHeading', name)}</h2>
        <ErrorMessage
          error={{
            code: run.reason.code,
            message: advice.sentence,
            detail: t('run_failureDetail', [run.reason.code, run.reason.message, run.reason.connectionId]),
          }}
        >
          <FixButtons action={advice.action} hasKeys={hasKeys} />
          {run.keysWiped ? <p className="muted small">{t('run_keysWiped')}</p> : null}
        </ErrorMessage>
        {hasKeys ? null : <ManualForm />}
      </section>
    );
  }
  return (
    <section aria-labelledby="failed-heading" className="card">
      <h2 id="failed-heading">{t('run_notHandedOver')}</h2>
      <ErrorMessage error={run.reason.error}>
        <FixButtons action={sendErrorAction(run.reason.error.code)} hasKeys={hasKeys} />
      </ErrorMessage>
      {hasKeys ? null : <ManualForm />}
    </section>
  );
}

function Expired({ ttlMinutes }: { ttlMinutes: number }) {
  return (
    <section aria-labelledby="expired-heading" className="card" aria-live="polite">
      <h2 id="expired-heading">{t('run_expiredHeading')}</h2>
      <p>{ttlMinutes === 1 ? t('run_expiredText_one', ttlMinutes) : t('run_expiredText_other', ttlMinutes)}</p>
      <div className="actions">
        <button type="button" onClick={openBitget}>
          {t('fix_newKey')}
        </button>
      </div>
      <ManualForm />
    </section>
  );
}

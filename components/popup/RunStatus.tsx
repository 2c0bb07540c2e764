import { ErrorMessage } from '@/components/shared/ErrorMessage';
import { type FixAction, sendErrorAction, verificationAdvice } from '@/utils/handoff/failures';
import { MAX_SEND_TRIES } from '@/utils/handoff/retry';
import type { HandoffView, RunState } from '@/utils/handoff/schema';
import { t, tParts } from '@/utils/i18n';
import { clockTime, remaining, useNow } from '../shared/time';
import { openBitget, openOptions } from './actions';
import { usePopupStore } from './store';

const STEPS = [
  { phase: 'encrypting', label: 'run_stepEncrypting' },
  { phase: 'sending', label: 'run_stepSending' },
  { phase: 'verifying', label: 'run_stepVerifying' },
] as const;

/** Where the handoff stands: sending, retrying, the verdict, or expiry. */
export function RunStatus({ view }: { view: HandoffView }) {
  const run = view.run;
  switch (run.phase) {
    case 'idle':
      return null;
    case 'encrypting':
    case 'sending':
    case 'verifying':
      return <Sending run={run} />;
    case 'retrying':
      return <Retrying run={run} />;
    case 'active':
      return <Active run={run} />;
    case 'failed':
      return <Failed run={run} hasKeys={view.capture !== null} />;
    case 'expired':
      return <Expired ttlMinutes={view.ttlMinutes} />;
  }
}

function Sending({ run }: { run: Extract<RunState, { phase: 'encrypting' | 'sending' | 'verifying' }> }) {
  const current = STEPS.findIndex((step) => step.phase === run.phase);
  return (
    <section aria-labelledby="sending-heading" className="card" aria-busy="true">
      <h2 id="sending-heading">{t('run_sendingHeading', run.apiKeyMasked)}</h2>
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
      <p className="muted">{t('run_canClose')}</p>
    </section>
  );
}

function Retrying({ run }: { run: Extract<RunState, { phase: 'retrying' }> }) {
  const now = useNow();
  return (
    <section aria-labelledby="retrying-heading" className="card">
      <h2 id="retrying-heading">{t('run_retryingHeading')}</h2>
      <ErrorMessage error={run.error}>
        <p data-testid="next-attempt">
          {t('run_nextTry', [
            run.attempt + 1,
            MAX_SEND_TRIES,
            clockTime(run.nextAttemptAt),
            remaining(run.nextAttemptAt, now),
          ])}
        </p>
      </ErrorMessage>
    </section>
  );
}

function Active({ run }: { run: Extract<RunState, { phase: 'active' }> }) {
  return (
    <section aria-labelledby="active-heading" className="card success" aria-live="polite">
      <h2 id="active-heading">{t('run_activeHeading')}</h2>
      <p>{t('run_activeText', run.apiKeyMasked)}</p>
      {run.balance ? (
        <p data-testid="balance">
          {tParts('run_balance', [<strong key="amount">{run.balance.totalUsdt} USDT</strong>])}
        </p>
      ) : (
        <p className="muted">{t('run_noBalance')}</p>
      )}
      <p className="muted">{t('run_wiped')}</p>
    </section>
  );
}

function Failed({ run, hasKeys }: { run: Extract<RunState, { phase: 'failed' }>; hasKeys: boolean }) {
  if (run.reason.kind === 'verification') {
    const advice = verificationAdvice(run.reason.code, run.reason.message);
    return (
      <section aria-labelledby="failed-heading" className="card">
        <h2 id="failed-heading">{t('run_failedHeading', run.apiKeyMasked)}</h2>
        <ErrorMessage
          error={{
            code: run.reason.code,
            message: advice.sentence,
            detail: t('run_failureDetail', [run.reason.code, run.reason.message, run.reason.connectionId]),
          }}
        >
          {run.keysWiped ? <p>{t('run_keysWiped')}</p> : null}
          <FixButtons action={advice.action} hasKeys={hasKeys} />
        </ErrorMessage>
      </section>
    );
  }
  return (
    <section aria-labelledby="failed-heading" className="card">
      <h2 id="failed-heading">{t('run_notHandedOver')}</h2>
      <ErrorMessage error={run.reason.error}>
        <FixButtons action={sendErrorAction(run.reason.error.code)} hasKeys={hasKeys} />
      </ErrorMessage>
    </section>
  );
}

/** The buttons that fix a failure. */
export function FixButtons({ action, hasKeys }: { action: FixAction; hasKeys: boolean }) {
  const { busy, command } = usePopupStore();
  const sendAgain = hasKeys ? (
    <button type="button" disabled={busy} onClick={() => void command('capture:send')}>
      {t('fix_sendAgain')}
    </button>
  ) : null;
  switch (action) {
    case 'reenter_passphrase':
      return <p className="muted">{t('fix_reenter')}</p>;
    case 'fill_ips':
      return (
        <div className="actions">
          <button type="button" className="secondary" onClick={openBitget}>
            {t('fix_openIps')}
          </button>
          {sendAgain}
        </div>
      );
    case 'set_up_rights':
      return (
        <div className="actions">
          <button type="button" className="secondary" onClick={openBitget}>
            {t('fix_openRights')}
          </button>
          {sendAgain}
        </div>
      );
    case 'new_key':
      return (
        <div className="actions">
          <button type="button" onClick={openBitget}>
            {t('fix_newKey')}
          </button>
        </div>
      );
    case 'check_again':
      return (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void command('capture:check-again')}>
            {t('fix_checkAgain')}
          </button>
        </div>
      );
    case 'send_again':
      return sendAgain ? <div className="actions">{sendAgain}</div> : null;
    case 'link_again':
      return (
        <div className="actions">
          <button type="button" onClick={openOptions}>
            {t('fix_linkAgain')}
          </button>
        </div>
      );
    case 'none':
      return null;
  }
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
    </section>
  );
}

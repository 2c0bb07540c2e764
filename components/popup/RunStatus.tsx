import { ErrorMessage } from '@/components/shared/ErrorMessage';
import { type FixAction, sendErrorAction, verificationAdvice } from '@/utils/handoff/failures';
import { MAX_SEND_TRIES } from '@/utils/handoff/retry';
import type { HandoffView, RunState } from '@/utils/handoff/schema';
import { openBitget, openOptions } from './actions';
import { usePopupStore } from './store';
import { clockTime, remaining, useNow } from './time';

const STEPS = [
  { phase: 'encrypting', label: 'Encrypting the keys for Mantix' },
  { phase: 'sending', label: 'Sending them to Mantix' },
  { phase: 'verifying', label: 'Mantix checks the key with Bitget' },
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
      <h2 id="sending-heading">Sending {run.apiKeyMasked} to Mantix</h2>
      <ol className="steps">
        {STEPS.map((step, index) => (
          <li
            key={step.phase}
            aria-current={index === current ? 'step' : undefined}
            data-done={index < current ? 'true' : undefined}
          >
            {step.label}
            {index < current ? ' — done' : index === current ? '…' : ''}
          </li>
        ))}
      </ol>
      {run.phase === 'verifying' && run.lastError ? (
        <p className="muted">Mantix did not answer the last check; asking again.</p>
      ) : null}
      <p className="muted">You can close this popup: the keys are sent in the background.</p>
    </section>
  );
}

function Retrying({ run }: { run: Extract<RunState, { phase: 'retrying' }> }) {
  const now = useNow();
  return (
    <section aria-labelledby="retrying-heading" className="card">
      <h2 id="retrying-heading">Trying again</h2>
      <ErrorMessage error={run.error}>
        <p data-testid="next-attempt">
          Next try ({run.attempt + 1} of {MAX_SEND_TRIES}) at {clockTime(run.nextAttemptAt)}, in{' '}
          {remaining(run.nextAttemptAt, now)}. Your keys stay in this browser meanwhile.
        </p>
      </ErrorMessage>
    </section>
  );
}

function Active({ run }: { run: Extract<RunState, { phase: 'active' }> }) {
  return (
    <section aria-labelledby="active-heading" className="card success" aria-live="polite">
      <h2 id="active-heading">Connected to Mantix</h2>
      <p>Mantix verified the key {run.apiKeyMasked} with Bitget. It is active.</p>
      {run.balance ? (
        <p data-testid="balance">
          Balance: <strong>{run.balance.totalUsdt} USDT</strong>
        </p>
      ) : (
        <p className="muted">Mantix has not reported the balance yet.</p>
      )}
      <p className="muted">The Secret Key and Passphrase were wiped from this browser.</p>
    </section>
  );
}

function Failed({ run, hasKeys }: { run: Extract<RunState, { phase: 'failed' }>; hasKeys: boolean }) {
  if (run.reason.kind === 'verification') {
    const advice = verificationAdvice(run.reason.code, run.reason.message);
    return (
      <section aria-labelledby="failed-heading" className="card">
        <h2 id="failed-heading">Mantix could not use the key {run.apiKeyMasked}</h2>
        <ErrorMessage
          error={{
            code: run.reason.code,
            message: advice.sentence,
            detail: `${run.reason.code}: ${run.reason.message} (connection ${run.reason.connectionId})`,
          }}
        >
          {run.keysWiped ? <p>The keys were wiped from this browser: they cannot work.</p> : null}
          <FixButtons action={advice.action} hasKeys={hasKeys} />
        </ErrorMessage>
      </section>
    );
  }
  return (
    <section aria-labelledby="failed-heading" className="card">
      <h2 id="failed-heading">The keys were not handed over</h2>
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
      Send again
    </button>
  ) : null;
  switch (action) {
    case 'reenter_passphrase':
      return <p className="muted">Re-enter the Passphrase below, then send again.</p>;
    case 'fill_ips':
      return (
        <div className="actions">
          <button type="button" className="secondary" onClick={openBitget}>
            Open Bitget to add the IP addresses
          </button>
          {sendAgain}
        </div>
      );
    case 'set_up_rights':
      return (
        <div className="actions">
          <button type="button" className="secondary" onClick={openBitget}>
            Open Bitget to set up the rights
          </button>
          {sendAgain}
        </div>
      );
    case 'new_key':
      return (
        <div className="actions">
          <button type="button" onClick={openBitget}>
            Create a new key on Bitget
          </button>
        </div>
      );
    case 'check_again':
      return (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void command('capture:check-again')}>
            Check again
          </button>
        </div>
      );
    case 'send_again':
      return sendAgain ? <div className="actions">{sendAgain}</div> : null;
    case 'link_again':
      return (
        <div className="actions">
          <button type="button" onClick={openOptions}>
            Link your Mantix account again
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
      <h2 id="expired-heading">The captured keys expired</h2>
      <p>
        For your safety, Mantix Connect wiped them {ttlMinutes} {ttlMinutes === 1 ? 'minute' : 'minutes'} after capture.
        Bitget shows a Secret Key only once: create a new key, then send it right away.
      </p>
      <div className="actions">
        <button type="button" onClick={openBitget}>
          Create a new key on Bitget
        </button>
      </div>
    </section>
  );
}

import { useId } from 'react';
import { NOTE_MAX_LENGTH } from '@/utils/bitget/selectors';
import { PASSPHRASE_MESSAGES } from '@/utils/guide/steps';
import { useGuide, useGuideActions } from './context';
import { SUGGESTED_NOTE } from './controller';
import type { FormView } from './store';
import { TaskMessage } from './TaskMessage';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

function Mark({ ok }: { ok: boolean }) {
  return (
    <span className={ok ? 'mark ok' : 'mark'} aria-hidden="true">
      {ok ? '✓' : '○'}
    </span>
  );
}

function DangerAlert({ form }: { form: FormView }) {
  const actions = useGuideActions();
  if (!form.rights.dangerous.length) return null;
  return (
    <div className="danger" role="alert">
      <p>
        <strong>Mantix never needs Transfer or Withdraw rights.</strong> On now: {form.rights.dangerous.join(', ')}.
      </p>
      <button type="button" onClick={() => void actions.turnOffDangerous()}>
        Turn it off
      </button>
    </div>
  );
}

function NoteHelp({ form }: { form: FormView }) {
  const actions = useGuideActions();
  const task = useGuide((s) => s.noteTask);
  const done = form.note.filled && !form.note.tooLong;
  if (done && task.state !== 'done') {
    return (
      <p className="line">
        <Mark ok /> Note set.
      </p>
    );
  }
  return (
    <Section title="Note">
      <p>
        <Mark ok={done} /> Name the key so you recognise it, e.g. “{SUGGESTED_NOTE}” (at most {NOTE_MAX_LENGTH}{' '}
        characters).
      </p>
      {form.note.tooLong ? (
        <p className="warn">The note is too long: Bitget accepts at most {NOTE_MAX_LENGTH} characters.</p>
      ) : null}
      {done ? null : (
        <div className="buttons">
          {form.note.found ? (
            <button type="button" className="secondary" onClick={() => void actions.applySuggestedNote()}>
              Use “{SUGGESTED_NOTE}” as the note
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => void actions.copyText(SUGGESTED_NOTE, 'The note')}
            >
              Copy “{SUGGESTED_NOTE}”
            </button>
          )}
        </div>
      )}
      <TaskMessage task={task} />
    </Section>
  );
}

function PassphraseHelp({ form }: { form: FormView }) {
  const { check, autofilled, found } = form.passphrase;
  const message = found ? PASSPHRASE_MESSAGES[check] : 'Choose a passphrase: 8–32 letters and digits.';
  if (check === 'ok' && !autofilled) {
    return (
      <p className="line" aria-live="polite">
        <Mark ok /> {message} Save it somewhere safe: Bitget never shows it again.
      </p>
    );
  }
  return (
    <Section title="Passphrase">
      <p aria-live="polite">
        <Mark ok={check === 'ok'} /> {message}
      </p>
      {autofilled ? (
        <p className="warn">
          Your browser filled in this field. Use a new passphrase only for this key, not a saved password: clear the
          field and type one.
        </p>
      ) : null}
      <p className="hint">
        Save the passphrase somewhere safe now: Bitget never shows it again. The guide checks it here and keeps it only
        until your new key appears, to hand it to Mantix Connect.
      </p>
    </Section>
  );
}

function RightsHelp({ form }: { form: FormView }) {
  const actions = useGuideActions();
  const task = useGuide((s) => s.rightsTask);
  const { rights } = form;
  return (
    <Section title="Rights">
      {rights.found && rights.checklist.length ? (
        <ul className="checklist" aria-label="What Mantix needs">
          {rights.checklist.map((item) => (
            <li key={item.id}>
              <Mark ok={item.ok} /> {item.label}
              <span className="sr-only">{item.ok ? ' (set)' : ' (not set yet)'}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Tick by hand: Classic accounts — Read-write with Futures Orders, Futures Holdings, Spot Trade and Margin
          Trade; unified trading accounts — Unified account trade, Read-write. Leave Transfer and Withdraw off.
        </p>
      )}
      {rights.extra.length ? <p className="hint">Also on, not needed by Mantix: {rights.extra.join(', ')}.</p> : null}
      {rights.found && (!rights.satisfied || rights.extra.length > 0) ? (
        <div className="buttons">
          <button type="button" onClick={() => void actions.setUpRights()}>
            Set up rights for Mantix
          </button>
        </div>
      ) : null}
      <TaskMessage task={task} />
    </Section>
  );
}

function IpHelp({ form }: { form: FormView }) {
  const actions = useGuideActions();
  const mantix = useGuide((s) => s.mantixIps);
  const task = useGuide((s) => s.ipTask);
  return (
    <Section title="Server IPs">
      <p>
        Bind Mantix’s server IPs so the key works only from Mantix.
        {form.ips.found
          ? ` The field holds ${form.ips.current.length} address${form.ips.current.length === 1 ? '' : 'es'}.`
          : ''}
      </p>
      {mantix.state === 'ready' ? (
        <p className="ips">
          Mantix’s server IPs: <code>{mantix.ips.join(', ')}</code>
        </p>
      ) : null}
      {mantix.state === 'not-linked' ? (
        <div className="notice warn">
          <p>{mantix.message}</p>
          <button type="button" className="secondary" onClick={() => void actions.openOptions()}>
            Open Mantix Connect settings
          </button>
        </div>
      ) : null}
      <div className="buttons">
        {form.ips.found ? (
          <button type="button" onClick={() => void actions.fillIps()} disabled={task.state === 'working'}>
            Fill Mantix IPs
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void actions.copyIps()}>
          Copy IPs
        </button>
      </div>
      <TaskMessage task={task} />
    </Section>
  );
}

/** Help for Bitget's Create API Key form (System-generated). */
export function FormHelp() {
  const form = useGuide((s) => s.form);
  if (form?.keyType !== 'system') return null;
  return (
    <div className="form-help">
      <DangerAlert form={form} />
      <NoteHelp form={form} />
      <PassphraseHelp form={form} />
      <RightsHelp form={form} />
      <IpHelp form={form} />
    </div>
  );
}

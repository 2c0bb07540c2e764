import { memo, useId } from 'react';
import { NOTE_MAX_LENGTH } from '@/utils/bitget/selectors';
import { SUGGESTED_NOTE } from '@/utils/guide/read-form';
import { passphraseMessage } from '@/utils/guide/steps';
import { t, tParts } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';
import { GeneratedPassphrase, SetupForMantix } from './SetupHelp';
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

function Mark({ ok, unknown = false }: { ok: boolean; unknown?: boolean }) {
  return (
    <span className={ok ? 'mark ok' : unknown ? 'mark unknown' : 'mark'} aria-hidden="true">
      {ok ? '✓' : unknown ? '?' : '○'}
    </span>
  );
}

const CheckLine = memo(function CheckLine({ item }: { item: FormView['rights']['checklist'][number] }) {
  if (item.state === 'unknown') {
    return (
      <li>
        <Mark ok={false} unknown /> {item.label}: {t('form_couldNotCheck')}
      </li>
    );
  }
  return (
    <li>
      <Mark ok={item.ok} /> {item.label}
      <span className="sr-only"> {item.ok ? t('form_set') : t('form_notSet')}</span>
    </li>
  );
});

// Each section selects its own part of the form (kept the same object while it
// does not change: keepUnchanged in store.ts), so a scan re-renders only the
// sections whose part changed.
const DangerAlert = memo(function DangerAlert() {
  const actions = useGuideActions();
  const dangerous = useGuide((s) => s.form?.rights.dangerous);
  // One question at a time: while the guard asks, the inline alert waits.
  const guardOpen = useGuide((s) => s.guardOpen);
  if (!dangerous?.length || guardOpen) return null;
  return (
    <div className="danger" role="alert">
      <p>{tParts('form_danger', [<strong key="title">{t('form_dangerTitle')}</strong>, dangerous.join(', ')])}</p>
      <button type="button" onClick={() => void actions.turnOffDangerous()}>
        {t('form_turnOff')}
      </button>
    </div>
  );
});

const NoteHelp = memo(function NoteHelp() {
  const actions = useGuideActions();
  const task = useGuide((s) => s.noteTask);
  const note = useGuide((s) => s.form?.note);
  if (!note) return null;
  const done = note.filled && !note.tooLong;
  if (done && task.state !== 'done') {
    return (
      <p className="line">
        <Mark ok /> {t('form_noteSet')}
      </p>
    );
  }
  return (
    <Section title={t('form_noteSection')}>
      <p>
        <Mark ok={done} /> {t('form_noteHint', [SUGGESTED_NOTE, NOTE_MAX_LENGTH])}
      </p>
      {note.tooLong ? <p className="warn">{t('form_noteTooLong', NOTE_MAX_LENGTH)}</p> : null}
      {done ? null : (
        <div className="buttons">
          {note.found ? (
            <button type="button" className="secondary" onClick={() => void actions.applySuggestedNote()}>
              {t('form_useNote', SUGGESTED_NOTE)}
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              onClick={() => void actions.copyText(SUGGESTED_NOTE, t('form_noteName'))}
            >
              {t('form_copyNote', SUGGESTED_NOTE)}
            </button>
          )}
        </div>
      )}
      <TaskMessage task={task} />
    </Section>
  );
});

const PassphraseHelp = memo(function PassphraseHelp() {
  const passphrase = useGuide((s) => s.form?.passphrase);
  if (!passphrase) return null;
  const { check, autofilled, found } = passphrase;
  const message = passphraseMessage(found ? check : 'empty');
  if (check === 'ok' && !autofilled) {
    return (
      <p className="line" aria-live="polite">
        <Mark ok /> {t('form_passphraseOk', message)}
      </p>
    );
  }
  return (
    <Section title={t('field_passphrase')}>
      <p aria-live="polite">
        <Mark ok={check === 'ok'} /> {message}
      </p>
      {autofilled ? <p className="warn">{t('form_autofilled')}</p> : null}
      <p className="hint">{t('form_passphraseHint')}</p>
    </Section>
  );
});

const RightsHelp = memo(function RightsHelp() {
  const actions = useGuideActions();
  const task = useGuide((s) => s.rightsTask);
  const rights = useGuide((s) => s.form?.rights);
  if (!rights) return null;
  const offer = rights.found && (!rights.satisfied || rights.extra.length > 0 || rights.unknown.length > 0);
  return (
    <Section title={t('form_rightsSection')}>
      {rights.found ? (
        <ul className="checklist" aria-label={t('form_rightsListLabel')}>
          {rights.checklist.map((item) => (
            <CheckLine key={item.id} item={item} />
          ))}
        </ul>
      ) : (
        <>
          <p className="warn">{t('form_rightsNotFound')}</p>
          <p>{t('form_tickByHand')}</p>
        </>
      )}
      {rights.unknown.map((label) => (
        <p key={label} className="warn">
          {t('form_unknownRight', label)}
        </p>
      ))}
      {rights.found && !rights.complete && !rights.unknown.length ? (
        <p className="warn">{t('form_rightsUnchecked')}</p>
      ) : null}
      {rights.extra.length ? <p className="hint">{t('form_extraOn', rights.extra.join(', '))}</p> : null}
      {offer ? (
        <div className="buttons">
          <button type="button" className="secondary" onClick={() => void actions.setUpRights()}>
            {t('form_setUpRights')}
          </button>
        </div>
      ) : null}
      <TaskMessage task={task} />
    </Section>
  );
});

const IpHelp = memo(function IpHelp() {
  const actions = useGuideActions();
  const mantix = useGuide((s) => s.mantixIps);
  const task = useGuide((s) => s.ipTask);
  const ips = useGuide((s) => s.form?.ips);
  if (!ips) return null;
  return (
    <Section title={t('form_ipsSection')}>
      <p>
        {t('form_ipsIntro')}
        {ips.found
          ? ` ${
              ips.current.length === 1
                ? t('form_ipsHolds_one', ips.current.length)
                : t('form_ipsHolds_other', ips.current.length)
            }`
          : ''}
      </p>
      {mantix.state === 'ready' ? (
        <p className="ips">{tParts('form_mantixIps', [<code key="ips">{mantix.ips.join(', ')}</code>])}</p>
      ) : null}
      {mantix.state === 'not-linked' ? (
        <div className="notice warn">
          <p>{mantix.message}</p>
          <button type="button" className="secondary" onClick={() => void actions.openOptions()}>
            {t('form_openSettings')}
          </button>
        </div>
      ) : null}
      <div className="buttons">
        {ips.found ? (
          <button
            type="button"
            className="secondary"
            onClick={() => void actions.fillIps()}
            disabled={task.state === 'working'}
          >
            {t('form_fillIps')}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void actions.copyIps()}>
          {t('form_copyIps')}
        </button>
      </div>
      <TaskMessage task={task} />
    </Section>
  );
});

/** Help for Bitget's Create API Key form (System-generated). */
export const FormHelp = memo(function FormHelp() {
  const system = useGuide((s) => s.form?.keyType === 'system');
  const empty = useGuide((s) => s.form?.passphrase.check === 'empty');
  if (!system) return null;
  return (
    <div className="form-help">
      <DangerAlert />
      <SetupForMantix />
      <NoteHelp />
      <PassphraseHelp />
      <GeneratedPassphrase empty={empty} />
      <RightsHelp />
      <IpHelp />
    </div>
  );
});

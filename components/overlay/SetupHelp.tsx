import { memo, useId } from 'react';
import type { LineState } from '@/utils/guide/setup';
import { t } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';

const MARKS: Record<LineState, string> = { done: '✓', failed: '!', unchecked: '?', 'not-linked': '○' };

/** "Set up for Mantix": the form step's primary action, and what it did, item by item. */
export const SetupForMantix = memo(function SetupForMantix() {
  const actions = useGuideActions();
  const task = useGuide((s) => s.setupTask);
  const notLinked = task.lines.some((line) => line.state === 'not-linked');
  // The form was found but not the names of its rights: the one click cannot set them.
  const rightsByHand = useGuide((s) => s.form?.rights.found === true && s.form.rights.layout === 'unknown');
  const id = useId();
  return (
    <section className="section setup" aria-labelledby={id}>
      <h3 id={id} className="sr-only">
        {t('setup_button')}
      </h3>
      <p>{t(rightsByHand ? 'setup_introUnknown' : 'setup_intro')}</p>
      <div className="buttons">
        <button
          type="button"
          onClick={() => void actions.setUpForMantix()}
          disabled={task.state === 'working'}
          aria-describedby={task.state === 'done' ? `${id}-report` : undefined}
        >
          {t('setup_button')}
        </button>
      </div>
      {task.state === 'working' ? (
        <p className="task" role="status">
          {t('guide_working')}
        </p>
      ) : null}
      {task.state === 'done' ? (
        <div className="task" role="status" id={`${id}-report`}>
          <p>{task.headline}</p>
          <ul className="checklist" aria-label={t('setup_reportLabel')}>
            {task.lines.map((line) => (
              <li key={line.item} className={line.state === 'done' ? 'ok' : 'warn'}>
                <span className={line.state === 'done' ? 'mark ok' : 'mark'} aria-hidden="true">
                  {MARKS[line.state]}
                </span>{' '}
                {line.message}
              </li>
            ))}
          </ul>
          {notLinked ? (
            <button type="button" className="secondary" onClick={() => void actions.openOptions()}>
              {t('form_openSettings')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
});

/** "Generate a passphrase", and the generated one shown once on request, with a copy button. */
export const GeneratedPassphrase = memo(function GeneratedPassphrase({ empty }: { empty: boolean }) {
  const actions = useGuideActions();
  const generated = useGuide((s) => s.generated);
  const shown = generated.state === 'shown' ? actions.shownPassphrase() : undefined;
  return (
    <div className="generated">
      {generated.message ? (
        <p className={generated.state === 'none' ? 'warn' : undefined} role="status">
          {generated.message}
        </p>
      ) : null}
      {shown ? (
        <fieldset className="secret-once">
          <legend>{t('passphrase_shownLabel')}</legend>
          <code>{shown}</code>
          <p className="hint">{t('passphrase_shownOnce')}</p>
        </fieldset>
      ) : null}
      <div className="buttons">
        {empty || generated.state === 'none' || generated.state === 'gone' ? (
          <button type="button" className="secondary" onClick={() => void actions.generatePassphrase()}>
            {t('passphrase_generate')}
          </button>
        ) : null}
        {generated.state === 'filled' ? (
          <button type="button" className="secondary" onClick={() => actions.showPassphrase()}>
            {t('passphrase_show')}
          </button>
        ) : null}
        {shown ? (
          <>
            <button type="button" className="secondary" onClick={() => void actions.copyPassphrase()}>
              {t('passphrase_copy')}
            </button>
            <button type="button" className="secondary" onClick={() => actions.hidePassphrase()}>
              {t('passphrase_hide')}
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
});

import { useId } from 'react';
import { GUIDE_STEPS, stepTitle } from '@/utils/guide/steps';
import { type MessageKey, t, uiLanguage } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';
import { FormHelp } from './FormHelp';
import { GuardDialog } from './GuardDialog';
import { TaskMessage } from './TaskMessage';

const PAGE_HINTS = {
  'signed-out': 'guide_hintSignedOut',
  loading: 'guide_hintLoading',
  'key-list': 'guide_hintKeyList',
  chooser: 'guide_hintChooser',
  verification: 'guide_hintVerification',
} as const satisfies Record<string, MessageKey>;

function StepList() {
  const step = useGuide((s) => s.step);
  return (
    <ol className="steps">
      {GUIDE_STEPS.map((englishTitle, index) => (
        <li
          key={englishTitle}
          aria-current={index === step ? 'step' : undefined}
          className={index < step ? 'done' : index === step ? 'current' : undefined}
        >
          {stepTitle(index)}
          {index < step ? <span className="sr-only"> {t('guide_stepDone')}</span> : null}
        </li>
      ))}
    </ol>
  );
}

function PageMessage() {
  const page = useGuide((s) => s.page);
  const keyCount = useGuide((s) => s.keyCount);
  const keyType = useGuide((s) => s.form?.keyType);
  const resultKeyType = useGuide((s) => s.resultKeyType);
  if (page === 'key-limit') {
    return (
      <p className="notice warn">
        {keyCount !== undefined && keyCount >= 10 ? t('guide_keyLimitCount', keyCount) : t('guide_keyLimit')}
      </p>
    );
  }
  if (page === 'form' && keyType === 'user') {
    return <p className="notice warn">{t('guide_userForm')}</p>;
  }
  if (page === 'result' && resultKeyType === 'user') {
    return <p className="notice warn">{t('guide_userResult')}</p>;
  }
  if (page === 'result') return <CaptureMessage />;
  if (page in PAGE_HINTS) return <p className="notice">{t(PAGE_HINTS[page as keyof typeof PAGE_HINTS])}</p>;
  return null;
}

function CaptureMessage() {
  const capture = useGuide((s) => s.capture);
  const text = capture.message ?? (capture.state === 'idle' || capture.state === 'armed' ? t('guide_resultSave') : '');
  return (
    <p className={`notice ${capture.state === 'failed' ? 'warn' : capture.state === 'done' ? 'ok' : ''}`} role="status">
      {text}
    </p>
  );
}

function ShowMe() {
  const target = useGuide((s) => s.target);
  const spotlight = useGuide((s) => s.spotlight);
  const actions = useGuideActions();
  if (!target) return null;
  return (
    <div className="show-me">
      {spotlight ? (
        <button type="button" className="secondary" onClick={actions.hideSpotlight}>
          {t('guide_hideHighlight')}
        </button>
      ) : (
        <button type="button" onClick={actions.showMe}>
          {t('guide_showMe')}
        </button>
      )}
      <p className="hint" role="status">
        {spotlight ? t('guide_highlighted', target) : t('guide_nextTarget', target)}
      </p>
    </div>
  );
}

function MissingControls() {
  const missing = useGuide((s) => s.missing);
  if (!missing.length) return null;
  return (
    <ul className="missing">
      {missing.map(({ control, step }) => (
        <li key={control}>{t('guide_missingControl', [t(`control_${control}`), step + 1, stepTitle(step)])}</li>
      ))}
    </ul>
  );
}

export function GuidePanel() {
  const headingId = useId();
  const bodyId = useId();
  const minimised = useGuide((s) => s.minimised);
  const corner = useGuide((s) => s.corner);
  const maxHeight = useGuide((s) => s.panelMaxHeight);
  const guardOpen = useGuide((s) => s.guardOpen);
  const page = useGuide((s) => s.page);
  const copyTask = useGuide((s) => s.copyTask);
  const actions = useGuideActions();
  return (
    <>
      <div className="spotlight" ref={actions.registerSpotlight} hidden aria-hidden="true" />
      <aside
        className={`panel ${corner}${minimised ? ' minimised' : ''}`}
        aria-labelledby={headingId}
        lang={uiLanguage()}
        style={maxHeight === undefined ? undefined : { maxHeight: `${maxHeight}px` }}
        ref={actions.registerPanel}
        onKeyDown={(event) => {
          if (event.key === 'Escape') actions.hideSpotlight();
        }}
      >
        <header className="head">
          <h2 id={headingId}>{t('guide_heading')}</h2>
          <button
            type="button"
            className="icon"
            aria-expanded={!minimised}
            aria-controls={bodyId}
            aria-label={minimised ? t('guide_expand') : t('guide_minimise')}
            onClick={actions.toggleMinimised}
          >
            {minimised ? '▴' : '▾'}
          </button>
        </header>
        <div id={bodyId} className="body" hidden={minimised}>
          <StepList />
          {guardOpen ? <GuardDialog /> : null}
          <PageMessage />
          <MissingControls />
          <ShowMe />
          {page === 'form' ? <FormHelp /> : null}
          <TaskMessage task={copyTask} />
        </div>
      </aside>
    </>
  );
}

import { useId } from 'react';
import { CONTROL_NAMES } from '@/utils/bitget/adapter';
import { GUIDE_STEPS } from '@/utils/guide/steps';
import { useGuide, useGuideActions } from './context';
import { FormHelp } from './FormHelp';
import { GuardDialog } from './GuardDialog';
import { TaskMessage } from './TaskMessage';

const PAGE_HINTS = {
  'signed-out': 'Sign in to Bitget first. The guide continues on this page once you are signed in.',
  loading: 'Waiting for Bitget’s API Management page to load…',
  'key-list': 'Press Create API Key, then choose System-generated API Key.',
  chooser: 'Choose System-generated API Key. A User-generated (RSA) key has no Secret Key, so Mantix cannot use it.',
  verification:
    'Enter the verification codes Bitget asks for (email, authenticator), then press Confirm. The guide does not touch the codes.',
} as const;

function StepList() {
  const step = useGuide((s) => s.step);
  return (
    <ol className="steps">
      {GUIDE_STEPS.map((title, index) => (
        <li
          key={title}
          aria-current={index === step ? 'step' : undefined}
          className={index < step ? 'done' : index === step ? 'current' : undefined}
        >
          {title}
          {index < step ? <span className="sr-only"> (done)</span> : null}
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
        Bitget allows at most 10 API keys per account
        {keyCount !== undefined && keyCount >= 10 ? ` and this one has ${keyCount}` : ''}. Delete an unused key first,
        then create the key for Mantix.
      </p>
    );
  }
  if (page === 'form' && keyType === 'user') {
    return (
      <p className="notice warn">
        This is the form for a User-generated (RSA) API key. Bitget issues no Secret Key for it, so Mantix cannot use
        it. Cancel this form and choose System-generated API Key instead.
      </p>
    );
  }
  if (page === 'result' && resultKeyType === 'user') {
    return (
      <p className="notice warn">
        This is a User-generated (RSA) key: it has no Secret Key, so Mantix cannot use it. Create a System-generated API
        Key for Mantix.
      </p>
    );
  }
  if (page === 'result') return <CaptureMessage />;
  if (page in PAGE_HINTS) return <p className="notice">{PAGE_HINTS[page as keyof typeof PAGE_HINTS]}</p>;
  return null;
}

function CaptureMessage() {
  const capture = useGuide((s) => s.capture);
  const text =
    capture.message ??
    (capture.state === 'idle' || capture.state === 'armed'
      ? 'Bitget shows your new key. Save the Secret Key somewhere safe: Bitget shows it only once.'
      : '');
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
          Hide highlight
        </button>
      ) : (
        <button type="button" onClick={actions.showMe}>
          Show me
        </button>
      )}
      <p className="hint" role="status">
        {spotlight ? `Highlighted on Bitget’s page: ${target}.` : `Next: ${target}.`}
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
        <li key={control}>
          The guide cannot find Bitget’s {CONTROL_NAMES[control]} on this page, so it cannot help with step {step + 1} (
          {GUIDE_STEPS[step]}) here. Use the text and copy buttons below and do it by hand.
        </li>
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
        style={maxHeight === undefined ? undefined : { maxHeight: `${maxHeight}px` }}
        ref={actions.registerPanel}
        onKeyDown={(event) => {
          if (event.key === 'Escape') actions.hideSpotlight();
        }}
      >
        <header className="head">
          <h2 id={headingId}>Mantix guide</h2>
          <button
            type="button"
            className="icon"
            aria-expanded={!minimised}
            aria-controls={bodyId}
            aria-label={minimised ? 'Expand the Mantix guide' : 'Minimise the Mantix guide'}
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

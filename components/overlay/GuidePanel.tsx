import { type CSSProperties, memo, useEffect, useId, useRef } from 'react';
import { dockCorner, type Placement } from '@/utils/guide/placement';
import { GUIDE_STEPS, stepTitle } from '@/utils/guide/steps';
import { type MessageKey, t, uiLanguage } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';
import { FormHelp } from './FormHelp';
import { GuardDialog } from './GuardDialog';
import { SendToMantix } from './SendToMantix';
import { TaskMessage } from './TaskMessage';

const PAGE_HINTS = {
  'signed-out': 'guide_hintSignedOut',
  loading: 'guide_hintLoading',
  'key-list': 'guide_hintKeyList',
  chooser: 'guide_hintChooser',
  verification: 'guide_hintVerification',
} as const satisfies Record<string, MessageKey>;

const StepList = memo(function StepList() {
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
});

const PageMessage = memo(function PageMessage() {
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
});

function CaptureMessage() {
  const capture = useGuide((s) => s.capture);
  const text = capture.message ?? (capture.state === 'idle' || capture.state === 'armed' ? t('guide_resultSave') : '');
  return (
    <>
      <p
        className={`notice ${capture.state === 'failed' ? 'warn' : capture.state === 'done' ? 'ok' : ''}`}
        role="status"
      >
        {text}
      </p>
      {capture.state === 'done' ? <SendToMantix /> : null}
    </>
  );
}

const ShowMe = memo(function ShowMe() {
  const target = useGuide((s) => s.target);
  const spotlight = useGuide((s) => s.spotlight);
  const actions = useGuideActions();
  if (!target) return null;
  return (
    <div className="show-me">
      {/* A link, not a filled button: the step's own action (on Bitget's page or in the panel) is the primary one. */}
      {spotlight ? (
        <button type="button" className="link" onClick={actions.hideSpotlight}>
          {t('guide_hideHighlight')}
        </button>
      ) : (
        <button type="button" className="link" onClick={actions.showMe}>
          {t('guide_showMe')}
        </button>
      )}
      <p className="hint" role="status">
        {spotlight ? t('guide_highlighted', target) : t('guide_nextTarget', target)}
      </p>
    </div>
  );
});

const MissingControls = memo(function MissingControls() {
  const missing = useGuide((s) => s.missing);
  if (!missing.length) return null;
  return (
    <ul className="missing">
      {missing.map(({ control, step }) => (
        <li key={control}>{t('guide_missingControl', [t(`control_${control}`), step + 1, stepTitle(step)])}</li>
      ))}
    </ul>
  );
});

/** The panel's class and inline style for its placement (a docked, closed panel is laid out but invisible). */
function panelLayout(
  placement: Placement,
  dockOpen: boolean,
  minimised: boolean,
): { className: string; style: CSSProperties } {
  if (placement.mode === 'user') return { className: 'free', style: { left: placement.left, top: placement.top } };
  if (placement.mode === 'dock') {
    const corner = dockCorner(placement.side, placement.top, { width: 0, height: window.innerHeight });
    return { className: dockOpen ? corner : `${corner} away`, style: {} };
  }
  return {
    className: placement.corner,
    style: {
      ...(placement.maxHeight === undefined ? {} : { maxHeight: placement.maxHeight }),
      ...(placement.width === undefined || minimised ? {} : { width: placement.width }),
    },
  };
}

/** Arrow keys on the Move button: a step, larger with Shift. */
const MOVE_KEYS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The user's spot is kept but not used while the panel would cover Bitget's form there. */
const MovedClear = memo(function MovedClear() {
  const overridden = useGuide((s) => s.userOverridden);
  if (!overridden) return null;
  return (
    <p className="hint" role="status">
      {t('guide_movedClear')}
    </p>
  );
});

/** The tab the panel docks as when there is no room beside Bitget's form. */
const DockTab = memo(function DockTab() {
  const placement = useGuide((s) => s.placement);
  const dockOpen = useGuide((s) => s.dockOpen);
  const actions = useGuideActions();
  const shown = placement.mode === 'dock' && !dockOpen;
  const tabRef = useRef<HTMLButtonElement | null>(null);
  const wasOpen = useRef(dockOpen);
  useEffect(() => {
    // Closed back to the tab by the user: focus goes to the tab.
    if (wasOpen.current && shown) tabRef.current?.focus();
    wasOpen.current = dockOpen;
  }, [dockOpen, shown]);
  return (
    <button
      type="button"
      className={`dock-tab ${placement.mode === 'dock' ? placement.side : 'right'}${shown ? '' : ' away'}`}
      style={placement.mode === 'dock' ? { top: placement.top } : undefined}
      aria-label={t('guide_dockOpen')}
      aria-hidden={shown ? undefined : 'true'}
      tabIndex={shown ? undefined : -1}
      ref={(element) => {
        tabRef.current = element;
        actions.registerTab(element);
      }}
      onClick={actions.openFromDock}
    >
      {t('guide_heading')}
    </button>
  );
});

export function GuidePanel() {
  const headingId = useId();
  const bodyId = useId();
  const minimised = useGuide((s) => s.minimised);
  const placement = useGuide((s) => s.placement);
  const dockOpen = useGuide((s) => s.dockOpen);
  const guardOpen = useGuide((s) => s.guardOpen);
  const page = useGuide((s) => s.page);
  const copyTask = useGuide((s) => s.copyTask);
  const actions = useGuideActions();
  const moveHelpId = useId();
  const docked = placement.mode === 'dock';
  const away = docked && !dockOpen;
  const layout = panelLayout(placement, dockOpen, minimised);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const wasAway = useRef(away);
  useEffect(() => {
    // Opened from the tab: focus moves into the panel (and back to the tab when it closes, see DockTab).
    if (wasAway.current && !away) toggleRef.current?.focus();
    wasAway.current = away;
  }, [away]);
  return (
    <>
      <div className="spotlight" ref={actions.registerSpotlight} hidden aria-hidden="true" />
      <DockTab />
      <aside
        className={`panel ${layout.className}${minimised ? ' minimised' : ''}`}
        aria-labelledby={headingId}
        aria-hidden={away ? 'true' : undefined}
        lang={uiLanguage()}
        style={layout.style}
        ref={actions.registerPanel}
        onKeyDown={(event) => {
          if (event.key === 'Escape') actions.hideSpotlight();
        }}
      >
        <header className="head" onPointerDown={(event) => actions.startDrag(event.nativeEvent, event.currentTarget)}>
          <h2 id={headingId}>{t('guide_heading')}</h2>
          <span className="head-buttons">
            <button
              type="button"
              className="icon move"
              data-move=""
              aria-label={t('guide_move')}
              aria-describedby={moveHelpId}
              title={t('guide_moveHelp')}
              onClick={actions.nextCorner}
              onKeyDown={(event) => {
                const step = MOVE_KEYS[event.key];
                if (step) {
                  const size = event.shiftKey ? 96 : 24;
                  actions.moveBy(step[0] * size, step[1] * size);
                } else if (event.key === 'Home') {
                  actions.resetPosition();
                } else {
                  return;
                }
                event.preventDefault();
              }}
            >
              ✥
            </button>
            <span id={moveHelpId} className="sr-only">
              {t('guide_moveHelp')}
            </span>
            <button
              type="button"
              className="icon"
              ref={toggleRef}
              aria-expanded={docked ? dockOpen : !minimised}
              aria-controls={bodyId}
              aria-label={docked ? t('guide_closeToTab') : minimised ? t('guide_expand') : t('guide_minimise')}
              onClick={docked ? actions.closeToDock : actions.toggleMinimised}
            >
              {docked || !minimised ? '▾' : '▴'}
            </button>
          </span>
        </header>
        <div id={bodyId} className="body" hidden={minimised}>
          <StepList />
          {guardOpen ? <GuardDialog /> : null}
          <PageMessage />
          <MissingControls />
          <ShowMe />
          {page === 'form' ? <FormHelp /> : null}
          <TaskMessage task={copyTask} />
          <MovedClear />
        </div>
      </aside>
    </>
  );
}

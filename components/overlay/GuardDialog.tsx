import { useEffect, useId, useRef } from 'react';
import { t } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';

/**
 * Asked when Bitget's Next is pressed while a Transfer or Withdraw right, or
 * a right Mantix does not know, is on (or the rights cannot all be read).
 * "Turn it off and continue" is the default (focused, Enter).
 */
export function GuardDialog() {
  const titleId = useId();
  const textId = useId();
  const dangerous = useGuide((s) => s.form?.rights.dangerous);
  const unknown = useGuide((s) => s.form?.rights.unknown);
  const unchecked = useGuide((s) => s.guardReason === 'unchecked');
  const actions = useGuideActions();
  const defaultButton = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Where the user was (Bitget's Next): focus goes back there when the
    // dialog closes and takes the focus with it (Cancel, Escape).
    const before = document.activeElement;
    const self = dialog.current;
    const root = self?.getRootNode();
    defaultButton.current?.focus();
    return () => {
      // React runs this after the dialog left the DOM (focus fell to <body>); Preact (the
      // guide's build) runs it before, while the focus is still inside the dialog.
      const now = document.activeElement;
      const inside = root instanceof ShadowRoot ? root.activeElement : now;
      const lost = now === null || now === document.body || (inside !== null && !!self?.contains(inside));
      if (before instanceof HTMLElement && before.isConnected && lost) before.focus();
    };
  }, []);
  return (
    <div
      ref={dialog}
      className="guard"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          actions.guardCancel();
        }
      }}
    >
      <h3 id={titleId}>
        {unchecked
          ? t('guard_titleUnchecked')
          : !dangerous?.length && unknown?.length
            ? t('guard_titleUnknown')
            : t('guard_title')}
      </h3>
      <div id={textId}>
        <p>
          {unchecked
            ? t('guard_textUnchecked')
            : !dangerous?.length
              ? t('guard_text')
              : dangerous.length === 1
                ? t('guard_textOn_one', dangerous.join(', '))
                : t('guard_textOn_other', dangerous.join(', '))}
        </p>
        {!unchecked && unknown?.length ? <p>{t('guard_textUnknown', unknown.join(', '))}</p> : null}
      </div>
      <div className="buttons">
        {unchecked ? (
          <button type="button" ref={defaultButton} onClick={actions.guardContinueAnyway}>
            {t('guard_checked')}
          </button>
        ) : (
          <>
            <button type="button" ref={defaultButton} onClick={() => void actions.guardTurnOffAndContinue()}>
              {t('guard_turnOff')}
            </button>
            <button type="button" className="secondary" onClick={actions.guardContinueAnyway}>
              {t('guard_continue')}
            </button>
          </>
        )}
        <button type="button" className="secondary" onClick={actions.guardCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}

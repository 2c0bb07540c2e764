import { useEffect, useId, useRef } from 'react';
import { t } from '@/utils/i18n';
import { useGuide, useGuideActions } from './context';

/**
 * Asked when Bitget's Next is pressed while a Transfer or Withdraw right is
 * on. "Turn it off and continue" is the default (focused, Enter).
 */
export function GuardDialog() {
  const titleId = useId();
  const textId = useId();
  const dangerous = useGuide((s) => s.form?.rights.dangerous);
  const actions = useGuideActions();
  const defaultButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Where the user was (Bitget's Next): focus goes back there when the
    // dialog closes and takes the focus with it (Cancel, Escape).
    const before = document.activeElement;
    defaultButton.current?.focus();
    return () => {
      const now = document.activeElement;
      if (before instanceof HTMLElement && before.isConnected && (now === null || now === document.body)) {
        before.focus();
      }
    };
  }, []);
  return (
    <div
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
      <h3 id={titleId}>{t('guard_title')}</h3>
      <p id={textId}>
        {!dangerous?.length
          ? t('guard_text')
          : dangerous.length === 1
            ? t('guard_textOn_one', dangerous.join(', '))
            : t('guard_textOn_other', dangerous.join(', '))}
      </p>
      <div className="buttons">
        <button type="button" ref={defaultButton} onClick={() => void actions.guardTurnOffAndContinue()}>
          {t('guard_turnOff')}
        </button>
        <button type="button" className="secondary" onClick={actions.guardContinueAnyway}>
          {t('guard_continue')}
        </button>
        <button type="button" className="secondary" onClick={actions.guardCancel}>
          {t('common_cancel')}
        </button>
      </div>
    </div>
  );
}

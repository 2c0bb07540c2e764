import { useEffect, useId, useRef } from 'react';
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
    defaultButton.current?.focus();
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
      <h3 id={titleId}>Turn off Transfer and Withdraw?</h3>
      <p id={textId}>
        {dangerous?.length ? `${dangerous.join(', ')} ${dangerous.length === 1 ? 'is' : 'are'} on. ` : ''}Mantix never
        needs Transfer or Withdraw rights, and Mantix refuses keys that have them.
      </p>
      <div className="buttons">
        <button type="button" ref={defaultButton} onClick={() => void actions.guardTurnOffAndContinue()}>
          Turn it off and continue
        </button>
        <button type="button" className="secondary" onClick={actions.guardContinueAnyway}>
          Continue anyway
        </button>
        <button type="button" className="secondary" onClick={actions.guardCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

import { observedChecks } from '@/utils/handoff/checklist';
import type { CaptureSummary } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { usePopupStore } from './store';
import { checkSentence } from './words';

const MARK = { ok: '✓', problem: '✗', unknown: '?' } as const;
const STATE_TEXT = { ok: 'check_ok', problem: 'check_problem', unknown: 'check_unknown' } as const;

/** What the page showed about the key, one sentence per item, and the user's two confirmations. */
export function Checklist({ capture, disabled }: { capture: CaptureSummary; disabled: boolean }) {
  const confirm = usePopupStore((s) => s.confirm);
  const { passphraseSaved, secretSaved } = capture.confirmations;
  return (
    <section aria-labelledby="checklist-heading">
      <h3 id="checklist-heading">{t('popup_checklistHeading')}</h3>
      <ul className="checklist">
        {observedChecks(capture.observed).map((check) => (
          <li key={check.id} data-state={check.state}>
            <span aria-hidden="true" className="mark">
              {MARK[check.state]}
            </span>
            <span className="sr-only">{t(STATE_TEXT[check.state])}</span>
            <span>{checkSentence(check)}</span>
          </li>
        ))}
        <li>
          <label>
            <input
              type="checkbox"
              checked={passphraseSaved}
              disabled={disabled}
              onChange={(event) => void confirm({ passphraseSaved: event.target.checked })}
            />
            {t('popup_confirmPassphrase')}
          </label>
        </li>
        <li>
          <label>
            <input
              type="checkbox"
              checked={secretSaved}
              disabled={disabled}
              onChange={(event) => void confirm({ secretSaved: event.target.checked })}
            />
            {t('popup_confirmSecret')}
          </label>
        </li>
      </ul>
    </section>
  );
}

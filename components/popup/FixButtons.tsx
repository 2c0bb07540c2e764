import type { FixAction } from '@/utils/handoff/failures';
import { t } from '@/utils/i18n';
import { openBitget, openOptions } from './actions';
import { PassphraseEditor } from './PassphraseEditor';
import { usePopupStore } from './store';

/** The action that fixes a failure: one filled button (or the one field), the rest quiet. */
export function FixButtons({ action, hasKeys }: { action: FixAction; hasKeys: boolean }) {
  const busy = usePopupStore((s) => s.busy);
  const command = usePopupStore((s) => s.command);
  const sendAgain = hasKeys ? (
    <button type="button" disabled={busy} onClick={() => void command('capture:send')}>
      {t('fix_sendAgain')}
    </button>
  ) : null;
  const openThenSend = (label: string) => (
    <div className="actions">
      {sendAgain}
      <button type="button" className="secondary" onClick={openBitget}>
        {label}
      </button>
    </div>
  );
  switch (action) {
    case 'reenter_passphrase':
      return hasKeys ? <PassphraseEditor inline /> : null;
    case 'fill_ips':
      return openThenSend(t('fix_openIps'));
    case 'set_up_rights':
      return openThenSend(t('fix_openRights'));
    case 'new_key':
      return (
        <div className="actions">
          <button type="button" onClick={openBitget}>
            {t('fix_newKey')}
          </button>
        </div>
      );
    case 'check_again':
      return (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void command('capture:check-again')}>
            {t('fix_checkAgain')}
          </button>
        </div>
      );
    case 'send_again':
      return sendAgain ? <div className="actions">{sendAgain}</div> : null;
    case 'link_again':
      return (
        <div className="actions">
          <button type="button" onClick={openOptions}>
            {t('fix_linkAgain')}
          </button>
        </div>
      );
    case 'none':
      return null;
  }
}

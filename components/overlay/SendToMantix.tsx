import { useState } from 'react';
import { t } from '@/utils/i18n';
import { pageRequest } from '@/utils/page-protocol';

/**
 * The panel's primary action once the keys are captured: "Send to Mantix…"
 * asks the background to open the toolbar popup (`action.openPopup()`).
 * Where the browser refuses, it shows how to open (and pin) the toolbar icon.
 */
export function SendToMantix() {
  const [state, setState] = useState<'idle' | 'opening' | 'refused'>('idle');
  const open = async () => {
    setState('opening');
    const result = await pageRequest('popup:open', {});
    setState(result.ok && result.value.opened ? 'idle' : 'refused');
  };
  return (
    <div className="send-to-mantix">
      <button type="button" disabled={state === 'opening'} onClick={() => void open()}>
        {t('panel_sendToMantix')}
      </button>
      {state === 'refused' ? (
        <div role="status" className="open-by-hand">
          <p>{t('panel_openByHand')}</p>
          <ToolbarPicture />
        </div>
      ) : null}
    </div>
  );
}

/** The browser's toolbar, drawn: the puzzle piece (extensions), the menu with Mantix Connect and its pin. */
function ToolbarPicture() {
  return (
    <svg className="toolbar-picture" viewBox="0 0 240 96" role="img" aria-label={t('panel_openByHandPicture')}>
      <rect x="1" y="1" width="238" height="30" rx="8" fill="#15262d" stroke="#2c5a58" />
      <rect x="10" y="8" width="150" height="16" rx="8" fill="#0f1a1f" stroke="#2c5a58" />
      {/* The puzzle piece, ringed. */}
      <circle cx="184" cy="16" r="12" fill="none" stroke="#ffd28a" strokeWidth="2" />
      <path d="M177 9h4.5a3 3 0 0 1 5 0h4.5v5a3 3 0 0 1 0 5v5h-14z" fill="#bff2ee" />
      <circle cx="214" cy="16" r="3" fill="#8fb3b0" />
      <circle cx="224" cy="16" r="3" fill="#8fb3b0" />
      {/* Its menu: Mantix Connect with the pin. */}
      <path d="M184 30 L178 38 H190 Z" fill="#e8f1f2" />
      <rect x="66" y="38" width="170" height="52" rx="8" fill="#e8f1f2" />
      <rect x="76" y="52" width="22" height="22" rx="5" fill="#0e7c7b" />
      <text x="87" y="68" textAnchor="middle" fontSize="13" fontWeight="700" fill="#ffffff">
        M
      </text>
      <text x="105" y="67" fontSize="11" fill="#11181c">
        Mantix Connect
      </text>
      <circle cx="222" cy="63" r="9" fill="none" stroke="#b54708" strokeWidth="2" />
      <path d="M219 58h6l-1 4 2 2h-8l2-2z M222 64v5" stroke="#11181c" strokeWidth="1.5" fill="#11181c" />
    </svg>
  );
}

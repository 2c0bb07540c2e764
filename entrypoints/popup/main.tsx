import '@/utils/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/popup/Popup';
import { t, uiLanguage } from '@/utils/i18n';
import '@/components/shared/base.css';
import '@/components/popup/popup.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from popup.html');
// The page speaks the UI language (screen readers, fonts, hyphenation).
document.documentElement.lang = uiLanguage();
document.title = t('extName');
createRoot(container).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);

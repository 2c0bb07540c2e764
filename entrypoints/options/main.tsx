import '@/utils/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Options } from '@/components/options/Options';
import { t, uiLanguage } from '@/utils/i18n';
import '@/components/shared/base.css';
import '@/components/options/options.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from options.html');
// The page speaks the UI language (screen readers, fonts, hyphenation).
document.documentElement.lang = uiLanguage();
document.title = t('extName');
createRoot(container).render(
  <StrictMode>
    <Options />
  </StrictMode>,
);

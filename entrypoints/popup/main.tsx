import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/popup/Popup';
import '@/components/shared/base.css';
import '@/components/popup/popup.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from popup.html');
createRoot(container).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Options } from '@/components/options/Options';
import '@/components/shared/base.css';
import '@/components/options/options.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from options.html');
createRoot(container).render(
  <StrictMode>
    <Options />
  </StrictMode>,
);

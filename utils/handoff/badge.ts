/** The toolbar badge: tells, without opening the popup, that something waits. */
import { t } from '../i18n';
import type { HandoffView } from './schema';

export interface Badge {
  text: string;
  title: string;
  color: string;
}

export function badgeFor(view: HandoffView): Badge {
  const run = view.run;
  if (run.phase === 'encrypting' || run.phase === 'sending' || run.phase === 'verifying') {
    return { text: '…', title: t('badge_sending'), color: '#0e7c7b' };
  }
  if (run.phase === 'retrying') {
    return { text: '…', title: t('badge_retrying'), color: '#b54708' };
  }
  if (view.pending) {
    return { text: '2', title: t('badge_second'), color: '#b54708' };
  }
  if (run.phase === 'failed' && view.capture) {
    return { text: '!', title: t('badge_failedFix'), color: '#b42318' };
  }
  if (view.capture) {
    return { text: '1', title: t('badge_captured'), color: '#0e7c7b' };
  }
  if (run.phase === 'failed') {
    return { text: '!', title: t('badge_failed'), color: '#b42318' };
  }
  return { text: '', title: t('extName'), color: '#0e7c7b' };
}

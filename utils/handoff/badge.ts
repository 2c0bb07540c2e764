/** The toolbar badge: tells, without opening the popup, that something waits. */
import type { HandoffView } from './schema';

export interface Badge {
  text: string;
  title: string;
  color: string;
}

const NAME = 'Mantix Connect';

export function badgeFor(view: HandoffView): Badge {
  const run = view.run;
  if (run.phase === 'encrypting' || run.phase === 'sending' || run.phase === 'verifying') {
    return { text: '…', title: `${NAME}: sending your Bitget key to Mantix`, color: '#0e7c7b' };
  }
  if (run.phase === 'retrying') {
    return { text: '…', title: `${NAME}: Mantix did not answer, trying again`, color: '#b54708' };
  }
  if (view.pending) {
    return { text: '2', title: `${NAME}: a second Bitget key was captured — open to choose`, color: '#b54708' };
  }
  if (run.phase === 'failed' && view.capture) {
    return { text: '!', title: `${NAME}: Mantix could not use the key — open to fix it`, color: '#b42318' };
  }
  if (view.capture) {
    return { text: '1', title: `${NAME}: Bitget keys captured — open to send them to Mantix`, color: '#0e7c7b' };
  }
  if (run.phase === 'failed') {
    return { text: '!', title: `${NAME}: Mantix could not use the key — open for details`, color: '#b42318' };
  }
  return { text: '', title: NAME, color: '#0e7c7b' };
}

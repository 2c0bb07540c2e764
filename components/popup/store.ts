/**
 * The popup's store: a view of the background's state, nothing more. It
 * holds the masked view the background pushes and sends the user's commands;
 * it never holds a secret (typed values go straight to `sendSecret`).
 */
import { create } from 'zustand';
import type { HandoffView } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { request } from '@/utils/messaging';
import type { CaptureReply, ErrorInfo, PopupSecretMessage } from '@/utils/protocol';
import { connectView, sendSecret } from './channel';

type Command = 'capture:send' | 'capture:discard' | 'capture:check-again';

/** Reconnects after a lost port (a stopped worker) this many times in a row before saying so. */
const MAX_SILENT_RECONNECTS = 5;

const lost = (): ErrorInfo => ({ code: 'background_unreachable', message: t('popup_lost') });

export interface PopupState {
  connection: 'connecting' | 'ready' | 'lost';
  view: HandoffView | null;
  /** The last command's failure, as a sentence. */
  error: ErrorInfo | null;
  busy: boolean;
  /** Connects to the background (reconnecting after a worker restart); returns the stop function. */
  start(): () => void;
  command(type: Command): Promise<void>;
  replace(replace: boolean): Promise<void>;
  confirm(confirmations: { passphraseSaved: boolean; secretSaved: boolean }): Promise<void>;
  submitSecret(message: PopupSecretMessage): Promise<CaptureReply>;
  dismissError(): void;
}

export const usePopupStore = create<PopupState>()((set) => {
  const act = async (work: () => Promise<{ ok: true } | { ok: false; error: ErrorInfo }>) => {
    set({ busy: true, error: null });
    const result = await work();
    set({ busy: false, error: result.ok ? null : result.error });
  };
  return {
    connection: 'connecting',
    view: null,
    error: null,
    busy: false,
    start() {
      let stopped = false;
      let failures = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let disconnect = () => {};
      const open = () => {
        let received = false;
        disconnect = connectView(
          (view) => {
            received = true;
            failures = 0;
            set({ connection: 'ready', view });
          },
          () => {
            if (stopped) return;
            failures = received ? 1 : failures + 1;
            if (failures > MAX_SILENT_RECONNECTS) {
              set({ connection: 'lost', error: lost() });
              return;
            }
            timer = setTimeout(open, Math.min(2_000, 100 * 2 ** failures));
          },
        );
      };
      open();
      return () => {
        stopped = true;
        clearTimeout(timer);
        disconnect();
      };
    },
    command: (type) => act(() => request(type, {})),
    replace: (replace) => act(() => request('capture:replace', { replace })),
    confirm(confirmations) {
      // Shown at once; the background's next view confirms (or undoes) it.
      set(({ view }) =>
        view?.capture ? { view: { ...view, capture: { ...view.capture, confirmations } } } : { view },
      );
      return act(() => request('capture:confirm', confirmations));
    },
    async submitSecret(message) {
      set({ busy: true, error: null });
      const reply = await sendSecret(message);
      set({ busy: false });
      return reply;
    },
    dismissError: () => set({ error: null }),
  };
});

/**
 * The popup's store: a view of the background's state, nothing more. It
 * holds the masked view the background pushes and sends the user's commands;
 * it never holds a secret (typed values go straight to `sendSecret`).
 */
import { createStore } from 'zustand/vanilla';
import type { Confirmations, HandoffView } from '@/utils/handoff/schema';
import { t } from '@/utils/i18n';
import { request } from '@/utils/messaging';
import type { CaptureReply, ErrorInfo, PopupSecretMessage } from '@/utils/protocol';
import { storeScope, useScoped } from '../shared/scoped-store';
import { connectView, sendSecret } from './channel';

type Command = 'capture:send' | 'capture:discard' | 'capture:check-again' | 'capture:retry-now' | 'capture:stop';

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
  command(type: Command): Promise<boolean>;
  replace(replace: boolean): Promise<boolean>;
  /** One box at a time: the background merges it into the stored pair. */
  confirm(confirmation: Partial<Confirmations>): Promise<boolean>;
  submitSecret(message: PopupSecretMessage): Promise<CaptureReply>;
  dismissError(): void;
}

/** A popup store (one per mount of the popup). */
export function createPopupStore() {
  return createStore<PopupState>()((set) => {
    /** Ticks sent but not yet seen in a view from the background: kept on screen over older views. */
    let ticks: Partial<Confirmations> = {};
    const withTicks = (view: HandoffView): HandoffView =>
      view.capture
        ? { ...view, capture: { ...view.capture, confirmations: { ...view.capture.confirmations, ...ticks } } }
        : view;

    const act = async (work: () => Promise<{ ok: true } | { ok: false; error: ErrorInfo }>) => {
      set({ busy: true, error: null });
      const result = await work();
      set({ busy: false, error: result.ok ? null : result.error });
      return result.ok;
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
              set({ connection: 'ready', view: withTicks(view) });
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
      async confirm(confirmation) {
        // Shown at once; views pushed before the background stored it do not undo it.
        ticks = { ...ticks, ...confirmation };
        set(({ view }) => (view ? { view: withTicks(view) } : { view }));
        // Not `busy`: the other box stays usable while this one is on its way.
        const result = await request('capture:confirm', confirmation);
        if (!result.ok) set({ error: result.error });
        for (const key of Object.keys(confirmation) as (keyof Confirmations)[]) {
          if (ticks[key] === confirmation[key]) delete ticks[key];
        }
        return result.ok;
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
}

export const popupScope = storeScope('The popup store', createPopupStore);

/** A slice of the mounted popup store. */
export function usePopupStore<T>(selector: (state: PopupState) => T): T {
  return useScoped(popupScope, selector);
}

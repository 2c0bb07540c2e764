/**
 * The options page's view of the Mantix link: hydrated from storage and
 * following `watch()`. The background is the only writer of the link state;
 * this store only asks it (typed messages) and mirrors what it wrote.
 */
import { browser } from 'wxt/browser';
import { createStore } from 'zustand/vanilla';
import { t } from '@/utils/i18n';
import { type LinkFlow, type LinkState, linkFlowItem, linkItem } from '@/utils/link/items';
import { request } from '@/utils/messaging';
import type { ErrorInfo } from '@/utils/protocol';
import { storeScope, useScoped } from '../shared/scoped-store';

export interface UnlinkOutcome {
  revokedAtServer: boolean;
  notice?: string;
  detail?: string;
}

export interface LinkStore {
  hydrated: boolean;
  link: LinkState | null;
  flow: LinkFlow;
  busy: 'start' | 'cancel' | 'unlink' | undefined;
  /** A request that failed (e.g. the background could not be reached). */
  actionError: ErrorInfo | undefined;
  /** What the last unlink did, shown once on the "not linked" view. */
  unlinked: UnlinkOutcome | undefined;
  /** Reads both items and follows them; returns the unsubscribe function. */
  hydrate(): () => void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  unlink(): Promise<void>;
  openVerificationPage(): Promise<void>;
}

/** The options page's link store (one per mount). */
export function createLinkStore() {
  return createStore<LinkStore>()((set, get) => ({
    hydrated: false,
    link: null,
    flow: { state: 'idle' },
    busy: undefined,
    actionError: undefined,
    unlinked: undefined,

    hydrate() {
      // A change seen by watch() is newer than the first read, which may resolve after it.
      const changed = { link: false, flow: false };
      const unwatchLink = linkItem.watch((link) => {
        changed.link = true;
        set({ link });
      });
      const unwatchFlow = linkFlowItem.watch((flow) => {
        changed.flow = true;
        set({ flow });
      });
      void Promise.all([linkItem.getValue(), linkFlowItem.getValue()]).then(([link, flow]) =>
        set({ ...(changed.link ? {} : { link }), ...(changed.flow ? {} : { flow }), hydrated: true }),
      );
      return () => {
        unwatchLink();
        unwatchFlow();
      };
    },

    async start() {
      set({ busy: 'start', actionError: undefined, unlinked: undefined });
      const result = await request('link:start', {});
      if (result.ok) {
        set({ busy: undefined, flow: { state: 'pending', ...result.value } });
        await get().openVerificationPage();
      } else {
        // The background wrote the same error to the flow, unless it could not be reached.
        set({ busy: undefined, flow: { state: 'error', error: result.error } });
      }
    },

    async cancel() {
      set({ busy: 'cancel', actionError: undefined });
      const result = await request('link:cancel', {});
      set({ busy: undefined, ...(result.ok ? { flow: { state: 'idle' } } : { actionError: result.error }) });
    },

    async unlink() {
      set({ busy: 'unlink', actionError: undefined });
      const result = await request('link:unlink', {});
      set({
        busy: undefined,
        ...(result.ok
          ? { link: null, flow: { state: 'idle' }, unlinked: result.value }
          : { actionError: result.error }),
      });
    },

    async openVerificationPage() {
      const { flow } = get();
      if (flow.state !== 'pending') return;
      try {
        await browser.tabs.create({ url: flow.verificationUriComplete });
      } catch (error) {
        set({
          actionError: {
            code: 'tab_failed',
            message: t('options_tabFailed', flow.verificationUriComplete),
            detail: String(error),
          },
        });
      }
    },
  }));
}

export const linkScope = storeScope('The link store', createLinkStore);

/** A slice of the mounted link store. */
export function useLinkStore<T>(selector: (state: LinkStore) => T): T {
  return useScoped(linkScope, selector);
}

import { createStore } from 'zustand/vanilla';
import { request } from '@/utils/messaging';
import type { ErrorInfo } from '@/utils/protocol';
import { storeScope, useScoped } from './scoped-store';

export interface BackgroundState {
  status: 'unknown' | 'ready' | 'unreachable';
  version?: string;
  error?: ErrorInfo;
  check(): Promise<void>;
}

/** Whether this page can talk to the background (one store per mounted page). */
export function createBackgroundStore() {
  return createStore<BackgroundState>()((set) => ({
    status: 'unknown',
    async check() {
      const result = await request('ping', {});
      if (result.ok) set({ status: 'ready', version: result.value.version, error: undefined });
      else set({ status: 'unreachable', error: result.error });
    },
  }));
}

export const backgroundScope = storeScope('The background status store', createBackgroundStore);

/** A slice of the mounted background store. */
export function useBackgroundStore<T>(selector: (state: BackgroundState) => T): T {
  return useScoped(backgroundScope, selector);
}

import { create } from 'zustand';
import { request } from '@/utils/messaging';
import type { ErrorInfo } from '@/utils/protocol';

interface BackgroundState {
  status: 'unknown' | 'ready' | 'unreachable';
  version?: string;
  error?: ErrorInfo;
  check(): Promise<void>;
}

/** Whether this page can talk to the background (one store per context). */
export const useBackgroundStore = create<BackgroundState>()((set) => ({
  status: 'unknown',
  async check() {
    const result = await request('ping', {});
    if (result.ok) set({ status: 'ready', version: result.value.version, error: undefined });
    else set({ status: 'unreachable', error: result.error });
  },
}));

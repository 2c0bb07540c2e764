import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { GuideActions } from './controller';
import type { GuideState, GuideStore } from './store';

export interface GuideContextValue {
  store: GuideStore;
  actions: GuideActions;
}

export const GuideContext = createContext<GuideContextValue | null>(null);

function useGuideContext(): GuideContextValue {
  const value = useContext(GuideContext);
  if (!value) throw new Error('The Mantix guide components need a GuideContext provider');
  return value;
}

export function useGuide<T>(selector: (state: GuideState) => T): T {
  return useStore(useGuideContext().store, selector);
}

export function useGuideActions(): GuideActions {
  return useGuideContext().actions;
}

/**
 * A zustand store made once per mount: `<ScopedProvider scope={…}>` creates
 * it (or takes the one a test hands in), `useScoped(scope, selector)` reads
 * a slice of it. Nothing lives at module level, so two mounts (or two tests)
 * never share state.
 */
import { type Context, createContext, type ReactNode, useContext, useState } from 'react';
import { type StoreApi, useStore } from 'zustand';

export interface StoreScope<S> {
  name: string;
  create(): StoreApi<S>;
  context: Context<StoreApi<S> | null>;
}

export function storeScope<S>(name: string, create: () => StoreApi<S>): StoreScope<S> {
  return { name, create, context: createContext<StoreApi<S> | null>(null) };
}

export function ScopedProvider<S>({
  scope,
  store,
  children,
}: {
  scope: StoreScope<S>;
  store?: StoreApi<S> | undefined;
  children: ReactNode;
}) {
  const [own] = useState(() => store ?? scope.create());
  return <scope.context.Provider value={own}>{children}</scope.context.Provider>;
}

export function useScoped<S, T>(scope: StoreScope<S>, selector: (state: S) => T): T {
  const store = useContext(scope.context);
  if (!store) throw new Error(`${scope.name} is read outside its provider`);
  return useStore(store, selector);
}

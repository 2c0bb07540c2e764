/**
 * The guide panel rendered on its own: a fake of every controller action
 * and a form view to start from (shared by the panel's unit tests).
 */
import { render, screen } from '@testing-library/react';
import { vi } from 'vitest';
import { GuideContext } from '@/components/overlay/context';
import type { GuideActions } from '@/components/overlay/controller';
import { GuidePanel } from '@/components/overlay/GuidePanel';
import { createGuideStore, type FormView, type GuideState } from '@/components/overlay/store';

/** Every action a spy; `shown` is what "Show it once" would show. */
export function fakeActions(shown?: string): GuideActions {
  const task = () => vi.fn(async () => undefined);
  return {
    toggleMinimised: vi.fn(),
    showMe: vi.fn(),
    hideSpotlight: vi.fn(),
    setUpRights: task(),
    turnOffDangerous: task(),
    fillIps: task(),
    copyIps: task(),
    copyText: task(),
    applySuggestedNote: task(),
    openOptions: task(),
    guardTurnOffAndContinue: task(),
    guardContinueAnyway: vi.fn(),
    guardCancel: vi.fn(),
    registerSpotlight: vi.fn(),
    registerPanel: vi.fn(),
    setUpForMantix: task(),
    generatePassphrase: task(),
    showPassphrase: vi.fn(),
    hidePassphrase: vi.fn(),
    copyPassphrase: task(),
    shownPassphrase: vi.fn(() => shown),
    loadPosition: vi.fn(async () => undefined),
    moveBy: vi.fn(),
    nextCorner: vi.fn(),
    resetPosition: vi.fn(),
    startDrag: vi.fn(),
    openFromDock: vi.fn(),
    closeToDock: vi.fn(),
    registerTab: vi.fn(),
  };
}

/** A system-generated form, every control found, nothing filled yet. */
export function formView(patch: Partial<FormView> = {}): FormView {
  return {
    keyType: 'system',
    note: { found: true, filled: false, tooLong: false },
    passphrase: { found: true, check: 'empty', autofilled: false },
    rights: {
      found: true,
      layout: 'classic',
      checklist: [],
      satisfied: false,
      complete: true,
      dangerous: [],
      unknown: [],
      extra: [],
    },
    ips: { found: true, kind: 'comma', current: [] },
    ...patch,
  };
}

/** Renders the panel over a store in `state`. */
export function renderPanel(state: Partial<GuideState>, actions: GuideActions = fakeActions()) {
  const store = createGuideStore(state);
  render(
    <GuideContext.Provider value={{ store, actions }}>
      <GuidePanel />
    </GuideContext.Provider>,
  );
  return { store, actions, panel: screen.getByRole('complementary', { name: 'Mantix guide' }) };
}

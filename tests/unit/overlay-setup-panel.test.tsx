import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { GuideContext } from '@/components/overlay/context';
import type { GuideActions } from '@/components/overlay/controller';
import { GuidePanel } from '@/components/overlay/GuidePanel';
import { createGuideStore, type FormView, type GuideState } from '@/components/overlay/store';

const SHOWN = 'Abc123Def456Ghi789Jkl012';

function fakeActions(shown?: string): GuideActions {
  const fn = () => vi.fn(async () => undefined);
  return {
    toggleMinimised: vi.fn(),
    showMe: vi.fn(),
    hideSpotlight: vi.fn(),
    setUpRights: fn(),
    turnOffDangerous: fn(),
    fillIps: fn(),
    copyIps: fn(),
    copyText: fn(),
    applySuggestedNote: fn(),
    openOptions: fn(),
    guardTurnOffAndContinue: fn(),
    guardContinueAnyway: vi.fn(),
    guardCancel: vi.fn(),
    registerSpotlight: vi.fn(),
    registerPanel: vi.fn(),
    setUpForMantix: fn(),
    generatePassphrase: fn(),
    showPassphrase: vi.fn(),
    hidePassphrase: vi.fn(),
    copyPassphrase: fn(),
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

const form: FormView = {
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
};

function renderPanel(state: Partial<GuideState>, shown?: string) {
  const store = createGuideStore({ page: 'form', step: 3, form, ...state });
  const actions = fakeActions(shown);
  render(
    <GuideContext.Provider value={{ store, actions }}>
      <GuidePanel />
    </GuideContext.Provider>,
  );
  return { actions, panel: screen.getByRole('complementary', { name: 'Mantix guide' }) };
}

describe('Set up for Mantix in the panel', () => {
  it('is the form step’s one primary action; the three single buttons stay, as secondary', async () => {
    const { actions, panel } = renderPanel({});
    const primary = within(panel).getByRole('button', { name: 'Set up for Mantix' });
    expect(primary).not.toHaveClass('secondary');
    for (const name of [
      'Set up rights for Mantix',
      'Fill Mantix IPs',
      'Use “Mantix” as the note',
      'Generate a passphrase',
    ]) {
      expect(within(panel).getByRole('button', { name })).toHaveClass('secondary');
    }
    await userEvent.click(primary);
    expect(actions.setUpForMantix).toHaveBeenCalled();
  });

  it('has exactly one filled button on the form step: "Show me" is a link beside it', () => {
    const { panel } = renderPanel({ target: 'Next: the Note field.' });
    const filled = within(panel)
      .getAllByRole('button')
      .filter((b) => !['secondary', 'link', 'icon'].some((quiet) => b.classList.contains(quiet)));
    expect(filled.map((b) => b.textContent)).toEqual(['Set up for Mantix']);
    expect(within(panel).getByRole('button', { name: 'Show me' })).toHaveClass('link');
  });

  it('reports item by item; a line not read back has no ✓; not linked offers the settings', async () => {
    const { actions, panel } = renderPanel({
      setupTask: {
        state: 'done',
        headline: '2 items still need you:',
        lines: [
          { item: 'note', state: 'done', message: 'Note set to “Mantix”.' },
          { item: 'passphrase', state: 'done', message: 'A new passphrase…' },
          { item: 'rights', state: 'unchecked', message: 'Rights: the guide cannot read this…' },
          { item: 'ips', state: 'not-linked', message: 'Server IPs: not filled.' },
        ],
      },
    });
    const report = within(panel).getByRole('list', { name: 'What Set up for Mantix did' });
    const items = within(report).getAllByRole('listitem');
    expect(items.map((li) => li.textContent?.trim().slice(0, 1))).toEqual(['✓', '✓', '?', '○']);
    expect(within(panel).getByText('2 items still need you:')).toBeInTheDocument();
    const status = within(panel)
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('2 items'));
    await userEvent.click(within(status as HTMLElement).getByRole('button', { name: 'Open Mantix Connect settings' }));
    expect(actions.openOptions).toHaveBeenCalled();
  });

  it('shows the generated passphrase only when asked, with Copy and Hide', async () => {
    const filled = renderPanel({
      form: { ...form, passphrase: { found: true, check: 'ok', autofilled: false } },
      generated: { state: 'filled', message: 'A new passphrase of 24 letters and digits is in Bitget’s field.' },
    });
    expect(within(filled.panel).queryByText(SHOWN)).toBeNull();
    await userEvent.click(within(filled.panel).getByRole('button', { name: 'Show it once' }));
    expect(filled.actions.showPassphrase).toHaveBeenCalled();
  });

  it('the shown passphrase: Copy and Hide', async () => {
    const { actions, panel } = renderPanel(
      {
        form: { ...form, passphrase: { found: true, check: 'ok', autofilled: false } },
        generated: { state: 'shown' },
      },
      SHOWN,
    );
    const group = within(panel).getByRole('group', { name: 'Your new passphrase' });
    expect(group).toHaveTextContent(SHOWN);
    await userEvent.click(within(panel).getByRole('button', { name: 'Copy passphrase' }));
    expect(actions.copyPassphrase).toHaveBeenCalled();
    await userEvent.click(within(panel).getByRole('button', { name: 'Hide it' }));
    expect(actions.hidePassphrase).toHaveBeenCalled();
  });
});

import { within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GuideState } from '@/components/overlay/store';
import { fakeActions, formView, renderPanel } from './overlay-fakes';

const SHOWN = 'Abc123Def456Ghi789Jkl012';

function renderFormStep(state: Partial<GuideState>, shown?: string) {
  return renderPanel({ page: 'form', step: 3, form: formView(), ...state }, fakeActions(shown));
}

describe('Set up for Mantix in the panel', () => {
  it('is the form step’s one primary action; the three single buttons stay, as secondary', async () => {
    const { actions, panel } = renderFormStep({});
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

  it('promises the rights only where it can read their names', () => {
    const { panel } = renderFormStep({});
    expect(within(panel).getByText(/exactly the rights Mantix needs/)).toBeInTheDocument();
  });

  it('says the rights are the user’s to set on a form whose rights it cannot name', () => {
    const base = formView();
    const { panel } = renderFormStep({ form: { ...base, rights: { ...base.rights, layout: 'unknown' } } });
    expect(within(panel).queryByText(/exactly the rights Mantix needs/)).toBeNull();
    expect(
      within(panel).getByText(
        /cannot read the names of the rights on this form.*turn on the ones Mantix needs yourself/,
      ),
    ).toBeInTheDocument();
  });

  it('has exactly one filled button on the form step: "Show me" is a link beside it', () => {
    const { panel } = renderFormStep({ target: 'Next: the Note field.' });
    const filled = within(panel)
      .getAllByRole('button')
      .filter((b) => !['secondary', 'link', 'icon'].some((quiet) => b.classList.contains(quiet)));
    expect(filled.map((b) => b.textContent)).toEqual(['Set up for Mantix']);
    expect(within(panel).getByRole('button', { name: 'Show me' })).toHaveClass('link');
  });

  it('reports item by item; a line not read back has no ✓; not linked offers the settings', async () => {
    const { actions, panel } = renderFormStep({
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
    const filled = renderFormStep({
      form: { ...formView(), passphrase: { found: true, check: 'ok', autofilled: false } },
      generated: { state: 'filled', message: 'A new passphrase of 24 letters and digits is in Bitget’s field.' },
    });
    expect(within(filled.panel).queryByText(SHOWN)).toBeNull();
    await userEvent.click(within(filled.panel).getByRole('button', { name: 'Show it once' }));
    expect(filled.actions.showPassphrase).toHaveBeenCalled();
  });

  it('the shown passphrase: Copy and Hide', async () => {
    const { actions, panel } = renderFormStep(
      {
        form: { ...formView(), passphrase: { found: true, check: 'ok', autofilled: false } },
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

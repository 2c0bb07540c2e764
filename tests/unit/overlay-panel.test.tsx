import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { GuideContext } from '@/components/overlay/context';
import { GuidePanel } from '@/components/overlay/GuidePanel';
import { createGuideStore } from '@/components/overlay/store';
import { fakeActions, formView, renderPanel } from './overlay-fakes';

const form = formView;

describe('the guide panel', () => {
  it('lists the seven steps and marks the current one', () => {
    const { panel } = renderPanel({ page: 'key-list', step: 2 });
    const steps = within(panel).getAllByRole('listitem');
    expect(steps).toHaveLength(7);
    expect(steps[2]).toHaveAttribute('aria-current', 'step');
    expect(steps[2]).toHaveTextContent('Create API Key → System-generated');
    expect(steps[0]).toHaveTextContent('(done)');
    expect(within(panel).getByText(/Press Create API Key/)).toBeInTheDocument();
  });

  it('follows the store live', () => {
    const { store, panel } = renderPanel({ page: 'key-list', step: 2 });
    act(() => store.setState({ page: 'verification', step: 5 }));
    expect(within(panel).getByRole('listitem', { current: 'step' })).toHaveTextContent('Confirm with 2FA');
  });

  it('signed out: sign in first', () => {
    const { panel } = renderPanel({ page: 'signed-out', step: 0, target: 'the Log in button' });
    expect(within(panel).getByText(/Sign in to Bitget first/)).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Show me' })).toBeInTheDocument();
  });

  it('ten keys: delete an unused key first', () => {
    const { panel } = renderPanel({ page: 'key-limit', step: 2, keyCount: 10 });
    expect(within(panel).getByText(/and this one has 10\. Delete an unused key first/)).toBeInTheDocument();
  });

  it('RSA: explains that Mantix needs a System-generated key', () => {
    const { panel } = renderPanel({ page: 'form', step: 2, form: form({ keyType: 'user' }) });
    expect(within(panel).getByText(/User-generated \(RSA\) API key/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Set up rights for Mantix' })).toBeNull();
  });

  it('Show me: announces what it highlights', async () => {
    const { store, actions, panel } = renderPanel({ page: 'key-list', step: 2, target: 'the Create API Key button' });
    expect(within(panel).getByRole('status')).toHaveTextContent('Next: the Create API Key button.');
    await userEvent.click(within(panel).getByRole('button', { name: 'Show me' }));
    expect(actions.showMe).toHaveBeenCalled();
    act(() => store.setState({ spotlight: true }));
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'Highlighted on Bitget’s page: the Create API Key button.',
    );
  });

  it('the Transfer / Withdraw warning is an alert with "Turn it off"', async () => {
    const { actions, panel } = renderPanel({
      page: 'form',
      step: 3,
      form: form({ rights: { ...form().rights, dangerous: ['wallet withdraw'] } }),
    });
    const alert = within(panel).getByRole('alert');
    expect(alert).toHaveTextContent('Mantix never needs Transfer or Withdraw rights');
    expect(alert).toHaveTextContent('wallet withdraw');
    await userEvent.click(within(alert).getByRole('button', { name: 'Turn it off' }));
    expect(actions.turnOffDangerous).toHaveBeenCalled();
  });

  it('the guard asks, with "Turn it off and continue" as the default', async () => {
    const { actions, panel } = renderPanel({
      page: 'form',
      step: 5,
      guardOpen: true,
      form: form({ rights: { ...form().rights, dangerous: ['assets withdraw'] } }),
    });
    const guard = within(panel).getByRole('alertdialog', { name: 'Turn off Transfer and Withdraw?' });
    const turnOff = within(guard).getByRole('button', { name: 'Turn it off and continue' });
    expect(turnOff).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(actions.guardTurnOffAndContinue).toHaveBeenCalled();
    await userEvent.click(within(guard).getByRole('button', { name: 'Cancel' }));
    expect(actions.guardCancel).toHaveBeenCalled();
  });

  it('the guard names what it stops: rights Mantix does not know, when nothing on says Transfer or Withdraw', () => {
    const { panel } = renderPanel({
      page: 'form',
      step: 5,
      guardOpen: true,
      form: form({ rights: { ...form().rights, dangerous: [], unknown: ['nffrgf genafsre'] } }),
    });
    const guard = within(panel).getByRole('alertdialog', { name: 'Turn off the rights Mantix does not know?' });
    expect(guard).toHaveTextContent('Mantix does not know what nffrgf genafsre allows');
    expect(within(guard).getByRole('button', { name: 'Turn it off and continue' })).toHaveFocus();
  });

  it('the rights checklist and "Set up rights for Mantix"', async () => {
    const { actions, panel } = renderPanel({
      page: 'form',
      step: 3,
      form: form({
        rights: {
          ...form().rights,
          checklist: [
            { id: 'read-write', label: 'Read-write', ok: true, state: 'ok' },
            { id: 'spot.trade', label: 'Spot Trade', ok: false, state: 'no' },
            { id: 'no-transfer-withdraw', label: 'Transfer and Withdraw off', ok: false, state: 'unknown' },
          ],
          extra: ['copy trading trade'],
          unknown: ['sub-account manage'],
        },
      }),
    });
    const list = within(panel).getByRole('list', { name: 'What Mantix needs' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['✓ Read-write (set)', '○ Spot Trade (not set yet)', '? Transfer and Withdraw off: Could not check']);
    expect(within(panel).getByText(/Also on, not needed by Mantix: copy trading trade/)).toBeInTheDocument();
    expect(
      within(panel).getByText(
        'Unknown right: «sub-account manage». Mantix needs only the rights to read and trade: turn it off unless you need it.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole('button', { name: 'Set up rights for Mantix' }));
    expect(actions.setUpRights).toHaveBeenCalled();
  });

  it('passphrase: the live rule check, the autofill warning and the reminder', () => {
    const { panel } = renderPanel({
      page: 'form',
      step: 3,
      form: form({ passphrase: { found: true, check: 'invalid-characters', autofilled: true } }),
    });
    expect(within(panel).getByText(/Use letters and digits only/)).toBeInTheDocument();
    expect(within(panel).getByText(/Your browser filled in this field/)).toBeInTheDocument();
    expect(within(panel).getByText(/Save the passphrase somewhere safe now/)).toBeInTheDocument();
  });

  it('not linked: says so, offers the settings, and Copy IPs stays', async () => {
    const { actions, panel } = renderPanel({
      page: 'form',
      step: 4,
      form: form(),
      mantixIps: { state: 'not-linked', ips: [], message: 'Mantix Connect is not linked to your Mantix account yet.' },
    });
    expect(within(panel).getByText(/not linked to your Mantix account yet/)).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole('button', { name: 'Open Mantix Connect settings' }));
    expect(actions.openOptions).toHaveBeenCalled();
    expect(within(panel).getByRole('button', { name: 'Copy IPs' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Fill Mantix IPs' })).toBeInTheDocument();
  });

  it('a refused fill says why', () => {
    const { panel } = renderPanel({
      page: 'form',
      step: 4,
      form: form(),
      ipTask: { state: 'error', message: 'The key would have 11 IP addresses. Nothing was changed.' },
    });
    expect(within(panel).getByRole('status')).toHaveTextContent('Nothing was changed.');
  });

  it('controls it cannot find: which step it cannot help with, and copy buttons instead', async () => {
    const { actions, panel } = renderPanel({
      page: 'form',
      step: 3,
      form: form({
        note: { found: false, filled: false, tooLong: false },
        ips: { found: false, current: [] },
        rights: { ...form().rights, found: false },
      }),
      missing: [
        { control: 'note', step: 3 },
        { control: 'ipField', step: 4 },
      ],
    });
    expect(
      within(panel).getByText(/cannot find Bitget’s Note field on this page, so it cannot help with step 4/),
    ).toBeInTheDocument();
    expect(within(panel).getByText(/IP address field .* step 5 \(Bind Mantix server IPs\)/)).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Fill Mantix IPs' })).toBeNull();
    expect(within(panel).getByText(/Tick by hand/)).toBeInTheDocument();
    await userEvent.click(within(panel).getByRole('button', { name: 'Copy “Mantix”' }));
    expect(actions.copyText).toHaveBeenCalledWith('Mantix', 'The note');
  });

  it('the result: the capture’s answer, never a key', () => {
    const { panel } = renderPanel({
      page: 'result',
      step: 6,
      resultKeyType: 'system',
      capture: { state: 'done', message: 'Keys captured — open Mantix Connect to send them.' },
    });
    expect(within(panel).getByRole('status')).toHaveTextContent('Keys captured — open Mantix Connect to send them.');
  });

  it('an RSA result: Mantix cannot use it', () => {
    const { panel } = renderPanel({ page: 'result', step: 6, resultKeyType: 'user' });
    expect(within(panel).getByText(/it has no Secret Key, so Mantix cannot use it/)).toBeInTheDocument();
  });

  it('minimises to its title and expands again', async () => {
    const { store, actions, panel } = renderPanel({ page: 'key-list', step: 2 });
    const toggle = within(panel).getByRole('button', { name: 'Minimise the Mantix guide' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    expect(actions.toggleMinimised).toHaveBeenCalled();
    act(() => store.setState({ minimised: true }));
    expect(within(panel).getByRole('button', { name: 'Expand the Mantix guide' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(within(panel).queryByRole('listitem')).toBeNull();
  });

  it('docked: a tab named for what it opens; the panel is out of the way until the user opens it', async () => {
    const store = createGuideStore({ page: 'form', step: 3, placement: { mode: 'dock', side: 'left', top: 700 } });
    const actions = fakeActions();
    render(
      <GuideContext.Provider value={{ store, actions }}>
        <GuidePanel />
      </GuideContext.Provider>,
    );
    expect(screen.queryByRole('complementary', { name: 'Mantix guide' })).toBeNull();
    const tab = screen.getByRole('button', { name: 'Mantix guide — open' });
    expect(tab).toHaveTextContent('Mantix guide');
    await userEvent.click(tab);
    expect(actions.openFromDock).toHaveBeenCalled();
    act(() => store.setState({ dockOpen: true }));
    const panel = screen.getByRole('complementary', { name: 'Mantix guide' });
    expect(screen.queryByRole('button', { name: 'Mantix guide — open' })).toBeNull();
    await userEvent.click(within(panel).getByRole('button', { name: 'Close the Mantix guide to its tab' }));
    expect(actions.closeToDock).toHaveBeenCalled();
  });

  it('beside the form, no tab is offered', () => {
    const { panel } = renderPanel({
      page: 'form',
      step: 3,
      placement: { mode: 'corner', corner: 'top-left', width: 300 },
    });
    expect(screen.queryByRole('button', { name: 'Mantix guide — open' })).toBeNull();
    expect(within(panel).queryByText(/moved clear of Bitget’s form/)).toBeNull();
  });

  it('the Move button: arrow keys move the panel, Enter the next corner, Home lets the guide choose', async () => {
    const { actions, panel } = renderPanel({ page: 'key-list', step: 2 });
    const move = within(panel).getByRole('button', { name: 'Move the Mantix guide' });
    expect(move).toHaveAccessibleDescription(/arrow keys move it/);
    move.focus();
    await userEvent.keyboard('{ArrowUp}{Shift>}{ArrowLeft}{/Shift}{Home}{Enter}');
    expect(actions.moveBy).toHaveBeenNthCalledWith(1, 0, -24);
    expect(actions.moveBy).toHaveBeenNthCalledWith(2, -96, 0);
    expect(actions.resetPosition).toHaveBeenCalledTimes(1);
    expect(actions.nextCorner).toHaveBeenCalledTimes(1);
  });

  it('says so when the user’s spot is not used because it would cover the form', () => {
    const { panel } = renderPanel({
      page: 'form',
      step: 3,
      userPosition: { x: 0.5, y: 0.5 },
      userOverridden: true,
      placement: { mode: 'corner', corner: 'top-left' },
    });
    expect(within(panel).getByRole('status')).toHaveTextContent(/moved clear of Bitget’s form/);
  });
});

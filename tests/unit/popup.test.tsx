import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { usePopupStore } from '@/components/popup/store';
import { useBackgroundStore } from '@/components/shared/background-store';
import type { CaptureSummary, HandoffView, RunState } from '@/utils/handoff/schema';

vi.mock('@/utils/messaging', () => ({ request: vi.fn() }));
vi.mock('@/components/popup/channel', () => ({ connectView: vi.fn(), sendSecret: vi.fn() }));
const { request } = await import('@/utils/messaging');
const { connectView, sendSecret } = await import('@/components/popup/channel');

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const LINKED = { displayName: 'Demo Trader', email: 'demo@mantix.test' };
const CAPTURE: CaptureSummary = {
  apiKeyMasked: 'bg_19aa…0656',
  secretMasked: '•••••••• (64 characters)',
  passphraseMasked: '••••••••',
  source: 'page',
  observed: {
    account_mode: 'classic',
    permissions: ['coow', 'cpow', 'stow', 'smow'],
    transfer_enabled: false,
    withdraw_enabled: false,
    ip_whitelist: ['203.0.113.10', '203.0.113.11'],
  },
  capturedAt: NOW - 60_000,
  expiresAt: NOW + 14 * 60_000,
  confirmations: { passphraseSaved: false, secretSaved: false },
};
const CONFIRMED: CaptureSummary = { ...CAPTURE, confirmations: { passphraseSaved: true, secretSaved: true } };

function view(partial: Partial<HandoffView> = {}): HandoffView {
  return { linked: LINKED, capture: null, pending: null, run: { phase: 'idle' }, ttlMinutes: 15, ...partial };
}

/** Renders the popup with the background pushing `initial` over the (mocked) view port. */
function renderWith(initial: HandoffView | null) {
  let push: (next: HandoffView) => void = () => undefined;
  vi.mocked(connectView).mockImplementation((onView) => {
    push = onView;
    if (initial) onView(initial);
    return () => undefined;
  });
  render(<Popup />);
  return { push: (next: HandoffView) => act(() => push(next)) };
}

const failed = (code: string, keysWiped = false, message = `Mantix says ${code}`): RunState => ({
  phase: 'failed',
  apiKeyMasked: 'bg_19aa…0656',
  at: NOW,
  keysWiped,
  reason: { kind: 'verification', code, message, connectionId: 'conn_1' },
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] });
  usePopupStore.setState({ connection: 'connecting', view: null, error: null, busy: false });
  useBackgroundStore.setState({ status: 'unknown' });
  vi.mocked(request).mockImplementation(async (type) =>
    type === 'ping'
      ? { ok: true, value: { version: '1.2.3', sender: 'extension-page' } }
      : { ok: true, value: { started: true } },
  );
  fakeBrowser.runtime.openOptionsPage = vi.fn(async () => undefined);
  return () => vi.useRealTimers();
});

const user = () => userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });

describe('the popup', () => {
  it('says it is loading until the background answers, and that the extension is ready', async () => {
    renderWith(null);
    expect(screen.getByRole('heading', { name: 'Mantix Connect', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Loading');
    expect(await screen.findByText('Extension ready · v1.2.3')).toBeInTheDocument();
  });

  it('says so when the background cannot be reached', async () => {
    vi.mocked(connectView).mockImplementation(() => () => undefined);
    render(<Popup />);
    act(() => usePopupStore.setState({ connection: 'lost', error: { code: 'x', message: 'Could not reach it.' } }));
    expect(screen.getByRole('alert')).toHaveTextContent('Could not reach it.');
  });

  it('not linked: sends the user to the options page', async () => {
    renderWith(view({ linked: null }));
    const section = screen.getByRole('region', { name: 'Link your Mantix account' });
    await user().click(within(section).getByRole('button', { name: 'Link a Mantix account' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: /^Send to/ })).not.toBeInTheDocument();
  });

  it('not linked with keys waiting: shows them, without a send button', () => {
    renderWith(view({ linked: null, capture: CONFIRMED }));
    expect(screen.getByText(/captured keys wait here/)).toBeInTheDocument();
    expect(screen.getByTestId('api-key')).toHaveTextContent('bg_19aa…0656');
    expect(screen.queryByRole('button', { name: /^Send to/ })).not.toBeInTheDocument();
  });

  it('nothing captured: "Connect Bitget" opens the API key page', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    renderWith(view());
    expect(screen.getByRole('heading', { name: 'No key captured yet' })).toBeInTheDocument();
    await user().click(screen.getByRole('button', { name: 'Connect Bitget' }));
    expect(create).toHaveBeenCalledWith({ url: 'https://www.bitget.com/en/account/newapi' });
  });

  it('the paste form checks each value by shape, sends once over the secret port, and clears itself', async () => {
    vi.mocked(sendSecret).mockResolvedValue({ type: 'capture:result', status: 'stored', message: 'Keys captured.' });
    renderWith(view());
    const u = user();
    await u.click(screen.getByText('Paste the keys instead'));
    const form = screen.getByRole('form', { name: 'Paste keys' });
    await u.type(within(form).getByLabelText('API Key'), 'bg_nothex');
    await u.type(within(form).getByLabelText('Secret Key'), 'short');
    await u.type(within(form).getByLabelText('Passphrase'), 'bad pass!');
    await u.click(within(form).getByRole('button', { name: 'Use these keys' }));
    expect(sendSecret).not.toHaveBeenCalled();
    expect(within(form).getByLabelText('API Key')).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText(/This is not a Bitget Secret Key/)).toBeInTheDocument();

    for (const label of ['API Key', 'Secret Key', 'Passphrase']) await u.clear(within(form).getByLabelText(label));
    await u.type(within(form).getByLabelText('API Key'), 'bg_19aab20aafdb177408faf3fba6580656');
    await u.type(within(form).getByLabelText('Secret Key'), 'ab'.repeat(32));
    await u.type(within(form).getByLabelText('Passphrase'), 'Mantix2024pass');
    expect(within(form).getByLabelText('Secret Key')).toHaveAttribute('type', 'password');
    await u.click(within(form).getByRole('button', { name: 'Use these keys' }));
    expect(sendSecret).toHaveBeenCalledTimes(1);
    expect(sendSecret).toHaveBeenCalledWith({
      type: 'manual',
      apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
      secretKey: 'ab'.repeat(32),
      passphrase: 'Mantix2024pass',
    });
    expect(within(form).getByLabelText('Secret Key')).toHaveValue('');
    expect(within(form).getByLabelText('Passphrase')).toHaveValue('');
  });

  it('captured: masked values, captured time, countdown, and the checklist from the page', () => {
    renderWith(view({ capture: CAPTURE }));
    expect(screen.getByTestId('api-key')).toHaveTextContent('bg_19aa…0656');
    expect(screen.getByTestId('secret-key')).toHaveTextContent('••••••••');
    expect(screen.getByTestId('passphrase')).toHaveTextContent('••••••••');
    expect(screen.getByText(/from the Bitget page/)).toBeInTheDocument();
    expect(screen.getByTestId('expiry')).toHaveTextContent('14:00');
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByTestId('expiry')).toHaveTextContent('12:59');

    const checklist = screen.getByRole('region', { name: 'Security checklist' });
    const items = within(checklist).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Read & Trade rights: OK');
    expect(items[1]).toHaveTextContent('Transfer and Withdraw off: OK');
    expect(items[2]).toHaveTextContent('IP addresses bound (up to 10): OK');
    expect(items[2]).toHaveTextContent('2 addresses bound');
  });

  it('captured: flags what the page showed wrong', () => {
    renderWith(
      view({
        capture: {
          ...CAPTURE,
          observed: {
            account_mode: 'classic',
            permissions: ['stow'],
            transfer_enabled: true,
            withdraw_enabled: false,
            ip_whitelist: [],
          },
        },
      }),
    );
    const items = within(screen.getByRole('region', { name: 'Security checklist' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Problem');
    expect(items[0]).toHaveTextContent('futures.orders');
    expect(items[1]).toHaveTextContent('Transfer is on');
    expect(items[2]).toHaveTextContent('No IP address is bound');
  });

  it('pasted keys: nothing observed, the checklist says so', () => {
    renderWith(view({ capture: { ...CAPTURE, source: 'manual', observed: null } }));
    expect(screen.getByText(/\(pasted\)/)).toBeInTheDocument();
    const items = within(screen.getByRole('region', { name: 'Security checklist' })).getAllByRole('listitem');
    for (const item of items.slice(0, 3)) expect(item).toHaveTextContent('Not checked');
  });

  it('send is enabled only when the user confirmed both, and names the account exactly', async () => {
    const { push } = renderWith(view({ capture: CAPTURE }));
    const send = screen.getByRole('button', { name: 'Send to Demo Trader (demo@mantix.test)' });
    expect(send).toBeDisabled();
    await user().click(screen.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' }));
    expect(request).toHaveBeenCalledWith('capture:confirm', { passphraseSaved: true, secretSaved: false });
    push(view({ capture: CONFIRMED }));
    const enabled = screen.getByRole('button', { name: 'Send to Demo Trader (demo@mantix.test)' });
    expect(enabled).toBeEnabled();
    await user().click(enabled);
    expect(request).toHaveBeenCalledWith('capture:send', {});
  });

  it('"Discard keys" asks the background to wipe them', async () => {
    renderWith(view({ capture: CAPTURE }));
    await user().click(screen.getByRole('button', { name: 'Discard keys' }));
    expect(request).toHaveBeenCalledWith('capture:discard', {});
  });

  it('the Passphrase can be re-entered (sent once, field cleared)', async () => {
    vi.mocked(sendSecret).mockResolvedValue({
      type: 'capture:result',
      status: 'stored',
      message: 'Passphrase updated.',
    });
    renderWith(view({ capture: CAPTURE }));
    const u = user();
    await u.click(screen.getByText('Re-enter the Passphrase'));
    const field = screen.getByLabelText('New Passphrase');
    await u.type(field, 'Corrected2024');
    await u.click(screen.getByRole('button', { name: 'Update the Passphrase' }));
    expect(sendSecret).toHaveBeenCalledWith({ type: 'passphrase', passphrase: 'Corrected2024' });
    expect(field).toHaveValue('');
    expect(screen.getByText('Passphrase updated.')).toBeInTheDocument();
  });

  it('a different key captured meanwhile: asks which to keep', async () => {
    renderWith(view({ capture: CAPTURE, pending: { apiKeyMasked: 'bg_0123…cdef', capturedAt: NOW } }));
    const section = screen.getByRole('region', { name: 'Another key was captured' });
    await user().click(within(section).getByRole('button', { name: 'Use the new key bg_0123…cdef' }));
    expect(request).toHaveBeenCalledWith('capture:replace', { replace: true });
    await user().click(within(section).getByRole('button', { name: 'Keep bg_19aa…0656' }));
    expect(request).toHaveBeenCalledWith('capture:replace', { replace: false });
  });

  it.each([
    ['encrypting', 0],
    ['sending', 1],
  ] as const)('sending (%s): shows the steps', (phase, current) => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: { phase, runId: crypto.randomUUID(), attempt: 1, keyRotations: 0, apiKeyMasked: 'bg_19aa…0656' },
      }),
    );
    const steps = within(screen.getByRole('region', { name: /Sending bg_19aa…0656 to Mantix/ })).getAllByRole(
      'listitem',
    );
    expect(steps[current]).toHaveAttribute('aria-current', 'step');
    expect(screen.queryByRole('button', { name: /^Send to/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Discard keys' })).toBeEnabled();
  });

  it('sending (verifying): Mantix checks the key', () => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'verifying',
          runId: crypto.randomUUID(),
          connectionId: 'conn_1',
          pollStartedAt: NOW,
          nextPollAt: NOW + 2_000,
          apiKeyMasked: 'bg_19aa…0656',
        },
      }),
    );
    const steps = screen.getAllByRole('listitem').filter((li) => li.closest('ol'));
    expect(steps[2]).toHaveAttribute('aria-current', 'step');
    expect(steps[2]).toHaveTextContent('Mantix checks the key with Bitget');
  });

  it('retrying: the reason and the next attempt time', () => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'retrying',
          runId: crypto.randomUUID(),
          attempt: 2,
          keyRotations: 0,
          nextAttemptAt: NOW + 4_000,
          error: { code: 'server_error', message: 'Mantix is having trouble right now.', detail: 'HTTP 503' },
          apiKeyMasked: 'bg_19aa…0656',
        },
      }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Mantix is having trouble right now.');
    expect(screen.getByTestId('next-attempt')).toHaveTextContent(/Next try \(3 of 6\) at .*, in 0:04/);
    expect(screen.getByText('Details')).toBeInTheDocument();
  });

  it('active: the balance Mantix reports', () => {
    renderWith(
      view({
        run: {
          phase: 'active',
          connectionId: 'conn_1',
          apiKeyMasked: 'bg_19aa…0656',
          balance: { totalUsdt: '1234.56', updatedAt: '2025-06-01T12:00:02Z' },
          at: NOW,
        },
      }),
    );
    expect(screen.getByRole('heading', { name: 'Connected to Mantix' })).toBeInTheDocument();
    expect(screen.getByTestId('balance')).toHaveTextContent('Balance: 1234.56 USDT');
    expect(screen.getByText(/wiped from this browser/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Connect another key' })).toBeInTheDocument();
  });

  it.each([
    ['invalid_passphrase', /Re-enter it exactly as you set it on Bitget/, 'Update the Passphrase', false],
    ['ip_not_allowed', /IP list lacks Mantix's servers/, 'Open Bitget to add the IP addresses', false],
    ['missing_permission', /Read & Trade rights/, 'Open Bitget to set up the rights', false],
    ['invalid_api_key', /wrong, or the key was deleted/, 'Create a new key on Bitget', true],
    ['withdraw_enabled', /Transfer or Withdraw rights/, 'Create a new key on Bitget', true],
    ['account_restricted', /restricted your account/, 'Create a new key on Bitget', true],
    ['exchange_unavailable', /Bitget did not answer/, 'Check again', false],
  ] as const)('failed (%s): its sentence and the action that fixes it', (code, sentence, action, wiped) => {
    renderWith(view({ capture: wiped ? null : CONFIRMED, run: failed(code, wiped) }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(sentence);
    expect(screen.getByRole('button', { name: action })).toBeInTheDocument();
    expect(within(alert).getByText('Details')).toBeInTheDocument();
    if (wiped) expect(alert).toHaveTextContent('The keys were wiped');
  });

  it('failed (ip_not_allowed): offers to send again after fixing the key', async () => {
    renderWith(view({ capture: CONFIRMED, run: failed('ip_not_allowed') }));
    await user().click(screen.getByRole('button', { name: 'Send again' }));
    expect(request).toHaveBeenCalledWith('capture:send', {});
  });

  it('failed before a verdict: an untrusted ingest key', () => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'failed',
          apiKeyMasked: 'bg_19aa…0656',
          at: NOW,
          keysWiped: false,
          reason: {
            kind: 'send',
            error: {
              code: 'untrusted_ingest_key',
              message: "Mantix's encryption key is not one this version trusts — nothing was sent.",
            },
          },
        },
      }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('nothing was sent');
    expect(screen.queryByRole('button', { name: 'Send again' })).not.toBeInTheDocument();
  });

  it('failed before a verdict: Mantix unreachable after 6 tries → send again', () => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'failed',
          apiKeyMasked: 'bg_19aa…0656',
          at: NOW,
          keysWiped: false,
          reason: {
            kind: 'send',
            error: { code: 'retries_exhausted', message: 'Mantix could not be reached after 6 tries.' },
          },
        },
      }),
    );
    expect(screen.getByRole('button', { name: 'Send again' })).toBeInTheDocument();
  });

  it('failed before a verdict: the link expired → link again', async () => {
    renderWith(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'failed',
          apiKeyMasked: 'bg_19aa…0656',
          at: NOW,
          keysWiped: false,
          reason: { kind: 'send', error: { code: 'link_expired', message: 'Your Mantix link expired — link again.' } },
        },
      }),
    );
    await user().click(screen.getByRole('button', { name: 'Link your Mantix account again' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
  });

  it('expired: says the keys were wiped and how to recover', () => {
    renderWith(view({ run: { phase: 'expired', at: NOW } }));
    expect(screen.getByRole('heading', { name: 'The captured keys expired' })).toBeInTheDocument();
    expect(screen.getByText(/wiped them 15 minutes after capture/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a new key on Bitget' })).toBeInTheDocument();
  });

  it('shows a command refused by the background as a sentence', async () => {
    vi.mocked(request).mockImplementation(async (type) =>
      type === 'ping'
        ? { ok: true, value: { version: '1.2.3', sender: 'extension-page' } }
        : { ok: false, error: { code: 'not_confirmed', message: 'First confirm that you saved the Passphrase.' } },
    );
    renderWith(view({ capture: CAPTURE }));
    await user().click(screen.getByRole('button', { name: 'Discard keys' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('First confirm that you saved the Passphrase.');
  });
});

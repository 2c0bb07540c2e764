import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '@/components/popup/Popup';
import { createPopupStore } from '@/components/popup/store';
import type { CaptureSummary, HandoffView, RunState } from '@/utils/handoff/schema';

vi.mock('@/utils/messaging', () => ({ request: vi.fn() }));
vi.mock('@/components/popup/channel', () => ({ connectView: vi.fn(), sendSecret: vi.fn() }));
const { request } = await import('@/utils/messaging');
const { connectView, sendSecret } = await import('@/components/popup/channel');

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const LINKED = { displayName: 'Demo Trader', email: 'demo@mantix.test' };
const CAPTURE: CaptureSummary = {
  apiKey: 'bg_19aab20aafdb177408faf3fba6580656',
  note: 'Mantix',
  apiKeyMasked: 'bg_19aa…0656',
  secretMasked: '•••••••• (64 characters)',
  secretLength: 64,
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
  it('says it is loading until the background answers; the version only under About', async () => {
    renderWith(null);
    expect(screen.getByRole('heading', { name: 'Mantix Connect', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Loading…')).toHaveAttribute('role', 'status');
    const version = await screen.findByText('Extension ready · v1.2.3');
    expect(version.closest('details')).not.toHaveAttribute('open');
    expect(screen.getByText('About Mantix Connect')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy details for support' })).toBeInTheDocument();
  });

  it('says so when the background cannot be reached', async () => {
    vi.mocked(connectView).mockImplementation(() => () => undefined);
    const store = createPopupStore();
    render(<Popup stores={{ popup: store }} />);
    act(() => store.setState({ connection: 'lost', error: { code: 'x', message: 'Could not reach it.' } }));
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
    expect(screen.getByTestId('api-key')).toHaveTextContent('bg_19aab20aafdb177408faf3fba6580656');
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

  it('captured: the whole API Key and note, secrets hidden, countdown, and the checklist in words', () => {
    renderWith(view({ capture: CAPTURE }));
    expect(screen.getByTestId('api-key')).toHaveTextContent('bg_19aab20aafdb177408faf3fba6580656');
    expect(screen.getByTestId('note')).toHaveTextContent('Mantix');
    expect(screen.getByText(/check that this API Key and note are in Bitget’s list/)).toBeInTheDocument();
    expect(screen.getByTestId('secret-key')).toHaveTextContent('•••••••• (64 characters)');
    expect(screen.getByTestId('passphrase')).toHaveTextContent('••••••••');
    expect(screen.getByText(/from Bitget’s page/)).toHaveTextContent(/Deleted from this browser in 14:00/);
    expect(screen.getByTestId('expiry')).toHaveTextContent('14:00');
    act(() => vi.advanceTimersByTime(61_000));
    expect(screen.getByTestId('expiry')).toHaveTextContent('12:59');

    const checklist = screen.getByRole('region', { name: 'Security checklist' });
    const items = within(checklist).getAllByRole('listitem');
    // Each thing said once, with its state for screen readers.
    expect(items[0]).toHaveTextContent(/^✓OK\.Read & Trade rights are on\.$/);
    expect(items[1]).toHaveTextContent(/Transfer and Withdraw are off: no right can move money out/);
    expect(items[2]).toHaveTextContent(/^✓OK\.2 IP addresses bound\.$/);
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
    // Rights by their names, never internal ids.
    expect(items[0]).toHaveTextContent('Rights missing: Futures Orders, Futures Holdings, and Margin Trade.');
    expect(items[0]).not.toHaveTextContent(/futures\.|spot\.|margin\./);
    expect(items[1]).toHaveTextContent('Transfer is on');
    expect(items[2]).toHaveTextContent('No IP address is bound');
  });

  it('pasted keys: nothing observed, the checklist says so in one line', () => {
    renderWith(view({ capture: { ...CAPTURE, source: 'manual', observed: null } }));
    expect(screen.getByText(/^Pasted at/)).toBeInTheDocument();
    const items = within(screen.getByRole('region', { name: 'Security checklist' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Not checked');
    expect(items[0]).toHaveTextContent('were not seen (pasted keys): check them on Bitget.');
  });

  it('send is enabled only when the user confirmed both, and names the account exactly', async () => {
    const { push } = renderWith(view({ capture: CAPTURE }));
    const send = screen.getByRole('button', { name: 'Send to Demo Trader (demo@mantix.test)' });
    expect(send).toBeDisabled();
    await user().click(screen.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' }));
    expect(request).toHaveBeenCalledWith('capture:confirm', { passphraseSaved: true });
    push(view({ capture: CONFIRMED }));
    const enabled = screen.getByRole('button', { name: 'Send to Demo Trader (demo@mantix.test)' });
    expect(enabled).toBeEnabled();
    await user().click(enabled);
    expect(request).toHaveBeenCalledWith('capture:send', {});
  });

  it('two quick ticks: each box goes on its own, and an older view does not undo the first', async () => {
    const answers: (() => void)[] = [];
    vi.mocked(request).mockImplementation(
      (type) =>
        new Promise((resolve) => {
          const value = type === 'ping' ? { version: '1.2.3', sender: 'extension-page' } : { confirmed: true };
          answers.push(() => resolve({ ok: true, value } as never));
        }),
    );
    const { push } = renderWith(view({ capture: CAPTURE }));
    const passphrase = screen.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' });
    const secret = screen.getByRole('checkbox', { name: 'I saved the Secret Key somewhere safe' });
    await act(async () => {
      passphrase.click();
      secret.click();
    });
    expect(vi.mocked(request).mock.calls.filter(([type]) => type === 'capture:confirm')).toEqual([
      ['capture:confirm', { passphraseSaved: true }],
      ['capture:confirm', { secretSaved: true }],
    ]);
    // A view the background pushed before it stored the ticks.
    push(view({ capture: CAPTURE }));
    expect(passphrase).toBeChecked();
    expect(secret).toBeChecked();
    await act(async () => {
      for (const answer of answers) answer();
    });
    push(view({ capture: CONFIRMED }));
    expect(screen.getByRole('button', { name: 'Send to Demo Trader (demo@mantix.test)' })).toBeEnabled();
  });

  it('"Discard keys…" is quiet, asks first, and is off while a send is in flight', async () => {
    const { push } = renderWith(view({ capture: CAPTURE }));
    const u = user();
    await u.click(screen.getByRole('button', { name: 'Discard keys…' }));
    expect(request).not.toHaveBeenCalledWith('capture:discard', {});
    expect(screen.getByText(/Bitget never shows this Secret Key again/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Keep them' }));
    expect(request).not.toHaveBeenCalledWith('capture:discard', {});
    await u.click(screen.getByRole('button', { name: 'Discard keys…' }));
    await u.click(screen.getByRole('button', { name: 'Discard' }));
    expect(request).toHaveBeenCalledWith('capture:discard', {});
    push(
      view({
        capture: CONFIRMED,
        run: {
          phase: 'sending',
          runId: crypto.randomUUID(),
          attempt: 1,
          keyRotations: 0,
          apiKeyMasked: 'bg_19aa…0656',
        },
      }),
    );
    expect(screen.getByRole('button', { name: 'Discard keys…' })).toBeDisabled();
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
    await user().click(within(section).getByRole('button', { name: 'Use the new key …cdef' }));
    expect(request).toHaveBeenCalledWith('capture:replace', { replace: true });
    await user().click(within(section).getByRole('button', { name: 'Keep “Mantix” (…0656)' }));
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
    const steps = within(
      screen.getByRole('region', { name: 'Sending the key “Mantix” (…0656) to Mantix' }),
    ).getAllByRole('listitem');
    expect(steps[current]).toHaveAttribute('aria-current', 'step');
    expect(screen.queryByRole('button', { name: /^Send to/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Discard keys…' })).toBeDisabled();
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

  it('retrying: neutral, with progress, "Retry now" and "Stop"; the reason on request', async () => {
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
    const section = screen.getByRole('region', { name: 'Mantix is busy: retrying automatically' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(within(section).getByRole('progressbar')).toHaveAttribute('value', '2');
    expect(screen.getByTestId('next-attempt')).toHaveTextContent(/^Try 3 of 6 in 0:04 \(at .*\)/);
    expect(within(section).getByText('Mantix is having trouble right now.')).not.toBeVisible();
    const u = user();
    await u.click(within(section).getByRole('button', { name: 'Retry now' }));
    expect(request).toHaveBeenCalledWith('capture:retry-now', {});
    await u.click(within(section).getByRole('button', { name: 'Stop' }));
    expect(request).toHaveBeenCalledWith('capture:stop', {});
  });

  it('active: a success mark, the balance, "Open Mantix" first and "Connect another key" second', async () => {
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
    expect(screen.getByText(/deleted from this browser/)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Done' })).toBeInTheDocument();
    const open = screen.getByRole('button', { name: 'Open Mantix' });
    const another = screen.getByRole('button', { name: 'Connect another key' });
    expect(open).not.toHaveClass('secondary');
    expect(another).toHaveClass('secondary');
    expect(open.compareDocumentPosition(another) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Connect Bitget' })).not.toBeInTheDocument();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await user().click(another);
    expect(create).toHaveBeenCalledWith({ url: 'https://www.bitget.com/en/account/newapi' });
  });

  it.each([
    ['invalid_passphrase', /Re-enter it exactly as you set it on Bitget/, 'Update and send again', false],
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
    if (wiped) expect(alert).toHaveTextContent('deleted its copy of these keys from this browser');
    expect(screen.getAllByRole('button', { name: action })).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /^Send to/ })).not.toBeInTheDocument();
  });

  it('failed (invalid_passphrase): one field and one button, which updates and sends again', async () => {
    vi.mocked(sendSecret).mockResolvedValue({
      type: 'capture:result',
      status: 'stored',
      message: 'Passphrase updated.',
    });
    renderWith(view({ capture: CONFIRMED, run: failed('invalid_passphrase') }));
    expect(screen.getAllByLabelText('New Passphrase')).toHaveLength(1);
    expect(screen.getAllByText(/Re-enter it exactly/)).toHaveLength(1);
    const u = user();
    await u.type(screen.getByLabelText('New Passphrase'), 'Corrected2024');
    await u.click(screen.getByRole('button', { name: 'Update and send again' }));
    expect(sendSecret).toHaveBeenCalledWith({ type: 'passphrase', passphrase: 'Corrected2024' });
    expect(request).toHaveBeenCalledWith('capture:send', {});
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

  it('expired: says the keys were deleted from this browser, and one button recovers', () => {
    renderWith(view({ run: { phase: 'expired', at: NOW } }));
    expect(screen.getByRole('heading', { name: 'The captured keys expired' })).toBeInTheDocument();
    expect(screen.getByText(/deleted them from this browser 15 minutes after capture/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create a new key on Bitget' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Connect Bitget' })).not.toBeInTheDocument();
  });

  it('shows a command refused by the background as a sentence', async () => {
    vi.mocked(request).mockImplementation(async (type) =>
      type === 'ping'
        ? { ok: true, value: { version: '1.2.3', sender: 'extension-page' } }
        : { ok: false, error: { code: 'not_confirmed', message: 'First confirm that you saved the Passphrase.' } },
    );
    renderWith(view({ capture: CAPTURE }));
    await user().click(screen.getByRole('button', { name: 'Discard keys…' }));
    await user().click(screen.getByRole('button', { name: 'Discard' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('First confirm that you saved the Passphrase.');
  });
});

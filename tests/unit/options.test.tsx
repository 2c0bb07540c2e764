/**
 * Every state of the options page's "Mantix account" section. Storage is
 * fakeBrowser's (the background's writes are simulated by setting items);
 * the messaging layer is mocked.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { Options } from '@/components/options/Options';
import { TEST_INGEST_PINS } from '@/utils/build-config';
import { type LinkFlow, linkFlowItem, linkItem } from '@/utils/link/items';
import type { MessageType, RequestOf, ResponseOf, Result } from '@/utils/protocol';

vi.mock('@/utils/messaging', () => ({ request: vi.fn() }));
const { request } = await import('@/utils/messaging');

type Answers = { [K in MessageType]?: (data: RequestOf<K>) => Result<ResponseOf<K>> };

/** Answers each message type with the given function (ping always answers). */
function answer(answers: Answers) {
  vi.mocked(request).mockImplementation(async (type, data) => {
    if (type === 'ping') return { ok: true, value: { version: '0.1.0', sender: 'extension-page' } };
    const handler = answers[type] as ((data: unknown) => Result<unknown>) | undefined;
    if (!handler) throw new Error(`unexpected message ${type}`);
    return handler(data) as never;
  });
}

const LINK = {
  accountId: 'acc_demo_0001',
  displayName: 'Demo Trader',
  email: 'demo@mantix.test',
  linkedAt: '2025-01-02T03:04:05.000Z',
};
const PENDING: LinkFlow = {
  state: 'pending',
  userCode: 'BCDF-GHJK',
  verificationUriComplete: 'http://127.0.0.1:8787/device?user_code=BCDF-GHJK',
  expiresAt: Date.now() + 125_000,
};
const IPS = { ips: ['203.0.113.10', '198.51.100.7'], updatedAt: '2025-01-02T03:04:05.000Z' };

async function renderOptions() {
  render(<Options />);
  return screen.findByRole('heading', { name: 'Mantix account', level: 2 });
}

const section = () => screen.getByRole('region', { name: 'Mantix account' });

describe('options page, not linked', () => {
  it('offers to link, then shows the code, opens Mantix and counts down', async () => {
    const tabs = vi.spyOn(browser.tabs, 'create');
    answer({ 'link:start': () => ({ ok: true, value: PENDING as Extract<LinkFlow, { state: 'pending' }> }) });
    await renderOptions();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Link Mantix account' }));
    expect(request).toHaveBeenCalledWith('link:start', {});
    expect(await screen.findByLabelText('Your code')).toHaveValue('BCDF-GHJK');
    expect(tabs).toHaveBeenCalledWith({ url: PENDING.verificationUriComplete });
    expect(screen.getByRole('timer')).toHaveTextContent(/The code expires in 2:0[45]/);
    expect(screen.getByRole('heading', { name: 'Approve in Mantix' })).toBeInTheDocument();
  });

  it('copies the code', async () => {
    await linkFlowItem.setValue(PENDING);
    answer({});
    await renderOptions();
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    await user.click(await screen.findByRole('button', { name: 'Copy code' }));
    expect(writeText).toHaveBeenCalledWith('BCDF-GHJK');
    expect(await screen.findByText('Copied')).toBeInTheDocument();
  });

  it('follows the background: from pending to linked', async () => {
    await linkFlowItem.setValue(PENDING);
    answer({ 'serverIps:get': () => ({ ok: true, value: IPS }) });
    await renderOptions();
    expect(await screen.findByLabelText('Your code')).toHaveValue('BCDF-GHJK');
    await act(async () => {
      await linkItem.setValue(LINK);
      await linkFlowItem.setValue({ state: 'idle' });
    });
    expect(await screen.findByText('Demo Trader')).toBeInTheDocument();
  });

  it('cancels a pending link', async () => {
    await linkFlowItem.setValue(PENDING);
    answer({ 'link:cancel': () => ({ ok: true, value: { cancelled: true } }) });
    await renderOptions();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('button', { name: 'Link Mantix account' })).toBeInTheDocument();
  });

  const ends: [string, LinkFlow, RegExp, string][] = [
    ['denied', { state: 'denied' }, /^Linking was declined in Mantix\.$/, 'Try again'],
    ['expired', { state: 'expired' }, /^The code expired — start again\.$/, 'Start again'],
    [
      'unreachable',
      {
        state: 'error',
        error: {
          code: 'unreachable',
          message: 'Mantix could not be reached. Check your internet connection and try again.',
          detail: 'TypeError: fetch failed',
        },
      },
      /^Mantix could not be reached/,
      'Try again',
    ],
    [
      'unexpected answer',
      {
        state: 'error',
        error: {
          code: 'unexpected_answer',
          message: 'Mantix sent an unexpected answer. Try again later; if it keeps happening, contact Mantix support.',
          detail: 'HTTP 200 · device_code: expected string',
        },
      },
      /^Mantix sent an unexpected answer/,
      'Try again',
    ],
  ];
  for (const [name, flow, sentence, retry] of ends) {
    it(`says it in a sentence with a retry when ${name}`, async () => {
      await linkFlowItem.setValue(flow);
      answer({ 'link:start': () => ({ ok: true, value: PENDING as Extract<LinkFlow, { state: 'pending' }> }) });
      await renderOptions();
      const alert = await within(section()).findByRole('alert');
      expect(alert.querySelector('p')).toHaveTextContent(sentence);
      if (flow.state === 'error') {
        // Technical detail only behind the "Details" disclosure.
        expect(within(alert).getByText('Details').closest('details')).not.toHaveAttribute('open');
      }
      const user = userEvent.setup();
      await user.click(within(alert).getByRole('button', { name: retry }));
      expect(request).toHaveBeenCalledWith('link:start', {});
      expect(await screen.findByLabelText('Your code')).toHaveValue('BCDF-GHJK');
    });
  }

  it('shows the error when the background cannot be reached', async () => {
    answer({
      'link:start': () => ({
        ok: false,
        error: { code: 'background_unreachable', message: 'Mantix Connect could not reach its background service.' },
      }),
    });
    await renderOptions();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Link Mantix account' }));
    expect(await within(section()).findByRole('alert')).toHaveTextContent('could not reach its background service');
  });

  it('is keyboard operable', async () => {
    answer({ 'link:start': () => ({ ok: true, value: PENDING as Extract<LinkFlow, { state: 'pending' }> }) });
    await renderOptions();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: 'Link Mantix account' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByLabelText('Your code')).toHaveValue('BCDF-GHJK');
  });
});

describe('options page, linked', () => {
  beforeEach(async () => {
    await linkItem.setValue(LINK);
  });

  it('shows the account, the server IPs with copy, and the trusted key fingerprints', async () => {
    answer({ 'serverIps:get': () => ({ ok: true, value: IPS }) });
    await renderOptions();
    expect(await screen.findByText('Demo Trader')).toBeInTheDocument();
    expect(screen.getByText('demo@mantix.test')).toBeInTheDocument();
    // Ids and fingerprints only under "About Mantix Connect".
    expect(screen.getByText('acc_demo_0001').closest('details')).toHaveTextContent('About Mantix Connect');
    const next = screen.getByRole('region', { name: 'Next: create your key on Bitget' });
    const create = vi.spyOn(browser.tabs, 'create');
    await userEvent.setup().click(within(next).getByRole('button', { name: 'Create your key on Bitget' }));
    expect(create).toHaveBeenCalledWith({ url: 'https://www.bitget.com/en/account/newapi' });
    const ips = await screen.findByRole('list', { name: 'Mantix server IPs for Bitget' });
    expect(
      within(ips)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(IPS.ips);
    expect(screen.getByText(/^Updated/).querySelector('time')).toHaveAttribute('datetime', IPS.updatedAt);
    const pins = screen.getByRole('list', { name: 'Trusted encryption keys' });
    expect(pins.closest('details')).toHaveTextContent('About Mantix Connect');
    expect(
      within(pins)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([...TEST_INGEST_PINS]);

    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Copy IP addresses' }));
    expect(writeText).toHaveBeenCalledWith('203.0.113.10,198.51.100.7');
  });

  it('says why the IPs cannot be shown, with a retry', async () => {
    let calls = 0;
    answer({
      'serverIps:get': () =>
        ++calls === 1
          ? {
              ok: false,
              error: {
                code: 'bad_server_ips',
                message: 'Mantix sent a list of server IP addresses that cannot be used, so nothing was filled in.',
                detail: '10.0.0.1 is private',
              },
            }
          : { ok: true, value: IPS },
    });
    await renderOptions();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('cannot be used');
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Mantix server IPs for Bitget' })).toBeInTheDocument();
  });

  it('unlinks', async () => {
    answer({
      'serverIps:get': () => ({ ok: true, value: IPS }),
      'link:unlink': () => ({ ok: true, value: { revokedAtServer: true } }),
    });
    await renderOptions();
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Unlink' }));
    expect(request).not.toHaveBeenCalledWith('link:unlink', {});
    expect(screen.getByText(/^Unlink this browser from Demo Trader\?/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Yes, unlink' }));
    expect(await screen.findByRole('button', { name: 'Link Mantix account' })).toBeInTheDocument();
    expect(screen.getByText(/^Unlinked\./)).toBeInTheDocument();
  });

  it('says so when it could unlink only on this computer', async () => {
    answer({
      'serverIps:get': () => ({ ok: true, value: IPS }),
      'link:unlink': () => ({
        ok: true,
        value: {
          revokedAtServer: false,
          notice: 'Unlinked on this computer. Mantix could not be reached to end the link on its side.',
          detail: 'HTTP 503',
        },
      }),
    });
    await renderOptions();
    const u = userEvent.setup();
    await u.click(await screen.findByRole('button', { name: 'Unlink' }));
    expect(request).not.toHaveBeenCalledWith('link:unlink', {});
    expect(screen.getByText(/^Unlink this browser from Demo Trader\?/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Yes, unlink' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Unlinked on this computer/);
    expect(screen.getByRole('button', { name: 'Link Mantix account' })).toBeInTheDocument();
  });
});

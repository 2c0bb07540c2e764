/**
 * Issue 16 §1: once the keys are captured, the panel's primary action asks
 * the background to open the popup; where the browser refuses, the panel
 * shows how to open and pin the toolbar icon, with a picture.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GuideContext } from '@/components/overlay/context';
import type { GuideActions } from '@/components/overlay/controller';
import { GuidePanel } from '@/components/overlay/GuidePanel';
import { createGuideStore, type GuideState } from '@/components/overlay/store';

vi.mock('@/utils/page-protocol', () => ({ pageRequest: vi.fn() }));
const { pageRequest: request } = await import('@/utils/page-protocol');

function renderResult(capture: GuideState['capture']) {
  const store = createGuideStore({ page: 'result', resultKeyType: 'system', capture });
  const actions = new Proxy({}, { get: () => vi.fn() }) as GuideActions;
  render(
    <GuideContext.Provider value={{ store, actions }}>
      <GuidePanel />
    </GuideContext.Provider>,
  );
}

beforeEach(() => vi.mocked(request).mockReset());

describe('"Send to Mantix…" in the panel', () => {
  it('appears only once the keys are captured', () => {
    renderResult({ state: 'sending', message: 'Sending…' });
    expect(screen.queryByRole('button', { name: 'Send to Mantix…' })).not.toBeInTheDocument();
  });

  it('asks the background to open the popup, and says nothing more when it opened', async () => {
    vi.mocked(request).mockResolvedValue({ ok: true, value: { opened: true } });
    renderResult({ state: 'done', message: 'Keys captured — open Mantix Connect to send them.' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Send to Mantix…' }));
    expect(request).toHaveBeenCalledWith('popup:open', {});
    expect(screen.queryByText(/puzzle-piece/)).not.toBeInTheDocument();
  });

  it.each([
    ['the browser refuses', { ok: true, value: { opened: false } }],
    ['the background cannot be reached', { ok: false, error: { code: 'background_unreachable', message: 'x' } }],
  ])('when %s: how to open and pin the icon, with a picture', async (_case, answer) => {
    vi.mocked(request).mockResolvedValue(answer as never);
    renderResult({ state: 'done', message: 'Keys captured — open Mantix Connect to send them.' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Send to Mantix…' }));
    expect(await screen.findByText(/Click the puzzle-piece icon in the toolbar/)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /puzzle-piece icon opens the list of extensions/ })).toBeInTheDocument();
  });
});

import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Popup } from '@/components/popup/Popup';
import { useBackgroundStore } from '@/components/shared/background-store';

vi.mock('@/utils/messaging', () => ({ request: vi.fn() }));
const { request } = await import('@/utils/messaging');

describe('Popup', () => {
  it('shows that the extension is ready when the background answers', async () => {
    useBackgroundStore.setState({ status: 'unknown' });
    vi.mocked(request).mockResolvedValue({ ok: true, value: { version: '1.2.3', sender: 'extension-page' } });
    render(<Popup />);
    expect(screen.getByRole('heading', { name: 'Mantix Connect' })).toBeInTheDocument();
    expect(await screen.findByText('Extension ready · v1.2.3')).toBeInTheDocument();
  });

  it('says so in a sentence when the background cannot be reached', async () => {
    useBackgroundStore.setState({ status: 'unknown' });
    vi.mocked(request).mockResolvedValue({
      ok: false,
      error: { code: 'background_unreachable', message: 'Mantix Connect could not reach its background service.' },
    });
    render(<Popup />);
    expect(await screen.findByRole('alert')).toHaveTextContent('could not reach its background service');
  });
});

import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HostAccessNotice } from '@/components/shared/HostAccessNotice';
import { missingOrigins, requiredOrigins } from '@/utils/host-access';

/** A browser that has granted `granted` and answers a request with `answer` (granting on yes). */
function permissions(granted: Set<string>, answer = true) {
  const request = vi.fn(({ origins }: { origins: string[] }) => {
    if (answer) for (const origin of origins) granted.add(origin);
    return Promise.resolve(answer);
  });
  fakeBrowser.permissions.contains = (({ origins }: { origins: string[] }) =>
    Promise.resolve(origins.every((o) => granted.has(o)))) as typeof fakeBrowser.permissions.contains;
  fakeBrowser.permissions.request = request as unknown as typeof fakeBrowser.permissions.request;
  return request;
}

describe('host access (Firefox lets the user withdraw the sites)', () => {
  it('needs exactly Bitget and the Mantix API of the build', async () => {
    const [bitget, api] = requiredOrigins();
    expect(bitget).toBe('https://www.bitget.com/*');
    expect(api).toMatch(/^https?:\/\/[^/]+\/\*$/);
    permissions(new Set([bitget ?? '']));
    expect(await missingOrigins()).toEqual([api]);
  });

  it('shows nothing when all are granted', async () => {
    permissions(new Set(requiredOrigins()));
    const { container } = render(<HostAccessNotice />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container).toBeEmptyDOMElement();
  });

  it('says what is missing and asks for exactly the missing origins; goes away when granted', async () => {
    const [bitget, api] = requiredOrigins();
    const request = permissions(new Set([bitget ?? '']));
    render(<HostAccessNotice />);
    const notice = await screen.findByRole('region', { name: 'Allow Mantix Connect on Bitget and Mantix' });
    expect(notice).toHaveTextContent('the guide does not appear');
    await userEvent.click(screen.getByRole('button', { name: 'Allow access' }));
    expect(request).toHaveBeenCalledWith({ origins: [api] });
    await vi.waitFor(() => expect(screen.queryByRole('region')).toBeNull());
  });

  it('says so when the user declines, and keeps the button', async () => {
    permissions(new Set(), false);
    render(<HostAccessNotice />);
    await userEvent.click(await screen.findByRole('button', { name: 'Allow access' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Access was not given.');
    expect(screen.getByRole('button', { name: 'Allow access' })).toBeEnabled();
  });
});

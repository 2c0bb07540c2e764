import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StorageNotice } from '@/components/shared/StorageNotice';
import { withStore } from '@/utils/idb';
import { linkItem } from '@/utils/link/items';
import { PROTECTED_DB, settingsItem, storageResetsItem } from '@/utils/storage';

describe('a corrupt stored item', () => {
  it('is reset, and the user is told in a sentence, once, until dismissed', async () => {
    await fakeBrowser.storage.local.set({ settings: { captureTtlMinutes: 'forever' } });
    await withStore(PROTECTED_DB, 'readwrite', (store) => store.put({ accountId: 42 }, 'link'));
    expect(await settingsItem.getValue()).toEqual({ captureTtlMinutes: 15 });
    expect(await linkItem.getValue()).toBeNull();
    render(<StorageNotice />);
    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent('could not be read and was reset');
    expect(notice).toHaveTextContent('your settings');
    expect(notice).toHaveTextContent('your Mantix account link');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(await storageResetsItem.getValue()).toEqual([]);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

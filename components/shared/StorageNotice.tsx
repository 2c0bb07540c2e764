import { useEffect, useState } from 'react';
import type * as z from 'zod/mini';
import { formatList, t } from '@/utils/i18n';
import { type StorageResets, storageResetsItem } from '@/utils/storage';

type Resets = z.infer<typeof StorageResets>;

function itemName(key: string): string {
  if (key === 'idb:link' || key === 'idb:mantixTokens') return t('storageReset_link');
  if (key === 'local:settings') return t('storageReset_settings');
  return t('storageReset_other');
}

/** Says, once, that stored data could not be read and was reset (instead of a crash). */
export function StorageNotice() {
  const [resets, setResets] = useState<Resets>([]);
  useEffect(() => {
    void storageResetsItem.getValue().then(setResets);
    return storageResetsItem.watch(setResets);
  }, []);
  if (resets.length === 0) return null;
  const items = formatList([...new Set(resets.map((reset) => itemName(reset.key)))]);
  return (
    <div role="status" className="notice">
      <p>{t('storageReset_message', items)}</p>
      <details>
        <summary>{t('common_details')}</summary>
        <code>{resets.map((reset) => `${reset.key}: ${reset.issue}`).join('\n')}</code>
      </details>
      <button type="button" className="secondary" onClick={() => void storageResetsItem.setValue([])}>
        {t('storageReset_dismiss')}
      </button>
    </div>
  );
}

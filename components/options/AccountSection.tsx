import { useEffect } from 'react';
import { t } from '@/utils/i18n';
import { LinkedView } from './LinkedView';
import { LinkingView } from './LinkingView';
import { useLinkStore } from './link-store';

/** The "Mantix account" section: linked or not, as the background stored it. */
export function AccountSection() {
  const hydrate = useLinkStore((s) => s.hydrate);
  const hydrated = useLinkStore((s) => s.hydrated);
  const link = useLinkStore((s) => s.link);
  useEffect(() => hydrate(), [hydrate]);
  return (
    <section aria-labelledby="account-heading">
      <h2 id="account-heading">{t('options_accountHeading')}</h2>
      {!hydrated ? <p className="muted">{t('common_loading')}</p> : link ? <LinkedView link={link} /> : <LinkingView />}
    </section>
  );
}

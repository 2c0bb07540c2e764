import type { StoreApi } from 'zustand';
import { config } from '@/utils/config';
import { t } from '@/utils/i18n';
import { About, BackgroundProblem } from '../shared/BackgroundStatus';
import { type BackgroundState, backgroundScope } from '../shared/background-store';
import { HostAccessNotice } from '../shared/HostAccessNotice';
import { StorageNotice } from '../shared/StorageNotice';
import { ScopedProvider } from '../shared/scoped-store';
import { AccountSection } from './AccountSection';
import { type LinkStore, linkScope, useLinkStore } from './link-store';

/** The options page. Its stores live as long as it is mounted (tests may hand theirs in). */
export function Options({
  stores,
}: {
  stores?: { link?: StoreApi<LinkStore>; background?: StoreApi<BackgroundState> };
}) {
  return (
    <ScopedProvider scope={backgroundScope} store={stores?.background}>
      <ScopedProvider scope={linkScope} store={stores?.link}>
        <OptionsScreen />
      </ScopedProvider>
    </ScopedProvider>
  );
}

function OptionsScreen() {
  const link = useLinkStore((s) => s.link);
  const details = [
    ...(link ? [`account: ${link.accountId}`, `linked: ${link.linkedAt}`] : []),
    `api: ${config.apiUrl}`,
    ...config.ingestPins.map((pin) => `ingest key: ${pin}`),
  ];
  return (
    <main className="options">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>{t('extName')}</h1>
      </header>
      <BackgroundProblem />
      <StorageNotice />
      <HostAccessNotice />
      <AccountSection />
      <footer className="footer">
        <About details={details}>
          <p>{t('options_aboutIntro')}</p>
          <dl className="account">
            {link ? (
              <>
                <dt>{t('options_accountId')}</dt>
                <dd>
                  <code>{link.accountId}</code>
                </dd>
              </>
            ) : null}
          </dl>
          <section aria-labelledby="pins-heading">
            <h3 id="pins-heading">{t('options_pinsHeading')}</h3>
            <p>{t('options_pinsIntro')}</p>
            <ul aria-labelledby="pins-heading" className="pins">
              {config.ingestPins.map((pin) => (
                <li key={pin}>
                  <code>{pin}</code>
                </li>
              ))}
            </ul>
          </section>
        </About>
      </footer>
    </main>
  );
}

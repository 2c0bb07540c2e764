import { t } from '@/utils/i18n';
import { BackgroundStatus } from '../shared/BackgroundStatus';
import { StorageNotice } from '../shared/StorageNotice';
import { AccountSection } from './AccountSection';

export function Options() {
  return (
    <main className="options">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>{t('extName')}</h1>
      </header>
      <BackgroundStatus />
      <StorageNotice />
      <AccountSection />
    </main>
  );
}

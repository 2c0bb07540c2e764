import { BackgroundStatus } from '../shared/BackgroundStatus';
import { AccountSection } from './AccountSection';

export function Options() {
  return (
    <main className="options">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>Mantix Connect</h1>
      </header>
      <BackgroundStatus />
      <AccountSection />
    </main>
  );
}

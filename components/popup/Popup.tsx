import { browser } from 'wxt/browser';
import { BackgroundStatus } from '../shared/BackgroundStatus';

export function Popup() {
  return (
    <main className="popup">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>Mantix Connect</h1>
      </header>
      <BackgroundStatus />
      <button type="button" className="secondary" onClick={() => void browser.runtime.openOptionsPage()}>
        Mantix account settings
      </button>
    </main>
  );
}

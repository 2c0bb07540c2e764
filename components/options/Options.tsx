import { BackgroundStatus } from '../shared/BackgroundStatus';

export function Options() {
  return (
    <main className="options">
      <header className="brand">
        <img src="/icon/32.png" alt="" />
        <h1>Mantix Connect</h1>
      </header>
      <BackgroundStatus />
      <section aria-labelledby="account-heading">
        <h2 id="account-heading">Mantix account</h2>
        <p>Link this browser to your Mantix account to send Bitget keys to it.</p>
      </section>
    </main>
  );
}

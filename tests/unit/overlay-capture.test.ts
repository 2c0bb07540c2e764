import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CapturePort, createCaptureSession } from '@/components/overlay/capture';
import type { CaptureView } from '@/components/overlay/store';
import { visibleDialogs } from '@/utils/bitget/adapter';
import { CAPTURE_PORT, type Observed } from '@/utils/protocol';
import { API_KEY, keyList, mount, resultDialog, SECRET } from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const OBSERVED: Observed = {
  account_mode: 'classic',
  permissions: ['coow', 'cpow', 'stow', 'smow'],
  transfer_enabled: false,
  withdraw_enabled: false,
  ip_whitelist: ['203.0.113.10'],
};

class FakePort implements CapturePort {
  readonly sent: unknown[] = [];
  disconnected = false;
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (l: (m: unknown) => void) => void this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  reply(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  drop() {
    for (const l of this.disconnectListeners) l();
  }
}

function session() {
  const ports: { name: string; port: FakePort }[] = [];
  const reports: CaptureView[] = [];
  const capture = createCaptureSession({
    connect: (name) => {
      const port = new FakePort();
      ports.push({ name, port });
      return port;
    },
    report: (view) => reports.push(view),
  });
  return { capture, ports, reports };
}

function resultOnPage(apiKey = API_KEY, secret: string | null = SECRET): Element {
  mount(`${keyList([`bg_${'a'.repeat(32)}`])}${resultDialog(apiKey, secret ?? undefined)}`);
  const [dialog] = visibleDialogs(document);
  if (!dialog) throw new Error('no dialog');
  return dialog;
}

describe('the in-page capture', () => {
  it('sends ONE validated message on the capture port when the result shows', () => {
    const { capture, ports, reports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', note: 'Mantix', observed: OBSERVED });
    const dialog = resultOnPage();
    capture.onResult(dialog);
    capture.onResult(dialog);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.name).toBe(CAPTURE_PORT);
    expect(ports[0]?.port.sent).toEqual([
      {
        type: 'capture',
        apiKey: API_KEY,
        secretKey: SECRET,
        passphrase: 'Mantix2024abc',
        note: 'Mantix',
        observed: OBSERVED,
      },
    ]);
    expect(capture.armed).toBe(false);
    ports[0]?.port.reply({
      type: 'capture:result',
      status: 'stored',
      message: 'Keys captured — open Mantix Connect to send them.',
    });
    expect(reports.at(-1)).toEqual({ state: 'done', message: 'Keys captured — open Mantix Connect to send them.' });
    expect(ports[0]?.port.disconnected).toBe(true);
    // Nothing the panel shows carries a secret.
    expect(JSON.stringify(reports)).not.toMatch(/Mantix2024abc|0123456789abcdef|bg_19aab/);
  });

  it('a port that closes without a reply: a clear message, not a silent failure', () => {
    const { capture, ports, reports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(resultOnPage());
    ports[0]?.port.drop();
    expect(reports.at(-1)?.state).toBe('failed');
    expect(reports.at(-1)?.message).toMatch(/did not answer/);
  });

  it('no reply in time: the same message', () => {
    vi.useFakeTimers();
    const { capture, reports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(resultOnPage());
    vi.advanceTimersByTime(20_000);
    expect(reports.at(-1)?.message).toMatch(/did not answer/);
  });

  it('a refusal from the background is shown as it is', () => {
    const { capture, ports, reports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(resultOnPage());
    ports[0]?.port.reply({
      type: 'capture:result',
      status: 'rejected',
      message: 'Mantix Connect could not read these keys.',
    });
    expect(reports.at(-1)).toEqual({ state: 'failed', message: 'Mantix Connect could not read these keys.' });
  });

  it('no passphrase seen (e.g. after a reload): sends nothing and says so', () => {
    const { capture, ports, reports } = session();
    capture.onResult(resultOnPage());
    expect(ports).toHaveLength(0);
    expect(reports.at(-1)?.message).toMatch(/did not see the passphrase/);
  });

  it('a passphrase against Bitget’s rule: sends nothing, names the field, not its value', () => {
    const { capture, ports, reports } = session();
    capture.arm({ passphrase: 'short', observed: OBSERVED });
    capture.onResult(resultOnPage());
    expect(ports).toHaveLength(0);
    expect(reports.at(-1)?.message).toMatch(/passphrase/);
    expect(reports.at(-1)?.message).not.toMatch(/short/);
  });

  it('a user-generated (RSA) result: nothing to capture', () => {
    const { capture, ports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(resultOnPage(API_KEY, null));
    expect(ports).toHaveLength(0);
  });

  it('forgets an old passphrase', () => {
    let now = 0;
    const ports: FakePort[] = [];
    const capture = createCaptureSession({
      connect: () => {
        const port = new FakePort();
        ports.push(port);
        return port;
      },
      report: () => undefined,
      now: () => now,
      armedForMs: 1000,
    });
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    now = 2000;
    expect(capture.armed).toBe(false);
    capture.onResult(resultOnPage());
    expect(ports).toHaveLength(0);
  });

  it('disarm drops the passphrase', () => {
    const { capture, ports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.disarm();
    capture.onResult(resultOnPage());
    expect(ports).toHaveLength(0);
  });
});

describe('a Secret Key the page gives only through its Copy button', () => {
  function hiddenSecretResult(copyAttribute = ''): Element {
    mount(`
      <div role="dialog" aria-modal="true" aria-labelledby="res-title">
        <div id="res-title">API Key created</div>
        <div><div>API Key</div><div><span>${API_KEY}</span><button type="button">Copy</button></div></div>
        <div><div>Secret Key</div><div><span title="Hidden">••••••••••••••••</span><button type="button"${copyAttribute}>Copy</button></div></div>
      </div>`);
    const [dialog] = visibleDialogs(document);
    if (!dialog) throw new Error('no dialog');
    return dialog;
  }

  it('asks the user to press Copy, then takes the Secret Key from what the page copies', () => {
    const { capture, ports, reports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    const dialog = hiddenSecretResult();
    capture.onResult(dialog);
    capture.onResult(dialog);
    expect(capture.awaitingCopy).toBe(true);
    expect(reports.filter((r) => r.state === 'copy')).toHaveLength(1);
    expect(reports.at(-1)?.message).toMatch(/Press Copy next to the Secret Key/);
    expect(ports).toHaveLength(0);
    // The API Key, a passphrase, a short hex string: not a Secret Key.
    for (const copied of [API_KEY, 'Mantix2024abc', 'abc123', `${SECRET} and more`]) capture.onCopied(copied);
    expect(ports).toHaveLength(0);
    capture.onCopied(`  ${SECRET}\n`);
    capture.onCopied(SECRET);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.port.sent).toEqual([
      { type: 'capture', apiKey: API_KEY, secretKey: SECRET, passphrase: 'Mantix2024abc', observed: OBSERVED },
    ]);
    expect(capture.awaitingCopy).toBe(false);
    expect(capture.armed).toBe(false);
  });

  it('a Secret Key kept in the Copy button’s data attribute is read without a press', () => {
    const { capture, ports } = session();
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(hiddenSecretResult(` data-clipboard-text="${SECRET}"`));
    expect(capture.awaitingCopy).toBe(false);
    expect(ports[0]?.port.sent).toMatchObject([{ apiKey: API_KEY, secretKey: SECRET }]);
  });

  it('without a passphrase seen, or once disarmed, nothing waits for a copy', () => {
    const { capture, ports } = session();
    capture.onResult(hiddenSecretResult());
    expect(capture.awaitingCopy).toBe(false);
    capture.arm({ passphrase: 'Mantix2024abc', observed: OBSERVED });
    capture.onResult(hiddenSecretResult());
    expect(capture.awaitingCopy).toBe(true);
    capture.disarm();
    expect(capture.awaitingCopy).toBe(false);
    capture.onCopied(SECRET);
    expect(ports).toHaveLength(0);
  });
});

/**
 * The background's composition root (issue 15 §2): `startBackground()` is
 * built from the services it is handed (fakes here), answers through them,
 * and `destroy()` removes every listener and handler it added, so a second
 * background can start in the same context.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type BackgroundServices, startBackground } from '@/utils/background';
import { createLinkService } from '@/utils/background/link';
import { HandoffApiError } from '@/utils/handoff/errors';
import { MantixClient, memoryKeyStore } from '@/utils/mantix';
import { mantixTokensItem } from '@/utils/mantix/items';

type Listener = (...args: never[]) => unknown;
type RootListener = (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => unknown;

/** A browser event that records its listeners. */
function recordingEvent() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListener: (listener: Listener) => listeners.has(listener),
  };
}

const events = {
  onMessage: recordingEvent(),
  onConnect: recordingEvent(),
  onAlarm: recordingEvent(),
  onRemoved: recordingEvent(),
};

/** The services of a test: nothing reaches a network. */
function fakeServices(): BackgroundServices & { serverIps: ReturnType<typeof vi.fn> } {
  // A client that is never called here (nothing is linked or pending).
  const client = new MantixClient({
    apiUrl: 'http://127.0.0.1:9',
    clientId: 'mantix-extension',
    allowInsecureLoopback: true,
    keyStore: memoryKeyStore(),
    tokens: mantixTokensItem,
  });
  const link = createLinkService({ client });
  const serverIps = vi.fn(async () => ({ ips: ['203.0.113.10'], updatedAt: '2026-12-01T00:00:00Z' }));
  const refused = () =>
    Promise.reject(
      new HandoffApiError({ code: 'not_linked', info: { code: 'not_linked', message: 'x' }, retryable: false }),
    );
  return {
    link: { ...link, serverIps },
    handoff: { pinnedIngestKey: refused, createConnection: refused, connection: refused },
    serverIps,
  };
}

/** One message in the wire format, from this extension's options page. */
function send(type: string, data: unknown = {}): Promise<unknown> {
  const url = fakeBrowser.runtime.getURL('/options.html');
  const sender = { id: fakeBrowser.runtime.id, url, origin: new URL(url).origin };
  return new Promise((resolve) => {
    let open = false;
    for (const listener of events.onMessage.listeners as Set<RootListener>) {
      if (listener({ id: 1, type, data, timestamp: Date.now() }, sender, resolve) === true) open = true;
    }
    if (!open) setTimeout(() => resolve(undefined), 0);
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser.runtime, { onMessage: events.onMessage, onConnect: events.onConnect });
  Object.assign(fakeBrowser.alarms, { onAlarm: events.onAlarm });
  Object.assign(fakeBrowser.tabs, { onRemoved: events.onRemoved });
  // Not in fakeBrowser: the background restricts both storage areas to trusted contexts on start.
  for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.session]) {
    Object.assign(area, { setAccessLevel: async () => undefined });
  }
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Mantix Connect', version: '0.0.0-test' });
});

describe('startBackground', () => {
  it('answers through the services it was given', async () => {
    const services = fakeServices();
    const background = startBackground(services);
    try {
      expect(await send('ping')).toEqual({
        res: { ok: true, value: { version: '0.0.0-test', sender: 'extension-page' } },
      });
      // Not linked: the fake service is asked all the same (the throttle is per tab; pages have none).
      expect(await send('serverIps:get')).toMatchObject({ res: { ok: true, value: { ips: ['203.0.113.10'] } } });
      expect(services.serverIps).toHaveBeenCalledTimes(1);
    } finally {
      background.destroy();
    }
  });

  it('destroy() removes every listener and handler it added; a second background starts cleanly', async () => {
    const background = startBackground(fakeServices());
    for (const event of Object.values(events)) expect(event.listeners.size).toBeGreaterThan(0);
    background.destroy();
    for (const [name, event] of Object.entries(events)) expect(event.listeners.size, name).toBe(0);
    expect(await send('ping')).toBeUndefined();

    const again = startBackground(fakeServices());
    try {
      expect(await send('ping')).toMatchObject({ res: { ok: true } });
    } finally {
      again.destroy();
    }
  });
});

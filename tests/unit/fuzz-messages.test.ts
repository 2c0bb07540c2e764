/**
 * Fuzzing the background's message handlers (issue 7), at unit level: the
 * real root listener (utils/messaging.ts) and the real `handle()` of
 * every message type, registered by `startBackground()` on WXT's
 * fakeBrowser, receive thousands of generated malformed payloads in the
 * wire format `{id, type, data, timestamp}`. Every one must be
 * answered with an error result, nothing may be stored, and the next valid
 * `ping` must still work. The capture port gets the same treatment, and
 * forged senders are refused before any payload is read.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Background, productionServices, startBackground } from '@/utils/background';
import { BITGET_API_PAGE_URL } from '@/utils/bitget/route';
import { CAPTURE_PORT, type CaptureReply, POPUP_SECRET_PORT, protocol } from '@/utils/protocol';
import { classifySender } from '@/utils/sender';
import { FUZZ_PER_TYPE, fuzzCaptures, fuzzPayloads, fuzzTypes, REQUEST_FIELDS, VALID_CAPTURE } from './fuzz-payloads';

type RootListener = (
  message: unknown,
  sender: Browser.runtime.MessageSender,
  sendResponse: (r: unknown) => void,
) => unknown;
type ConnectListener = (port: Browser.runtime.Port) => void;

const roots: RootListener[] = [];
let onConnect: ConnectListener | undefined;

const extensionPage = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/popup.html'),
  origin: new URL(fakeBrowser.runtime.getURL('/')).origin,
});
const bitgetTop = (frameId = 0, url = BITGET_API_PAGE_URL): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url,
  origin: new URL(url).origin,
  tab: { id: 11 } as Browser.tabs.Tab,
  frameId,
});

/**
 * Sends one raw message to every runtime.onMessage listener, in order, like
 * Chrome: the first answer wins; `undefined` = no answer at all.
 */
function send(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
  if (roots.length === 0) throw new Error('no root listener');
  return new Promise((resolve) => {
    let answered = false;
    let open = false;
    const sendResponse = (response: unknown) => {
      if (answered) return;
      answered = true;
      resolve(response);
    };
    for (const listener of roots) if (listener(message, sender, sendResponse) === true) open = true;
    if (!open && !answered) resolve(undefined);
  });
}

let seq = 0;
const wire = (type: unknown, data: unknown) => ({ id: seq++, type, data, timestamp: Date.now() });

async function storageSnapshot(): Promise<string> {
  return JSON.stringify([await fakeBrowser.storage.local.get(), await fakeBrowser.storage.session.get()]);
}

interface FakePort {
  port: Browser.runtime.Port;
  /** The reply posted on the port, or `disconnected` when the port was closed without one. */
  outcome: Promise<CaptureReply | 'disconnected'>;
  deliver(message: unknown): void;
  listening(): boolean;
}

function fakePort(name: string, sender: Browser.runtime.MessageSender): FakePort {
  const listeners = new Set<(message: unknown) => void>();
  let settle: (value: CaptureReply | 'disconnected') => void = () => undefined;
  const outcome = new Promise<CaptureReply | 'disconnected'>((resolve) => {
    settle = resolve;
  });
  const port = {
    name,
    sender,
    onMessage: {
      addListener: (l: (m: unknown) => void) => listeners.add(l),
      removeListener: (l: (m: unknown) => void) => listeners.delete(l),
    },
    onDisconnect: { addListener: () => undefined, removeListener: () => undefined },
    postMessage: (reply: CaptureReply) => settle(reply),
    disconnect: () => settle('disconnected'),
  } as unknown as Browser.runtime.Port;
  return {
    port,
    outcome,
    deliver: (message) => {
      for (const listener of [...listeners]) listener(message);
    },
    listening: () => listeners.size > 0,
  };
}

let background: Background | undefined;
const stats = { messages: 0, unknownTypes: 0, portMessages: 0, forgedSenders: 0 };

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  // One runtime.onMessage event, as in Chrome: the first answer wins.
  const onMessage = {
    addListener: (listener: RootListener) => void roots.push(listener),
    removeListener: (listener: RootListener) => void roots.splice(roots.indexOf(listener) >>> 0, 1),
    hasListener: (listener: RootListener) => roots.includes(listener),
  };
  Object.assign(fakeBrowser.runtime, { onMessage });
  Object.assign(fakeBrowser.runtime, {
    onConnect: {
      addListener: (listener: ConnectListener) => {
        onConnect = listener;
      },
      removeListener: () => undefined,
      hasListener: () => true,
    },
  });
  // ping reports the manifest's version (not mocked by fakeBrowser).
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Mantix Connect', version: '0.0.0-test' });
  // The background of the build, made by the same function as in the service worker.
  background = startBackground(productionServices());
  // The background answers a valid ping once it has started.
  await expect(send(wire('ping', {}), extensionPage())).resolves.toMatchObject({ res: { ok: true } });
});

afterAll(() => {
  background?.destroy();
  vi.unstubAllGlobals();
  console.log(
    `fuzz-messages: ${stats.messages} malformed messages over ${fuzzTypes().length} types, ${stats.unknownTypes} unknown types, ${stats.portMessages} malformed captures on the port, ${stats.forgedSenders} forged senders — all refused`,
  );
});

describe('fuzzing every message type through the real handler', () => {
  it('the fuzz table covers every message type of the protocol', () => {
    expect(fuzzTypes().sort()).toEqual(Object.keys(protocol).sort());
    for (const type of fuzzTypes()) {
      const shape = (protocol[type].request as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape).sort(), type).toEqual([...REQUEST_FIELDS[type]].sort());
    }
  });

  for (const type of fuzzTypes()) {
    it(`${type}: ${FUZZ_PER_TYPE} malformed payloads are all refused, nothing is stored, ping still works`, async () => {
      const before = await storageSnapshot();
      const payloads = fuzzPayloads(type, FUZZ_PER_TYPE, { hugeEvery: 200 });
      expect(payloads.length).toBeGreaterThanOrEqual(1000);
      for (const [index, data] of payloads.entries()) {
        const sender = index % 2 === 0 ? extensionPage() : bitgetTop();
        const answer = (await send(wire(type, data), sender)) as { res?: { ok: boolean; error?: { code: string } } };
        if (answer?.res?.ok !== false) {
          throw new Error(
            `payload #${index} of ${type} was not refused: ${JSON.stringify(data)?.slice(0, 300)} → ${JSON.stringify(answer)?.slice(0, 300)}`,
          );
        }
        expect(['bad_request', 'forbidden']).toContain(answer.res.error?.code);
        stats.messages++;
      }
      expect(await storageSnapshot()).toBe(before);
      await expect(send(wire('ping', {}), extensionPage())).resolves.toMatchObject({
        res: { ok: true, value: { sender: 'extension-page' } },
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('message types outside the protocol get no answer (incl. __proto__ and constructor)', async () => {
    const before = await storageSnapshot();
    const types = [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'isPrototypeOf',
      'propertyIsEnumerable',
      'toLocaleString',
      'PING',
      'ping ',
      'capture',
      'capture:store',
      'link:token',
      '',
      'x'.repeat(100_000),
    ];
    for (const type of types) {
      for (const data of [{}, undefined, { polluted: true }]) {
        const answer = await send(wire(type, data), extensionPage());
        // Unknown types must not reach Object.prototype: an error result, never an echo or a TypeError.
        expect(answer, `type ${type.slice(0, 40)}`).toEqual({
          res: { ok: false, error: expect.objectContaining({ code: 'unknown_message' }) },
        });
        stats.unknownTypes++;
      }
    }
    for (const message of [
      null,
      0,
      'ping',
      [],
      { type: 'ping' },
      { type: 'ping', timestamp: '1' },
      { type: 42, timestamp: 1 },
    ]) {
      expect(await send(message, extensionPage())).toBeUndefined();
      stats.unknownTypes++;
    }
    expect(await storageSnapshot()).toBe(before);
    await expect(send(wire('ping', {}), extensionPage())).resolves.toMatchObject({ res: { ok: true } });
  });
});

describe('the capture port', () => {
  it(`${FUZZ_PER_TYPE} malformed captures from the Bitget top frame are all rejected, nothing stored`, async () => {
    const before = await storageSnapshot();
    const captures = fuzzCaptures(FUZZ_PER_TYPE, { hugeEvery: 200 });
    expect(captures.length).toBeGreaterThanOrEqual(1000);
    for (const [index, capture] of captures.entries()) {
      const { port, outcome, deliver } = fakePort(CAPTURE_PORT, bitgetTop());
      onConnect?.(port);
      deliver(capture);
      const reply = await outcome;
      if (reply === 'disconnected' || reply.status !== 'rejected') {
        throw new Error(
          `capture #${index} was not rejected: ${JSON.stringify(capture)?.slice(0, 300)} → ${JSON.stringify(reply)}`,
        );
      }
      stats.portMessages++;
    }
    expect(await storageSnapshot()).toBe(before);
  });

  const forged: [string, Browser.runtime.MessageSender][] = [
    ['a Bitget sub-frame', bitgetTop(5)],
    [
      'an iframe of another origin inside Bitget',
      { ...bitgetTop(3, 'https://ads.example.test/frame'), origin: 'https://ads.example.test' },
    ],
    ['a look-alike host', bitgetTop(0, 'https://www.bitget.com.evil.test/en/account/newapi')],
    ['a look-alike host (punycode)', bitgetTop(0, 'https://www.xn--bitgt-fsa.com/en/account/newapi')],
    ['Bitget over plain http', bitgetTop(0, 'http://www.bitget.com/en/account/newapi')],
    ['a Bitget page that is not the API page', bitgetTop(0, 'https://www.bitget.com/en/spot/BTCUSDT')],
    ['an extension page of ours (the popup: not a content script)', extensionPage()],
    [
      'another extension',
      {
        ...extensionPage(),
        id: 'another-extension-id',
        url: 'chrome-extension://another-extension-id/popup.html',
        origin: 'chrome-extension://another-extension-id',
      },
    ],
    ['another extension claiming a Bitget tab', { ...bitgetTop(), id: 'another-extension-id' }],
    ['a sender with no id', { ...bitgetTop(), id: undefined }],
    ['a sender with no tab', { ...bitgetTop(), tab: undefined }],
    ['a sender whose origin disagrees with its url', { ...bitgetTop(), origin: 'https://evil.example.test' }],
  ];

  it.each(forged)('a valid capture from %s is refused before it is read, nothing stored', async (_name, sender) => {
    const before = await storageSnapshot();
    const { port, outcome, deliver, listening } = fakePort(CAPTURE_PORT, sender);
    onConnect?.(port);
    expect(listening()).toBe(false);
    deliver(VALID_CAPTURE);
    await expect(outcome).resolves.toBe('disconnected');
    expect(await storageSnapshot()).toBe(before);
    stats.forgedSenders++;
  });

  it.each(forged.filter(([name]) => !name.includes('extension page of ours')))(
    'the popup secret port and every message type refuse %s too',
    async (_name, sender) => {
      const { port, outcome, listening } = fakePort(POPUP_SECRET_PORT, sender);
      onConnect?.(port);
      expect(listening()).toBe(false);
      await expect(outcome).resolves.toBe('disconnected');
      for (const type of fuzzTypes()) {
        const valid =
          type === 'capture:replace'
            ? { replace: false }
            : type === 'capture:confirm'
              ? { passphraseSaved: false, secretSaved: false }
              : {};
        const answer = (await send(wire(type, valid), sender)) as { res: { ok: boolean; error?: { code: string } } };
        const senders = protocol[type].senders as readonly string[];
        if (
          classifySender(sender, { id: fakeBrowser.runtime.id, baseUrl: fakeBrowser.runtime.getURL('/') }).ok &&
          senders.includes('bitget-content')
        )
          continue;
        expect(answer.res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
      stats.forgedSenders++;
    },
  );

  it('a valid capture from the Bitget top frame of the API page is still stored (the control)', async () => {
    const { port, outcome, deliver } = fakePort(CAPTURE_PORT, bitgetTop());
    onConnect?.(port);
    deliver(VALID_CAPTURE);
    await expect(outcome).resolves.toMatchObject({ status: 'stored' });
  });
});

describe('the guide panel’s position (a UI preference)', () => {
  it('the Bitget page sets, reads back and resets it; an extension page may not', async () => {
    const answer = (type: string, data: unknown, sender = bitgetTop()) => send(wire(type, data), sender);
    await expect(answer('guidePosition:set', { x: 0.25, y: 1 })).resolves.toEqual({
      res: { ok: true, value: { saved: true } },
    });
    await expect(answer('guidePosition:get', {})).resolves.toEqual({
      res: { ok: true, value: { position: { x: 0.25, y: 1 } } },
    });
    await expect(answer('guidePosition:set', { x: 2, y: 0 })).resolves.toMatchObject({
      res: { ok: false, error: { code: 'bad_request' } },
    });
    await expect(answer('guidePosition:set', { x: 0, y: 0 }, extensionPage())).resolves.toMatchObject({
      res: { ok: false, error: { code: 'forbidden' } },
    });
    await expect(answer('guidePosition:reset', {})).resolves.toMatchObject({ res: { ok: true } });
    await expect(answer('guidePosition:get', {})).resolves.toEqual({ res: { ok: true, value: { position: null } } });
  });
});

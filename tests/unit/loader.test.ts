/**
 * The loader (utils/loader): follows the route without touching the DOM,
 * asks for the guide once on the API key page, hands later route changes to
 * the guide, and stops when the extension's context is gone. The background's
 * side (utils/background/inject.ts): who gets the guide injected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { guideTarget } from '@/utils/background/inject';
import { startLoader } from '@/utils/loader';
import { GUIDE_PORT, type GuideHandle, setCurrentGuide } from '@/utils/loader/handle';
import { FALLBACK_POLL_MS, watchRoute } from '@/utils/loader/route-watch';
import { senderPageUrl } from '@/utils/sender';

const HOME = 'https://www.bitget.com/en/';
const API = 'https://www.bitget.com/en/account/newapi';

class FakeNavigation extends EventTarget {
  change() {
    this.dispatchEvent(new Event('currententrychange'));
  }
}

function setup() {
  const navigation = new FakeNavigation();
  const location = { href: HOME };
  const onDisconnect: (() => void)[] = [];
  const connect = vi.fn((_info: { name: string }) => ({
    onDisconnect: { addListener: (cb: () => void) => onDisconnect.push(cb) },
  }));
  const stop = startLoader({ location, runtime: () => ({ connect }), watch: { window, navigation } });
  const go = (href: string) => {
    location.href = href;
    navigation.change();
  };
  return {
    connect,
    go,
    stop,
    disconnect: () => {
      for (const cb of onDisconnect.splice(0)) cb();
    },
  };
}

function fakeGuide() {
  const guide = { sync: vi.fn<() => void>(), destroy: vi.fn<() => void>(), alive: () => true };
  return guide satisfies GuideHandle;
}

describe('the loader', () => {
  beforeEach(() => {
    (globalThis as { chrome?: unknown }).chrome = { runtime: { id: 'ext-id' } };
  });
  afterEach(() => {
    setCurrentGuide(undefined);
    delete (globalThis as { chrome?: unknown }).chrome;
  });

  it('asks for nothing on other Bitget pages, and once on arrival at the API key page', () => {
    const { connect, go, stop } = setup();
    go('https://www.bitget.com/en/asset');
    expect(connect).not.toHaveBeenCalled();
    go(API);
    go(`${API}?type=create`);
    expect(connect).toHaveBeenCalledTimes(1);
    expect(connect).toHaveBeenCalledWith({ name: GUIDE_PORT });
    stop();
  });

  it('asks again on a later navigation when the background closed the port without a guide', () => {
    const { connect, go, disconnect, stop } = setup();
    go(API);
    disconnect();
    go(`${API}?type=create`);
    expect(connect).toHaveBeenCalledTimes(2);
    stop();
  });

  it('hands every route change to the guide once it runs; same URL twice is one change', () => {
    const { connect, go, stop } = setup();
    const guide = fakeGuide();
    setCurrentGuide(guide);
    go(API);
    go(API);
    go(HOME);
    expect(guide.sync).toHaveBeenCalledTimes(2);
    expect(connect).not.toHaveBeenCalled();
    stop();
  });

  it('ignores what events carry: forged events at the same URL change nothing', () => {
    const { go, stop } = setup();
    const guide = fakeGuide();
    setCurrentGuide(guide);
    go(API);
    window.dispatchEvent(new CustomEvent('wxt:locationchange'));
    document.dispatchEvent(new CustomEvent('ext-id:bitget:wxt:content-script-started', { detail: {} }));
    expect(guide.sync).toHaveBeenCalledTimes(1);
    expect(guide.destroy).not.toHaveBeenCalled();
    stop();
  });

  it('removes the guide and stops once the extension context is gone (reloaded or removed)', () => {
    const { connect, go } = setup();
    const guide = fakeGuide();
    setCurrentGuide(guide);
    (globalThis as { chrome?: unknown }).chrome = { runtime: {} };
    go(API);
    expect(guide.destroy).toHaveBeenCalledTimes(1);
    expect(guide.sync).not.toHaveBeenCalled();
    expect(connect).not.toHaveBeenCalled();
  });
});

describe('watchRoute', () => {
  it('uses the Navigation API where there is one (no timer)', () => {
    const navigation = new FakeNavigation();
    const win = {
      addEventListener: vi.fn(),
      removeEventListener: vi.fn(),
      setInterval: vi.fn(),
      clearInterval: vi.fn(),
    };
    const onChange = vi.fn();
    const stop = watchRoute(onChange, { window: win as unknown as Window, navigation });
    navigation.change();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(win.setInterval).not.toHaveBeenCalled();
    stop();
    navigation.change();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('falls back to popstate, hashchange and a 250 ms check without it (Firefox)', () => {
    vi.useFakeTimers();
    try {
      const onChange = vi.fn();
      const stop = watchRoute(onChange, { window, navigation: undefined });
      window.dispatchEvent(new PopStateEvent('popstate'));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      vi.advanceTimersByTime(FALLBACK_POLL_MS);
      expect(onChange).toHaveBeenCalledTimes(3);
      stop();
      vi.advanceTimersByTime(FALLBACK_POLL_MS * 4);
      window.dispatchEvent(new PopStateEvent('popstate'));
      expect(onChange).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('who gets the guide injected (background)', () => {
  const self = { id: 'ext-id', baseUrl: 'chrome-extension://ext-id/' };
  const sender = (over: Partial<Browser.runtime.MessageSender> & { documentId?: string }) => ({
    id: 'ext-id',
    url: HOME,
    origin: 'https://www.bitget.com',
    frameId: 0,
    tab: { id: 7, url: API } as Browser.tabs.Tab,
    ...over,
  });

  it('the top frame of a Bitget tab now on the API key page (reached in-app), into the asking document', () => {
    expect(guideTarget(sender({ documentId: 'doc-1' }), self)).toEqual({
      ok: true,
      target: { tabId: 7, documentIds: ['doc-1'] },
    });
    expect(guideTarget(sender({}), self)).toEqual({ ok: true, target: { tabId: 7, frameIds: [0] } });
  });

  it('refuses other pages, sub-frames, other origins and other extensions', () => {
    expect(guideTarget(sender({ tab: { id: 7, url: HOME } as Browser.tabs.Tab }), self).ok).toBe(false);
    expect(guideTarget(sender({ frameId: 3, url: API }), self).ok).toBe(false);
    expect(
      guideTarget(
        sender({
          url: 'https://evil.test/',
          origin: 'https://evil.test',
          tab: { id: 7, url: API } as Browser.tabs.Tab,
        }),
        self,
      ).ok,
    ).toBe(false);
    expect(guideTarget(sender({ id: 'other' }), self).ok).toBe(false);
    expect(guideTarget(undefined, self).ok).toBe(false);
  });

  it('senderPageUrl: the tab’s address for the top frame, the frame’s own otherwise', () => {
    expect(senderPageUrl(sender({}))).toBe(API);
    expect(senderPageUrl(sender({ frameId: 2, url: 'https://www.bitget.com/frame' }))).toBe(
      'https://www.bitget.com/frame',
    );
    expect(senderPageUrl({ url: HOME })).toBe(HOME);
  });
});

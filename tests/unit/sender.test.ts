import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { pageProtocol, protocol } from '@/utils/protocol';
import { classifySender } from '@/utils/sender';

const self = { id: 'ext-id', baseUrl: 'chrome-extension://ext-id/' };
const bitgetTab = { id: 7 } as Browser.tabs.Tab;

describe('classifySender', () => {
  it('accepts the extension pages (popup, options in a tab)', () => {
    expect(classifySender({ id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' }, self)).toEqual({
      ok: true,
      kind: 'extension-page',
    });
    expect(
      classifySender({ id: 'ext-id', url: 'chrome-extension://ext-id/options.html', tab: bitgetTab, frameId: 0 }, self),
    ).toMatchObject({ ok: true, kind: 'extension-page' });
  });

  it('accepts the content script in the top frame of a www.bitget.com tab', () => {
    expect(
      classifySender(
        {
          id: 'ext-id',
          url: 'https://www.bitget.com/en/account/newapi',
          origin: 'https://www.bitget.com',
          tab: bitgetTab,
          frameId: 0,
        },
        self,
      ),
    ).toEqual({ ok: true, kind: 'bitget-content', tabId: 7 });
  });

  it.each([
    ['another extension', { id: 'other', url: 'chrome-extension://other/popup.html' }],
    [
      'a sub-frame of Bitget',
      { id: 'ext-id', url: 'https://www.bitget.com/x', origin: 'https://www.bitget.com', tab: bitgetTab, frameId: 3 },
    ],
    [
      'a look-alike host',
      {
        id: 'ext-id',
        url: 'https://www.bitget.com.evil.test/en/account/newapi',
        origin: 'https://www.bitget.com.evil.test',
        tab: bitgetTab,
        frameId: 0,
      },
    ],
    [
      'plain http Bitget',
      {
        id: 'ext-id',
        url: 'http://www.bitget.com/en/account/newapi',
        origin: 'http://www.bitget.com',
        tab: bitgetTab,
        frameId: 0,
      },
    ],
    [
      'an origin that disagrees with the url',
      { id: 'ext-id', url: 'https://www.bitget.com/en', origin: 'https://evil.test', tab: bitgetTab, frameId: 0 },
    ],
    ['a context with no tab and no extension url', { id: 'ext-id', url: 'https://www.bitget.com/en' }],
  ] as [string, Browser.runtime.MessageSender][])('rejects %s', (_name, sender) => {
    expect(classifySender(sender, self).ok).toBe(false);
  });
});

describe('the messages the guide on Bitget’s page may send', () => {
  it('are exactly those the background accepts from the page (tests/unit/page-protocol.test.ts checks the answers of each)', () => {
    const fromPage = Object.entries(protocol)
      .filter(([, spec]) => (spec.senders as readonly string[]).includes('bitget-content'))
      .map(([type]) => type);
    expect(Object.keys(pageProtocol).sort()).toEqual(fromPage.sort());
  });
});

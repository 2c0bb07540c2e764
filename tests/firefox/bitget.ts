/**
 * The Bitget replica at https://www.bitget.com/... in Firefox, answered by
 * Puppeteer's request interception with the same responses the Chrome suite
 * routes through Playwright (`replicaResponse`). Nothing reaches the network.
 */
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import {
  BITGET_ORIGIN,
  type BitgetVariant,
  type ReplicaSnapshot,
  replicaResponse,
  resolveVariant,
} from '../fixtures/bitget/route';
import type { RecordedRequest } from './network';

/**
 * A new tab that answers www.bitget.com with the replica `variant` (and lets
 * every other request go on, to the outside recorder), then opens `path`.
 * Every request the tab makes is added to `record`.
 */
export async function openBitget(
  browser: Browser,
  variant: BitgetVariant,
  path: string,
  record: RecordedRequest[],
): Promise<Page> {
  const resolved = resolveVariant(variant);
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const entry: RecordedRequest = {
      url: request.url(),
      method: request.method(),
      headers: request.headers(),
      body: '',
    };
    record.push(entry);
    if (request.hasPostData()) {
      // BiDi gives the body on request (postData() is CDP only); unreadable counts as a finding.
      void request.fetchPostData().then(
        (body) => {
          entry.body = body ?? '';
        },
        () => {
          entry.body = '(body could not be read)';
        },
      );
    }
    if (new URL(request.url()).origin !== BITGET_ORIGIN) {
      void request.continue().catch(() => undefined);
      return;
    }
    const accept = request.headers().accept ?? '';
    const isDocument = request.isNavigationRequest() || accept.includes('text/html');
    const { status, contentType, headers, body } = replicaResponse(
      { url: request.url(), method: request.method(), isDocument },
      resolved,
    );
    void request.respond({ status, contentType, headers, body }).catch(() => undefined);
  });
  await page.goto(`${BITGET_ORIGIN}${path}`, { waitUntil: 'load' });
  return page;
}

/** A JSON snapshot of the replica's test hook (waits until the app has booted). */
export async function readReplica(page: Page): Promise<ReplicaSnapshot> {
  await page.waitForFunction(() => '__bitgetReplica' in window);
  return page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the replica's test hook, untyped in the page.
    const hook = (window as any).__bitgetReplica;
    return JSON.parse(
      JSON.stringify({
        variant: hook.variant,
        state: hook.state(),
        submitted: hook.submitted,
        created: hook.created,
        events: hook.events,
      }),
    );
  });
}

/**
 * Linking this browser to a Mantix account, in the background (contract §2).
 *
 * The options page asks (`link:start`, `link:cancel`, `link:unlink`) and
 * follows `linkFlowItem` / `linkItem` in storage; only this module writes
 * them. Polling runs here (./link-poll.ts), so closing the options page
 * does not stop it, and the pending authorization lives in `session:`
 * storage, so a stopped service worker resumes on its next start (woken by
 * an alarm at the next poll time, or by any message).
 */
import { type Browser, browser } from 'wxt/browser';
import { hasMantixAccess } from '../host-access';
import { t } from '../i18n';
import { validateServerIps } from '../ip';
import { linkFlowItem, linkItem, moveLinkOutOfLocalStorage, type PendingLink, pendingLinkItem } from '../link/items';
import { type MantixClient, MantixError, ServerIpsAnswer, toMantixError } from '../mantix';
import { handle, MessageError } from '../messaging';
import type { ErrorInfo, ResponseOf } from '../protocol';
import type { Disposer } from './disposer';
import { createLinkPoller, type WakeScheduler } from './link-poll';
import { throttlePerTab } from './throttle';

export type { WakeScheduler } from './link-poll';

export const LINK_ALARM = 'mantix-link-poll';

const alarmScheduler: WakeScheduler = {
  wakeAt(when) {
    // Chrome wakes a stopped worker for an alarm (no earlier than 30 s in a packed extension).
    void browser.alarms.create(LINK_ALARM, { when }).catch(() => undefined);
  },
  clear() {
    void browser.alarms.clear(LINK_ALARM).catch(() => undefined);
  },
};

export interface LinkServiceDeps {
  client: MantixClient;
  wake?: WakeScheduler;
}

export type StartedLink = ResponseOf<'link:start'>;
export type UnlinkResult = ResponseOf<'link:unlink'>;

const alreadyLinked = (): ErrorInfo => ({ code: 'already_linked', message: t('link_alreadyLinked') });

const notLinked = (): ErrorInfo => ({ code: 'not_linked', message: t('link_notLinked') });

/** MantixErrors become the protocol's sentence; anything else is left to `handle()`. */
async function answering<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof MantixError) throw new MessageError(error.toErrorInfo());
    throw error;
  }
}

export function createLinkService({ client, wake = alarmScheduler }: LinkServiceDeps) {
  const poller = createLinkPoller({ client, wake });
  const { finish } = poller;

  /** The link was ended by Mantix (refresh token refused): forget it here too. */
  const stopListening = client.onLinkLost((error) => {
    void (async () => {
      await client.forget();
      await linkItem.setValue(null);
      await linkFlowItem.setValue({ state: 'error', error: error.toErrorInfo() });
    })();
  });

  return {
    async start(): Promise<StartedLink> {
      if (await linkItem.getValue()) throw new MessageError(alreadyLinked());
      await poller.stop();
      await pendingLinkItem.setValue(null);
      await client.forget(); // leftovers of an attempt that never finished
      try {
        const authorization = await client.startDeviceAuthorization();
        await client.createDeviceKey();
        const now = Date.now();
        const pending: PendingLink = {
          deviceCode: authorization.deviceCode,
          userCode: authorization.userCode,
          verificationUri: authorization.verificationUri,
          verificationUriComplete: authorization.verificationUriComplete,
          expiresAt: now + authorization.expiresIn * 1000,
          interval: Math.max(1, Math.ceil(authorization.interval)),
          nextPollAt: now + Math.max(1, Math.ceil(authorization.interval)) * 1000,
        };
        await pendingLinkItem.setValue(pending);
        const started = {
          userCode: pending.userCode,
          verificationUriComplete: pending.verificationUriComplete,
          expiresAt: pending.expiresAt,
        };
        await linkFlowItem.setValue({ state: 'pending', ...started });
        void poller.ensure();
        return started;
      } catch (error) {
        const failure = toMantixError(error);
        await finish({ state: 'error', error: failure.toErrorInfo() });
        throw new MessageError(failure.toErrorInfo());
      }
    },

    async cancel(): Promise<void> {
      await poller.stop();
      if (await linkItem.getValue()) return;
      await finish({ state: 'idle' });
    },

    /** Revokes at Mantix (RFC 7009), then forgets locally whatever the answer. */
    async unlink(): Promise<UnlinkResult> {
      await poller.stop();
      let result: UnlinkResult = { revokedAtServer: true };
      try {
        await client.revoke();
      } catch (error) {
        const failure = toMantixError(error).toErrorInfo();
        result = {
          revokedAtServer: false,
          notice: t('link_unlinkedLocallyOnly'),
          detail: `${failure.message}${failure.detail ? ` · ${failure.detail}` : ''}`.slice(0, 2000),
        };
      }
      await client.forget();
      await pendingLinkItem.setValue(null);
      await linkItem.setValue(null);
      await linkFlowItem.setValue({ state: 'idle' });
      return result;
    },

    /** Resumes polling a stored pending authorization (worker start, alarm). */
    resume(): Promise<void> {
      return poller.ensure();
    },

    /** Stops this instance (polling, listeners) without touching storage, as a stopped worker would. */
    destroy(): void {
      poller.abort();
      stopListening();
    },

    /** The Mantix server IPs for Bitget, checked against the contract's rule. */
    async serverIps(): Promise<ResponseOf<'serverIps:get'>> {
      if (!(await linkItem.getValue())) throw new MessageError(notLinked());
      // Firefox: the user may have withdrawn the Mantix site; say so rather than a network failure.
      if (!(await hasMantixAccess())) throw new MessageError({ code: 'host_access', message: t('hostAccess_guide') });
      const answer = await answering(() =>
        client.fetch({ method: 'GET', path: '/v1/exchanges/bitget/server-ips', schema: ServerIpsAnswer }),
      );
      const check = validateServerIps(answer.ips);
      if (!check.ok) {
        throw new MessageError({
          code: 'bad_server_ips',
          message: t('link_badServerIps'),
          detail: check.reason,
        });
      }
      return { ips: check.ips, updatedAt: answer.updated_at };
    },
  };
}

export type LinkService = ReturnType<typeof createLinkService>;

/** Wires the link messages, the wake-up alarm and the resume on start. */
export function registerLinkHandlers(scope: Disposer, service: LinkService): void {
  scope.add(handle('link:start', () => service.start()));
  scope.add(
    handle('link:cancel', async () => {
      await service.cancel();
      return { cancelled: true as const };
    }),
  );
  scope.add(handle('link:unlink', () => service.unlink()));
  // A page may click "Fill Mantix IPs" in a loop: one Mantix call a second per tab.
  const serverIps = throttlePerTab(() => service.serverIps());
  if (browser.tabs) scope.listen(browser.tabs.onRemoved, (tabId: number) => serverIps.forget(tabId));
  scope.add(handle('serverIps:get', (_data, context) => serverIps.run(context.tabId)));
  scope.add(
    handle('options:open', async () => {
      await browser.runtime.openOptionsPage();
      return { opened: true as const };
    }),
  );
  scope.listen(browser.alarms.onAlarm, (alarm: Browser.alarms.Alarm) => {
    if (alarm.name === LINK_ALARM) void service.resume();
  });
  void (async () => {
    await restrictLocalStorage();
    await moveLinkOutOfLocalStorage();
  })()
    .catch((error: unknown) => console.error('Mantix Connect: could not move the link out of storage.local', error))
    .then(() => service.resume());
}

/**
 * `storage.local` for trusted contexts only where the browser supports it
 * (Chrome does; Firefox has no `setAccessLevel`): the content script keeps
 * nothing in extension storage, and the link and its tokens are in
 * IndexedDB in any case (utils/storage.ts, `defineProtectedItem`).
 */
async function restrictLocalStorage(): Promise<void> {
  const local = browser.storage.local as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return;
  await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}

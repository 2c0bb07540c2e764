/**
 * Linking this browser to a Mantix account, in the background (contract §2).
 *
 * The options page asks (`link:start`, `link:cancel`, `link:unlink`) and
 * follows `linkFlowItem` / `linkItem` in storage; only this module writes
 * them. Polling runs here, so closing the options page does not stop it,
 * and the pending authorization lives in `session:` storage, so a stopped
 * service worker resumes on its next start (woken by an alarm at the next
 * poll time, or by any message).
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { validateServerIps } from '../ip';
import { Account, type MantixClient, MantixError, mantixClient, ServerIpsAnswer, toMantixError } from '../mantix';
import { handle, MessageError } from '../messaging';
import type { ErrorInfo, ResponseOf } from '../protocol';
import {
  type LinkFlow,
  linkFlowItem,
  linkItem,
  type MantixTokens,
  type PendingLink,
  pendingLinkItem,
} from '../storage';

/** RFC 8628 §3.5: `slow_down` adds 5 seconds to the interval. */
export const SLOW_DOWN_STEP_S = 5;
/** Consecutive network/5xx failures of a poll before the page is told. */
export const MAX_POLL_FAILURES = 3;
export const LINK_ALARM = 'mantix-link-poll';

export interface WakeScheduler {
  /** Wakes the background at `when` (ms) in case the service worker was stopped. */
  wakeAt(when: number): void;
  clear(): void;
}

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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

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
  let loop: { controller: AbortController; done: Promise<void> } | undefined;

  /** Ends a linking attempt: no pending authorization, no device key, the page told `flow`. */
  async function finish(flow: LinkFlow): Promise<void> {
    wake.clear();
    await pendingLinkItem.setValue(null);
    await client.forget();
    await linkFlowItem.setValue(flow);
  }

  /** Approved: keeps the tokens (unless already kept), then reads the account to show. */
  async function complete(signal: AbortSignal, tokens?: MantixTokens): Promise<void> {
    wake.clear();
    if (tokens) await client.saveTokens(tokens);
    let account: Account;
    try {
      account = await client.fetch({ method: 'GET', path: '/v1/account', schema: Account, signal });
    } catch (error) {
      // A link without an account to show is no link: end it at Mantix too.
      await client.revoke().catch(() => undefined);
      await finish({ state: 'error', error: toMantixError(error).toErrorInfo() });
      return;
    }
    await linkItem.setValue({
      accountId: account.id,
      displayName: account.display_name,
      email: account.email,
      linkedAt: new Date().toISOString(),
    });
    await pendingLinkItem.setValue(null);
    await linkFlowItem.setValue({ state: 'idle' });
  }

  /**
   * The polling loop (RFC 8628 §3.4–3.5): waits `interval` seconds between
   * polls (the wait is stored, so a restarted worker keeps it), adds 5 s on
   * `slow_down`, stops at the code's expiry, and tolerates a few transient
   * failures before telling the page.
   */
  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    for (;;) {
      const pending = await pendingLinkItem.getValue();
      if (!pending || signal.aborted) return;
      if (await client.hasTokens()) {
        // A worker stopped between the tokens and the account: finish that instead of polling a used code.
        await complete(signal);
        return;
      }
      const now = Date.now();
      if (now >= pending.expiresAt) {
        await finish({ state: 'expired' });
        return;
      }
      const wait = Math.min(pending.nextPollAt, pending.expiresAt) - now;
      if (wait > 0) {
        wake.wakeAt(now + wait);
        await sleep(wait, signal);
        continue;
      }
      let result: Awaited<ReturnType<MantixClient['pollDeviceCode']>>;
      try {
        result = await client.pollDeviceCode(pending.deviceCode, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        const failure = toMantixError(error);
        failures += 1;
        if (failure.retryable && failures < MAX_POLL_FAILURES) {
          await pendingLinkItem.setValue({ ...pending, nextPollAt: Date.now() + pending.interval * 1000 });
          continue;
        }
        await finish({ state: 'error', error: failure.toErrorInfo() });
        return;
      }
      if (signal.aborted) return;
      const next = (interval: number): PendingLink => ({
        ...pending,
        interval,
        nextPollAt: Date.now() + interval * 1000,
      });
      switch (result.status) {
        case 'pending':
          await pendingLinkItem.setValue(next(pending.interval));
          break;
        case 'slow_down':
          await pendingLinkItem.setValue(next(pending.interval + SLOW_DOWN_STEP_S));
          break;
        case 'denied':
          await finish({ state: 'denied' });
          return;
        case 'expired':
          await finish({ state: 'expired' });
          return;
        case 'approved':
          await complete(signal, result.tokens);
          return;
      }
    }
  }

  /** Starts the loop unless one is running in this worker; resolves when it ends. */
  function ensureLoop(): Promise<void> {
    if (loop) return loop.done;
    const controller = new AbortController();
    const done = run(controller.signal)
      .catch(async (error: unknown) => {
        await finish({ state: 'error', error: toMantixError(error).toErrorInfo() }).catch(() => undefined);
      })
      .finally(() => {
        if (loop?.controller === controller) loop = undefined;
      });
    loop = { controller, done };
    return done;
  }

  async function stopLoop(): Promise<void> {
    const running = loop;
    if (!running) return;
    running.controller.abort();
    await running.done;
  }

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
      await stopLoop();
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
        void ensureLoop();
        return started;
      } catch (error) {
        const failure = toMantixError(error);
        await finish({ state: 'error', error: failure.toErrorInfo() });
        throw new MessageError(failure.toErrorInfo());
      }
    },

    async cancel(): Promise<void> {
      await stopLoop();
      if (await linkItem.getValue()) return;
      await finish({ state: 'idle' });
    },

    /** Revokes at Mantix (RFC 7009), then forgets locally whatever the answer. */
    async unlink(): Promise<UnlinkResult> {
      await stopLoop();
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
      return ensureLoop();
    },

    /** Stops this instance (polling, listeners) without touching storage, as a stopped worker would. */
    destroy(): void {
      loop?.controller.abort();
      stopListening();
    },

    /** The Mantix server IPs for Bitget, checked against the contract's rule. */
    async serverIps(): Promise<ResponseOf<'serverIps:get'>> {
      if (!(await linkItem.getValue())) throw new MessageError(notLinked());
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
export function registerLinkHandlers(service: LinkService = createLinkService({ client: mantixClient() })): void {
  handle('link:start', () => service.start());
  handle('link:cancel', async () => {
    await service.cancel();
    return { cancelled: true as const };
  });
  handle('link:unlink', () => service.unlink());
  handle('serverIps:get', () => service.serverIps());
  handle('options:open', async () => {
    await browser.runtime.openOptionsPage();
    return { opened: true as const };
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === LINK_ALARM) void service.resume();
  });
  void service.resume();
}

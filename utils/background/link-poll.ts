/**
 * The polling of a pending device authorization (RFC 8628 §3.4–3.5), in the
 * background: one loop per worker, its wait stored in `session:` storage so
 * a stopped worker resumes where it was. It ends the attempt (expired,
 * denied, error) or completes the link (tokens, then the account to show).
 */

import { type LinkFlow, linkFlowItem, linkItem, type PendingLink, pendingLinkItem } from '../link/items';
import { Account, type MantixClient, toMantixError } from '../mantix';
import type { MantixTokens } from '../mantix/items';

/** RFC 8628 §3.5: `slow_down` adds 5 seconds to the interval. */
export const SLOW_DOWN_STEP_S = 5;
/** Consecutive network/5xx failures of a poll before the page is told. */
export const MAX_POLL_FAILURES = 3;

export interface WakeScheduler {
  /** Wakes the background at `when` (ms) in case the service worker was stopped. */
  wakeAt(when: number): void;
  clear(): void;
}

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

export function createLinkPoller({ client, wake }: { client: MantixClient; wake: WakeScheduler }) {
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

  return {
    finish,

    /** Starts the loop unless one is running in this worker; resolves when it ends. */
    ensure(): Promise<void> {
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
    },

    /** Stops the loop and waits for it to end. */
    async stop(): Promise<void> {
      const running = loop;
      if (!running) return;
      running.controller.abort();
      await running.done;
    },

    /** Aborts the loop without waiting (a stopped worker). */
    abort(): void {
      loop?.controller.abort();
    },
  };
}

export type LinkPoller = ReturnType<typeof createLinkPoller>;

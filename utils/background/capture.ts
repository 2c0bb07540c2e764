/**
 * The background half of capture and handoff: the capture port (content
 * script → background, one message), the popup's secret port and view port,
 * the popup's commands, the expiry alarm, the badge, and resuming the
 * handoff when the service worker starts again. The logic lives in
 * utils/handoff (see its README for the data flow of a secret).
 */
import { type Browser, browser } from 'wxt/browser';
import { isApiKeyPage } from '../bitget/route';
import { coalesce } from '../coalesce';
import { badgeFor } from '../handoff/badge';
import { Handoff } from '../handoff/engine';
import { HandoffRefusal } from '../handoff/errors';
import { captureItem, captureLostItem, captureWaitingItem, handoffItem, pendingCaptureItem } from '../handoff/items';
import type { HandoffApi } from '../handoff/ports';
import { prewarmedApi } from '../handoff/prewarm';
import type { HandoffView } from '../handoff/schema';
import { t } from '../i18n';
import { linkItem } from '../link/items';
import { GUIDE_PORT } from '../loader/handle';
import { handle, MessageError } from '../messaging';
import { answerOnce } from '../port';
import {
  CAPTURE_PORT,
  CaptureMessage,
  type CaptureReply,
  POPUP_SECRET_PORT,
  PopupSecretMessage,
  VIEW_PORT,
} from '../protocol';
import { classifySender, type SenderKind, senderPageUrl } from '../sender';
import { settingsItem } from '../storage';
import type { Disposer } from './disposer';

const EXPIRY_ALARM = 'mantix-capture-expiry';
const WAKE_ALARM = 'mantix-handoff-wake';
/** A port that sends nothing in this time is closed. */
const PORT_MESSAGE_TIMEOUT_MS = 10_000;

type Port = Browser.runtime.Port;

function rejected(message: string): CaptureReply {
  return { type: 'capture:result', status: 'rejected', message };
}

/** Runs a command; a refusal becomes a sentence for the popup. */
async function asMessage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HandoffRefusal) throw new MessageError({ code: error.code, message: error.message });
    throw error;
  }
}

export function registerCaptureHandlers(scope: Disposer, mantix: HandoffApi): void {
  let wakeTimer: ReturnType<typeof setTimeout> | undefined;
  scope.add(() => clearTimeout(wakeTimer));

  // Keys ready before Send: the ingest key (and a DPoP nonce) fetched when keys are captured or the popup opens.
  const api = prewarmedApi(mantix, { linked: async () => (await linkItem.getValue()) !== null });
  const handoff = new Handoff({
    items: { capture: captureItem, pending: pendingCaptureItem, handoff: handoffItem },
    api,
    account: () => linkItem.getValue(),
    ttlMinutes: async () => (await settingsItem.getValue()).captureTtlMinutes,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    wakeAt(when) {
      clearTimeout(wakeTimer);
      wakeTimer = setTimeout(() => void handoff.drive(), Math.max(0, when - Date.now()));
      // The timer dies with the worker; the alarm wakes a stopped worker to resume.
      void browser.alarms.create(WAKE_ALARM, { when: when + 1_000 });
    },
    cancelWake() {
      clearTimeout(wakeTimer);
      void browser.alarms.clear(WAKE_ALARM);
    },
  });

  /* ----------------------------------------------------- view & badge -- */

  const viewPorts = new Set<Port>();
  scope.add(() => {
    for (const port of viewPorts) port.disconnect();
    viewPorts.clear();
  });

  // Keys wait in session storage (memory) only: after a browser restart they are gone. Say so.
  const lostChecked = (async () => {
    if ((await captureWaitingItem.getValue()) && !(await captureItem.getValue())) await captureLostItem.setValue(true);
  })().catch(() => undefined);

  /** The engine's view, plus whether keys were lost when the browser closed (kept in step here). */
  const currentView = async (): Promise<HandoffView> => {
    await lostChecked;
    const view = await handoff.view();
    const waiting = view.capture !== null;
    if ((await captureWaitingItem.getValue()) !== waiting) await captureWaitingItem.setValue(waiting);
    if (waiting) await captureLostItem.removeValue();
    return (await captureLostItem.getValue()) ? { ...view, lostAtRestart: true } : view;
  };

  const publishNow = async () => {
    const view = await currentView();
    for (const port of viewPorts) post(port, view);
    await showBadge(view);
    const expiry = await handoff.nextExpiry();
    if (expiry === null) await browser.alarms.clear(EXPIRY_ALARM);
    else await browser.alarms.create(EXPIRY_ALARM, { when: expiry });
  };
  /** Coalesces bursts of storage changes into one view per burst. */
  const publishing = coalesce(() =>
    publishNow().catch((error: unknown) => console.error('Mantix Connect: could not update the view', error)),
  );
  const publish = () => void publishing();
  for (const item of [captureItem, pendingCaptureItem, handoffItem, linkItem, settingsItem])
    scope.add(item.watch(publish));

  /* ----------------------------------------------------------- ports -- */

  const warmAfter = (reply: CaptureReply): CaptureReply => {
    if (reply.status === 'stored') void api.prewarm();
    return reply;
  };

  scope.listen(browser.runtime.onConnect, (port: Port) => {
    const sender = port.sender
      ? classifySender(port.sender, { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') })
      : ({ ok: false, reason: 'no sender' } as const);
    const is = (kind: SenderKind) => sender.ok && sender.kind === kind;
    if (port.name === CAPTURE_PORT && is('bitget-content') && port.sender && isApiKeyPage(senderPageUrl(port.sender))) {
      onePortMessage(port, async (raw) => {
        const message = CaptureMessage.safeParse(raw);
        if (!message.success) return rejected(t('capture_unreadable'));
        const { apiKey, secretKey, passphrase, observed, note } = message.data;
        return warmAfter(
          await handoff.accept({ source: 'page', apiKey, secretKey, passphrase, observed, ...(note ? { note } : {}) }),
        );
      });
    } else if (port.name === POPUP_SECRET_PORT && is('extension-page')) {
      onePortMessage(port, async (raw) => {
        const message = PopupSecretMessage.safeParse(raw);
        if (!message.success) return rejected(t('capture_badShape'));
        try {
          if (message.data.type === 'passphrase') return await handoff.setPassphrase(message.data.passphrase);
          const { apiKey, secretKey, passphrase } = message.data;
          return warmAfter(await handoff.accept({ source: 'manual', observed: null, apiKey, secretKey, passphrase }));
        } catch (error) {
          if (error instanceof HandoffRefusal) return rejected(error.message);
          throw error;
        }
      });
    } else if (port.name === VIEW_PORT && is('extension-page')) {
      viewPorts.add(port);
      port.onDisconnect.addListener(() => viewPorts.delete(port));
      void currentView().then((view) => {
        post(port, view);
        if (view.capture) void api.prewarm();
      });
    } else if (port.name !== GUIDE_PORT) {
      // (The guide's injection port is answered by utils/background/inject.ts.)
      port.disconnect();
    }
  });

  /* -------------------------------------------------------- commands -- */

  scope.add(
    handle('capture:send', () =>
      asMessage(async () => {
        await handoff.send();
        return { started: true as const };
      }),
    ),
  );
  scope.add(
    handle('capture:discard', () =>
      asMessage(async () => {
        await handoff.discard();
        return { discarded: true as const };
      }),
    ),
  );
  scope.add(
    handle('capture:replace', ({ replace }) => asMessage(async () => ({ replaced: await handoff.replace(replace) }))),
  );
  scope.add(
    handle('capture:confirm', (confirmations) =>
      asMessage(async () => ({ confirmed: await handoff.confirm(confirmations) })),
    ),
  );
  scope.add(handle('capture:retry-now', () => asMessage(async () => ({ started: await handoff.retryNow() }))));
  scope.add(handle('capture:stop', () => asMessage(async () => ({ stopped: await handoff.stop() }))));
  scope.add(
    handle('capture:check-again', () =>
      asMessage(async () => {
        await handoff.checkAgain();
        return { started: true as const };
      }),
    ),
  );

  /* ---------------------------------------------- alarms & resuming -- */

  scope.listen(browser.alarms.onAlarm, (alarm: Browser.alarms.Alarm) => {
    if (alarm.name === EXPIRY_ALARM) void handoff.expire();
    else if (alarm.name === WAKE_ALARM) void handoff.drive();
  });

  void (async () => {
    await restrictSessionStorage();
    await lostChecked;
    await handoff.expire();
    publish();
    // A stopped worker left its run in session storage: carry on.
    await handoff.drive();
  })().catch((error: unknown) => console.error('Mantix Connect: could not resume the handoff', error));
}

/** Session storage for trusted contexts only (Chrome's default, made explicit); content scripts never read it. */
async function restrictSessionStorage(): Promise<void> {
  const session = browser.storage.session as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  if (typeof session.setAccessLevel === 'function') {
    await session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  }
}

function post(port: Port, view: HandoffView): void {
  try {
    port.postMessage(view);
  } catch {
    // The popup closed meanwhile.
  }
}

/** Reads ONE message from a port, answers it with a CaptureReply, and closes the port. */
function onePortMessage(port: Port, answer: (raw: unknown) => Promise<CaptureReply>): void {
  answerOnce(port, answer, { timeoutMs: PORT_MESSAGE_TIMEOUT_MS, failed: () => rejected(t('capture_notKept')) });
}

async function showBadge(view: HandoffView): Promise<void> {
  const badge = badgeFor(view);
  await browser.action.setBadgeText({ text: badge.text });
  // The title is in the UI language (badgeFor); with nothing waiting it is the extension's name.
  await browser.action.setTitle({ title: badge.title });
  if (badge.text) await browser.action.setBadgeBackgroundColor({ color: badge.color });
}

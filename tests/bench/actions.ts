/**
 * Counting what the user still does (issue 13 §3): from "the API page is
 * open" to "Mantix says active", a scripted user performs every click and
 * every field typed through a counting wrapper, so the count is what the
 * script did, not a number written down. Bitget's own actions (Create API
 * Key, System-generated, Next, the 2FA codes, Confirm) are counted apart
 * from the extension's (clicks in the panel and the popup, the popup's
 * confirmations, fields typed).
 *
 * Used by tests/e2e/setup.spec.ts (which holds the flow to the goal) and by
 * `npm run bench` (which reports the figure).
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { Overlay } from '../e2e/pages/overlay';
import { PopupPage } from '../e2e/pages/popup';
import { type BitgetLang, readReplica, replicaText } from '../fixtures/bitget/route';
import { type Figure, figure, notMeasurable, type Section } from './report';

export type Side = 'bitget' | 'extension';
/** `confirm`: one of the popup's "I saved …" ticks; `open`: the toolbar icon that opens the popup. */
export type Kind = 'click' | 'type' | 'confirm' | 'open';

export interface UserAction {
  side: Side;
  kind: Kind;
  what: string;
}

/** A scripted user whose every action is written down before it is done. */
export class CountingUser {
  readonly log: UserAction[] = [];

  async click(side: Side, what: string, target: Locator): Promise<void> {
    this.log.push({ side, kind: 'click', what });
    await target.click();
  }

  async type(side: Side, what: string, target: Locator, text: string): Promise<void> {
    this.log.push({ side, kind: 'type', what });
    await target.pressSequentially(text);
  }

  async confirm(what: string, target: Locator): Promise<void> {
    this.log.push({ side: 'extension', kind: 'confirm', what });
    await target.check();
  }

  async openPopup(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    this.log.push({ side: 'extension', kind: 'open', what: 'toolbar icon → popup' });
    return PopupPage.open(context, extensionId);
  }
}

export interface Tally {
  bitgetClicks: number;
  /** Fields typed on Bitget's page (the 2FA codes are the only ones the goal allows). */
  bitgetTyped: number;
  bitgetTypedNot2fa: number;
  /** Clicks in the panel and the popup, besides the confirmations and opening the popup. */
  extensionClicks: number;
  extensionConfirmations: number;
  popupOpens: number;
  extensionTyped: number;
  total: number;
}

export const TWO_FACTOR = 'verification code';

export function tally(log: readonly UserAction[]): Tally {
  const count = (side: Side, kind: Kind, filter: (a: UserAction) => boolean = () => true) =>
    log.filter((a) => a.side === side && a.kind === kind && filter(a)).length;
  return {
    bitgetClicks: count('bitget', 'click'),
    bitgetTyped: count('bitget', 'type'),
    bitgetTypedNot2fa: count('bitget', 'type', (a) => !a.what.includes(TWO_FACTOR)),
    extensionClicks: count('extension', 'click'),
    extensionConfirmations: count('extension', 'confirm'),
    popupOpens: count('extension', 'open'),
    extensionTyped: count('extension', 'type'),
    total: log.length,
  };
}

/** The goal: no field typed but Bitget's 2FA codes; at most two clicks in the extension besides the confirmations. */
export function meetsGoal(t: Tally): boolean {
  return t.bitgetTypedNot2fa === 0 && t.extensionTyped === 0 && t.extensionClicks <= 2;
}

/** The log as one line per action, for the report and test messages. */
export function describeLog(log: readonly UserAction[]): string {
  return log.map((a, i) => `${i + 1}. ${a.side} ${a.kind}: ${a.what}`).join('\n');
}

export interface FlowResult {
  log: UserAction[];
  tally: Tally;
  created: { apiKey: string; secretKey: string; passphrase: string };
  submitted: Record<string, unknown> | null;
}

/**
 * The whole flow with "Set up for Mantix", on a replica already open at the
 * API page with a linked extension: Bitget's Create API Key →
 * System-generated, the panel's one button, Next, the 2FA codes, Confirm;
 * then the popup's two confirmations and Send, until "Connected to Mantix".
 */
export async function setupFlow(options: {
  page: Page;
  context: BrowserContext;
  extensionId: string;
  lang?: BitgetLang;
  user?: CountingUser;
  timeout?: number;
}): Promise<FlowResult> {
  const { page, context, extensionId } = options;
  const user = options.user ?? new CountingUser();
  const timeout = options.timeout ?? 20_000;
  const say = (key: string) => replicaText(options.lang ?? 'en', key);
  const overlay = new Overlay(page);

  await page.waitForFunction(() => '__bitgetReplica' in window, undefined, { timeout });
  await user.click('bitget', 'Create API Key', page.getByRole('button', { name: say('createApiKey'), exact: true }));
  await user.click(
    'bitget',
    'System-generated API Key',
    page.getByRole('dialog', { name: say('chooserTitle') }).getByText(say('systemGenerated'), { exact: true }),
  );
  const form = page.getByRole('dialog', { name: say('formTitleSystem') });
  await form.waitFor({ timeout });

  await user.click('extension', 'Set up for Mantix', overlay.button('Set up for Mantix'));
  await overlay.panel.getByRole('list', { name: 'What Set up for Mantix did' }).waitFor({ timeout });
  const report = await overlay.panel.getByRole('list', { name: 'What Set up for Mantix did' }).textContent();
  if (!(await overlay.status(/^Done: the page shows everything Mantix needs/).isVisible())) {
    throw new Error(`Set up for Mantix did not finish every item: ${report ?? ''}`);
  }

  await user.click('bitget', 'Next', form.getByRole('button', { name: say('next'), exact: true }));
  const verify = page.getByRole('dialog', { name: say('verifyTitle') });
  await verify.waitFor({ timeout });
  await user.click('bitget', 'Send code (2FA)', verify.getByRole('button', { name: say('sendCode'), exact: true }));
  await user.type('bitget', `email ${TWO_FACTOR}`, verify.getByLabel(say('emailCode'), { exact: true }), '123456');
  await user.type('bitget', `authenticator ${TWO_FACTOR}`, verify.getByLabel(say('gaCode'), { exact: true }), '654321');
  await user.click('bitget', 'Confirm', verify.getByRole('button', { name: say('confirm'), exact: true }));
  await page
    .getByRole('dialog', { name: say('resultTitle') })
    .first()
    .waitFor({ timeout });
  await overlay.status('Keys captured — open Mantix Connect to send them.').waitFor({ timeout });
  const replica = await readReplica(page);
  const created = replica.created;
  if (!created?.secretKey) throw new Error('The replica created no system-generated key.');

  const popup = await user.openPopup(context, extensionId);
  await popup.captured.waitFor({ timeout });
  await user.confirm(
    'I saved the Passphrase',
    popup.page.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' }),
  );
  await user.confirm(
    'I saved the Secret Key',
    popup.page.getByRole('checkbox', { name: 'I saved the Secret Key somewhere safe' }),
  );
  await user.click('extension', 'Send', popup.sendButton());
  await popup.active.waitFor({ timeout });
  await popup.page.close();

  return {
    log: user.log,
    tally: tally(user.log),
    created: { apiKey: created.apiKey, secretKey: created.secretKey, passphrase: created.passphrase },
    submitted: replica.submitted as Record<string, unknown> | null,
  };
}

/* -------------------------------------------------- the bench's figure -- */

const BENCH_PATH = '/en/account/newapi';

/**
 * The bench's "User actions" section: one scripted run of `setupFlow` on the
 * bench's replica (already routed in `ext.context`), counted. `ensureLinked`
 * links the demo account when an earlier section has not.
 */
export async function userActionsSection(
  ext: { context: BrowserContext; extensionId: string } | null,
  reason: string | undefined,
  ensureLinked: () => Promise<void>,
): Promise<Section> {
  const how =
    'One scripted run on the replica `classic-en-native-comma`, linked to the reference server: from “the API page ' +
    'is open” to the popup saying “Connected to Mantix”. Every click and every field typed goes through a counting ' +
    'wrapper (`tests/bench/actions.ts`, `CountingUser`), so the count is what the script did. Flow: Create API Key, ' +
    'System-generated API Key, **Set up for Mantix** (note, a generated passphrase, rights, server IPs), Next, ' +
    'Send code, the two 2FA codes, Confirm; the toolbar icon; “I saved the Passphrase”, “I saved the Secret Key”; ' +
    'Send. For comparison, the seed’s manual guide has seven steps, in which the user types the note, invents and ' +
    'types the passphrase, ticks Read-write and four rights, types three IP addresses, and copies and pastes the ' +
    'Key, the Secret Key and the Passphrase into Mantix. Goal (issue 13): no field typed but Bitget’s 2FA codes; at ' +
    'most two clicks in the extension besides the popup’s confirmations.';
  const specs = [
    ['actions-total', 'User actions, API page open → Mantix says active (all of them)', undefined],
    [
      'actions-bitget-clicks',
      'Bitget’s own clicks (Create API Key, System-generated, Next, Send code, Confirm)',
      undefined,
    ],
    ['actions-bitget-2fa', 'Bitget’s 2FA codes typed', undefined],
    ['actions-typed-other', 'Fields typed by the user besides the 2FA codes', { max: 0, text: '0' }],
    [
      'actions-extension-clicks',
      'Clicks in the extension besides the confirmations (Set up for Mantix, Send)',
      { max: 2, text: '≤ 2' },
    ],
    ['actions-confirmations', 'The popup’s confirmations (I saved the Passphrase, I saved the Secret Key)', undefined],
    ['actions-popup-open', 'Opening the popup (the toolbar icon)', undefined],
  ] as const;
  const section = (figures: Figure[]): Section => ({ id: 'userActions', title: 'User actions', how, figures });
  const unmeasurable = (why: string) =>
    section(specs.map(([id, label, budget]) => notMeasurable(id, label, 'actions', why, budget)));
  if (!ext) return unmeasurable(reason ?? 'the extension did not load');
  let flow: FlowResult;
  const page = await ext.context.newPage();
  try {
    await ensureLinked();
    await page.goto(`https://www.bitget.com${BENCH_PATH}`);
    flow = await setupFlow({ page, context: ext.context, extensionId: ext.extensionId });
  } catch (error) {
    return unmeasurable(`the scripted flow did not finish: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await page.close().catch(() => undefined);
  }
  const t = flow.tally;
  const values = [
    t.total,
    t.bitgetClicks,
    t.bitgetTyped - t.bitgetTypedNot2fa,
    t.bitgetTypedNot2fa + t.extensionTyped,
    t.extensionClicks,
    t.extensionConfirmations,
    t.popupOpens,
  ];
  const note = flow.log.map((a) => `${a.side} ${a.kind}: ${a.what}`).join('; ');
  return section(
    specs.map(([id, label, budget], i) =>
      figure(id, label, 'actions', [values[i] ?? Number.NaN], {
        ...(budget ? { budget } : {}),
        ...(id === 'actions-total' ? { note } : {}),
      }),
    ),
  );
}

/**
 * What the panel's buttons do (Show me, Set up rights, Fill IPs, Copy, the
 * guard's choices), each as a task whose outcome the panel shows in words.
 * The adapter reports codes (NotFoundError, WriteError); here they become
 * sentences in the UI language.
 */
import { NotFoundError } from '@/utils/bitget/find';
import { findNoteField } from '@/utils/bitget/form';
import { findIpField, readIps } from '@/utils/bitget/ip-field';
import { findPermissionsSection, type PermissionsView, readPermissions } from '@/utils/bitget/permissions';
import { settle, WriteError, writeIps, writeText } from '@/utils/bitget/write';
import { applyRights } from '@/utils/guide/apply';
import { SUGGESTED_NOTE } from '@/utils/guide/read-form';
import { summariseRights } from '@/utils/guide/rights';
import { t } from '@/utils/i18n';
import { MAX_BOUND_IPS, mergeIps, validateServerIps } from '@/utils/ip';
import type { pageRequest as requestFn } from '@/utils/page-protocol';
import type { GuideState, GuideStore, TaskStatus } from './store';

export interface GuideActions {
  toggleMinimised(): void;
  showMe(): void;
  hideSpotlight(): void;
  setUpRights(): Promise<void>;
  turnOffDangerous(): Promise<void>;
  fillIps(): Promise<void>;
  copyIps(): Promise<void>;
  copyText(text: string, what: string): Promise<void>;
  applySuggestedNote(): Promise<void>;
  openOptions(): Promise<void>;
  guardTurnOffAndContinue(): Promise<void>;
  guardContinueAnyway(): void;
  guardCancel(): void;
  registerSpotlight(element: HTMLElement | null): void;
  registerPanel(element: HTMLElement | null): void;
}

/** What the actions need from the controller. */
export interface ActionHost {
  store: GuideStore;
  request: typeof requestFn;
  copy(text: string): Promise<void>;
  set(patch: Partial<GuideState>): void;
  guard(work: () => void): void;
  /** The form as of now, if one is shown. */
  currentForm(): HTMLElement | undefined;
  /** The element "Show me" points at. */
  targetElement(): Element | undefined;
  rescan(): void;
  replace(): void;
  hideSpotlight(): void;
  clickSubmit(form: HTMLElement): void;
  registerSpotlight(element: HTMLElement | null): void;
  registerPanel(element: HTMLElement | null): void;
}

/** A failure already in words. */
export class TaskError extends Error {
  override name = 'TaskError';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const WRITE_MESSAGES = {
  noSetter: () => t('write_noSetter'),
  fieldDisabled: () => t('write_fieldDisabled'),
  valueNotTaken: () => t('write_valueNotTaken'),
  controlDisabled: () => t('write_controlDisabled'),
  optionDisabled: () => t('write_optionDisabled'),
  ipFieldChanged: () => t('write_ipFieldChanged'),
  ipNotAdded: (ip: string) => t('write_ipNotAdded', ip),
  changeRefused: (label: string) => t('guide_changeRefused', label),
  rightsUnstable: () => t('guide_rightsUnstable'),
} as const satisfies Record<WriteError['problem'], (subject: string) => string>;

/** A change the page did not take: the user makes it by hand. */
function byHand(problem: string): TaskError {
  return new TaskError(t('guide_byHand', problem));
}

export function describeError(error: unknown): TaskStatus {
  if (error instanceof TaskError) {
    return { state: 'error', message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  }
  if (error instanceof NotFoundError) {
    return { state: 'error', message: t('guide_cannotFind', t(`control_${error.control}`)) };
  }
  if (error instanceof WriteError) {
    return { state: 'error', message: t('guide_byHand', WRITE_MESSAGES[error.problem](error.subject)) };
  }
  return { state: 'error', message: t('guide_somethingWrong') };
}

type TaskKey = 'ipTask' | 'rightsTask' | 'noteTask' | 'copyTask';

/** The linked account's server IPs, validated again here (1–10 public IPv4, no duplicates). */
export async function loadMantixIps(host: ActionHost): Promise<string[]> {
  host.set({ mantixIps: { ...host.store.getState().mantixIps, state: 'loading' } });
  const result = await host.request('serverIps:get', {});
  if (!result.ok) {
    const notLinked = result.error.code === 'not_linked';
    // Firefox: Mantix's site withdrawn by the user: the same notice (its own sentence) opens the settings' Allow access.
    const toSettings = notLinked || result.error.code === 'host_access';
    host.set({
      mantixIps: {
        state: toSettings ? 'not-linked' : 'error',
        ips: [],
        message: notLinked ? t('guide_notLinkedIps') : result.error.message,
        ...(result.error.detail ? { detail: result.error.detail } : {}),
      },
    });
    throw new TaskError(notLinked ? t('guide_linkFirst') : result.error.message, result.error.detail);
  }
  const check = validateServerIps(result.value.ips);
  if (!check.ok) {
    const message = t('link_badServerIps');
    host.set({ mantixIps: { state: 'error', ips: [], message, detail: check.reason } });
    throw new TaskError(message, check.reason);
  }
  host.set({ mantixIps: { state: 'ready', ips: check.ips } });
  return check.ips;
}

export function createActions(host: ActionHost): GuideActions {
  const requireForm = (): HTMLElement => {
    const form = host.currentForm();
    if (!form) throw new TaskError(t('guide_openFormFirst'));
    return form;
  };

  const runTask = async (key: TaskKey, work: () => Promise<string>): Promise<boolean> => {
    host.set({ [key]: { state: 'working' } } as Partial<GuideState>);
    let status: TaskStatus;
    try {
      status = { state: 'done', message: await work() };
    } catch (error) {
      status = describeError(error);
    }
    host.set({ [key]: status } as Partial<GuideState>);
    host.guard(() => host.rescan());
    return status.state === 'done';
  };

  const applyRightsTask = async (onlyDangerous: boolean): Promise<PermissionsView> => {
    const view = await applyRights(() => readPermissions(requireForm()), { onlyDangerous });
    const summary = summariseRights(view);
    if (summary.dangerous.length) throw byHand(t('guide_couldNotTurnOff', summary.dangerous.join(', ')));
    return view;
  };

  const copyOrExplain = async (text: string, what: string): Promise<void> => {
    try {
      await host.copy(text);
    } catch {
      throw new TaskError(t('guide_copyDenied', what));
    }
  };

  const clickSubmit = () => {
    const form = host.currentForm();
    if (!form) throw new TaskError(t('guide_formClosed'));
    host.clickSubmit(form);
  };

  return {
    toggleMinimised: () => host.set({ minimised: !host.store.getState().minimised }),
    showMe: () => {
      const target = host.targetElement();
      if (!target?.isConnected) return;
      host.set({ spotlight: true, minimised: false });
      target.scrollIntoView?.({ block: 'center', inline: 'nearest' });
      host.replace();
    },
    hideSpotlight: () => {
      host.set({ spotlight: false });
      host.hideSpotlight();
    },
    setUpRights: async () => {
      await runTask('rightsTask', async () => {
        findPermissionsSection(requireForm());
        const view = await applyRightsTask(false);
        const summary = summariseRights(view);
        if (!summary.satisfied) {
          throw byHand(view.layout === 'unknown' ? t('guide_layoutUnknown') : t('guide_rightsNotTaken'));
        }
        return view.layout === 'unified' ? t('guide_rightsSetUnified') : t('guide_rightsSetClassic');
      });
    },
    turnOffDangerous: async () => {
      await runTask('rightsTask', async () => {
        await applyRightsTask(true);
        return t('guide_transferOff');
      });
    },
    fillIps: async () => {
      await runTask('ipTask', async () => {
        const ips = await loadMantixIps(host);
        const field = findIpField(requireForm());
        const merged = mergeIps(readIps(field), ips, MAX_BOUND_IPS);
        if (!merged.ok) throw new TaskError(t('guide_nothingChanged', merged.reason));
        if (!merged.added.length) return t('guide_ipsAlready');
        await writeIps(() => findIpField(requireForm()), merged.ips);
        await settle();
        const now = readIps(findIpField(requireForm()));
        const lost = ips.filter((ip) => !now.includes(ip));
        if (lost.length) throw byHand(t('guide_notKept', lost.join(', ')));
        const counts = [merged.added.length, merged.ips.length];
        return merged.added.length === 1 ? t('guide_ipsAdded_one', counts) : t('guide_ipsAdded_other', counts);
      });
    },
    copyIps: async () => {
      await runTask('copyTask', async () => {
        const state = host.store.getState().mantixIps;
        const ips = state.state === 'ready' ? state.ips : await loadMantixIps(host);
        await copyOrExplain(ips.join(','), t('guide_ipsName'));
        return t('guide_ipsCopied');
      });
    },
    copyText: async (text, what) => {
      await runTask('copyTask', async () => {
        await copyOrExplain(text, what);
        return t('guide_copied', what);
      });
    },
    applySuggestedNote: async () => {
      await runTask('noteTask', async () => {
        await writeText(findNoteField(requireForm()), SUGGESTED_NOTE);
        return t('guide_noteSetTo', SUGGESTED_NOTE);
      });
    },
    openOptions: async () => {
      const result = await host.request('options:open', {});
      if (!result.ok) host.set({ mantixIps: { ...host.store.getState().mantixIps, message: result.error.message } });
    },
    guardTurnOffAndContinue: async () => {
      const ok = await runTask('rightsTask', async () => {
        await applyRightsTask(true);
        return t('guide_transferOff');
      });
      if (!ok) return;
      host.set({ guardOpen: false });
      await settle();
      host.guard(clickSubmit);
    },
    guardContinueAnyway: () => {
      host.set({ guardOpen: false });
      host.guard(clickSubmit);
    },
    guardCancel: () => host.set({ guardOpen: false }),
    registerSpotlight: (element) => host.registerSpotlight(element),
    registerPanel: (element) => host.registerPanel(element),
  };
}

/**
 * The panel's "Set up for Mantix" and "Generate a passphrase".
 *
 * "Set up for Mantix" runs the panel's own actions in order (note — only
 * into an empty field —, a generated passphrase — only into an empty field —,
 * rights, server IPs) and then reads the form back (utils/guide/setup.ts):
 * the report claims nothing the page does not show.
 *
 * The generated passphrase is written into Bitget's field like typing (the
 * native setter and input events, utils/bitget/write.ts). From there it
 * travels exactly like a typed one: the capture reads the field when Next is
 * pressed. Here it is held in this closure only, to show it once and copy it
 * when the user asks, and dropped when hidden, replaced or the form closes.
 * Never in the store, storage, a log or a message.
 */
import { findNoteField, findPassphraseField } from '@/utils/bitget/form';
import { settle, writeText } from '@/utils/bitget/write';
import { generatePassphrase as newPassphrase } from '@/utils/guide/passphrase';
import { readForm } from '@/utils/guide/read-form';
import {
  fillDecision,
  setUpForMantix as runSetup,
  type SetupReadBack,
  type SetupSteps,
  setupHeadline,
  type Verdict,
} from '@/utils/guide/setup';
import { t } from '@/utils/i18n';
import { type ActionHost, describeError, type GuideActions as PanelActions, TaskError } from './actions';
import type { GuideState, TaskStatus } from './store';

export interface SetupActions {
  setUpForMantix(): Promise<void>;
  generatePassphrase(): Promise<void>;
  /** Shows the generated passphrase in the panel (once). */
  showPassphrase(): void;
  /** Hides it for good: the value is dropped here (it stays in Bitget's field). */
  hidePassphrase(): void;
  copyPassphrase(): Promise<void>;
  /** The generated passphrase while it is shown, for the panel to render; otherwise undefined. */
  shownPassphrase(): string | undefined;
}

class NotLinked extends Error {
  override name = 'NotLinked';
}

type TaskKey = 'noteTask' | 'rightsTask' | 'ipTask';

export function createSetupActions(host: ActionHost, panel: PanelActions): SetupActions {
  /** The generated passphrase, until it is hidden, replaced or the form closes. */
  let held: string | undefined;

  const setGenerated = (generated: GuideState['generated']) => host.set({ generated });
  const forget = (state: GuideState['generated']['state'] = 'none', message?: string) => {
    held = undefined;
    setGenerated({ state, ...(message ? { message } : {}) });
  };

  // The form closed (Next pressed, cancelled, page left): the value is not needed any more,
  // and the report was about that form.
  host.store.subscribe((state, previous) => {
    if (previous.page !== 'form' || state.page === 'form') return;
    if (held !== undefined || state.generated.state !== 'none') forget();
    if (state.setupTask.state === 'done') host.set({ setupTask: { state: 'idle', lines: [] } });
  });

  const requireForm = (): HTMLElement => {
    const form = host.currentForm();
    if (!form) throw new TaskError(t('guide_openFormFirst'));
    return form;
  };

  /** Is the held passphrase still what Bitget's field holds? If not, drop it. */
  const stillInField = (): boolean => {
    if (held === undefined) return false;
    const form = host.currentForm();
    let value: string | undefined;
    try {
      value = form ? findPassphraseField(form).value : undefined;
    } catch {
      value = undefined;
    }
    if (value === held) return true;
    forget('none', t('passphrase_replaced'));
    return false;
  };

  const fillGenerated = async (): Promise<string> => {
    const value = newPassphrase();
    await writeText(findPassphraseField(requireForm()), value);
    await settle();
    // Read back from the page as it is now (it may have re-rendered the field).
    if (findPassphraseField(requireForm()).value !== value) throw new TaskError(t('passphrase_notTaken'));
    held = value;
    setGenerated({ state: 'filled', message: t('passphrase_generated') });
    return t('passphrase_generated');
  };

  /** Runs one of the panel's own actions and turns its task status into a result. */
  const viaPanel = async (key: TaskKey, run: () => Promise<void>): Promise<string> => {
    await run();
    const status: TaskStatus = host.store.getState()[key];
    if (status.state === 'done') return status.message ?? '';
    if (key === 'ipTask' && host.store.getState().mantixIps.state === 'not-linked') throw new NotLinked();
    throw new TaskError(status.message ?? t('guide_somethingWrong'), status.detail);
  };

  /** The page after every step, as the guide reads it (never what a step said it did). */
  const readBack = (): SetupReadBack => {
    const form = host.currentForm();
    if (!form) return { note: 'unreadable', passphrase: 'unreadable', rights: 'unreadable', ips: 'unreadable' };
    const mantix = host.store.getState().mantixIps;
    const { form: view } = readForm(form, 'system', mantix.state === 'ready' ? mantix.ips : undefined);
    const verdict = (found: boolean, ok: boolean): Verdict => (!found ? 'unreadable' : ok ? 'ok' : 'wrong');
    const { rights } = view;
    return {
      note: verdict(view.note.found, view.note.filled && !view.note.tooLong),
      passphrase: verdict(view.passphrase.found, view.passphrase.check === 'ok'),
      rights:
        !rights.found || rights.layout === 'unknown' || !rights.complete
          ? 'unreadable'
          : verdict(true, rights.satisfied && rights.dangerous.length === 0 && rights.extra.length === 0),
      ips: verdict(view.ips.found, mantix.state === 'ready' && mantix.ips.every((ip) => view.ips.current.includes(ip))),
    };
  };

  const steps: SetupSteps = {
    note: async () => {
      const field = findNoteField(requireForm());
      if (fillDecision(field.value) === 'keep') return t('setup_noteKept');
      return viaPanel('noteTask', panel.applySuggestedNote);
    },
    passphrase: async () => {
      const field = findPassphraseField(requireForm());
      // A value the browser filled in (a saved password) is replaced: this key gets its own.
      const autofilled = host.store.getState().form?.passphrase.autofilled === true;
      if (fillDecision(field.value) === 'write' || autofilled) return fillGenerated();
      if (held !== undefined && field.value === held) return t('passphrase_generated');
      return t('setup_passphraseKept');
    },
    rights: () => viaPanel('rightsTask', panel.setUpRights),
    ips: () => viaPanel('ipTask', panel.fillIps),
    settle,
    readBack,
    explain: (error) => {
      if (error instanceof NotLinked) return { message: t('guide_linkFirst'), notLinked: true };
      const status = describeError(error);
      return {
        message: status.message ?? t('guide_somethingWrong'),
        ...(status.detail ? { detail: status.detail } : {}),
      };
    },
  };

  return {
    setUpForMantix: async () => {
      if (host.store.getState().setupTask.state === 'working') return;
      host.set({ setupTask: { state: 'working', lines: [] } });
      let lines: GuideState['setupTask']['lines'];
      try {
        lines = await runSetup(steps);
      } catch {
        lines = [];
      }
      host.set({
        setupTask: { state: 'done', headline: lines.length ? setupHeadline(lines) : t('guide_somethingWrong'), lines },
      });
      host.guard(() => host.rescan());
    },
    generatePassphrase: async () => {
      try {
        await fillGenerated();
      } catch (error) {
        held = undefined;
        setGenerated({ state: 'none', message: describeError(error).message ?? t('guide_somethingWrong') });
      }
      host.guard(() => host.rescan());
    },
    showPassphrase: () => {
      if (stillInField()) setGenerated({ state: 'shown', message: t('passphrase_generated') });
    },
    hidePassphrase: () => forget('gone', t('passphrase_shownOnce')),
    copyPassphrase: async () => {
      if (!stillInField() || held === undefined) return;
      try {
        await host.copy(held);
        setGenerated({ state: 'shown', message: t('guide_copied', t('passphrase_name')) });
      } catch {
        setGenerated({ state: 'shown', message: t('guide_copyDenied', t('passphrase_name')) });
      }
    },
    shownPassphrase: () => (host.store.getState().generated.state === 'shown' ? held : undefined),
  };
}

/**
 * One scan's reading of Bitget's page, by the page's state: the form (when it
 * is the form), the controls the guide could not find, and what "Next:" /
 * "Show me" points at. Reads only; the result dialog's capture stays with
 * the controller, which points at it.
 */
import {
  findConfirmButton,
  findCreateButton,
  findKeyTypeOption,
  findSignInButton,
  verificationFields,
} from '@/utils/bitget/page';
import type { PageState } from '@/utils/bitget/state';
import { findOrNote, type Missing, readForm, type Target, type TargetId } from '@/utils/guide/read-form';
import type { FormProgress } from '@/utils/guide/steps';
import { t } from '@/utils/i18n';
import type { FormView } from './store';

export interface PageReading {
  form?: FormView;
  progress?: FormProgress;
  missing: Missing[];
  target?: Target;
}

/** What "Next:" / "Show me" points at, in the UI language. */
export function targetLabel(what: TargetId): string {
  if (what === 'verificationFields') return t('target_verificationFields');
  if (what === 'resultWindow') return t('target_resultWindow');
  if (what === 'secretCopy') return t('target_secretCopy');
  return t('guide_target', t(`control_${what}`));
}

/**
 * Reads the page in `page`'s state (not the result dialog: see the
 * controller). `mantixIps`: the linked account's server IPs when known.
 */
export function readPage(doc: Document, page: PageState, mantixIps: readonly string[] | undefined): PageReading {
  const missing: Missing[] = [];
  const find = (what: Missing['control'], step: Missing['step'], finder: () => Element): Target | undefined => {
    const element = findOrNote(missing, what, step, finder);
    return element ? { element, what } : undefined;
  };
  const dialog = page.dialog;
  switch (page.kind) {
    case 'signed-out':
      return { missing, target: find('signIn', 0, () => findSignInButton(doc)) };
    case 'key-list':
      return { missing, target: find('createApiKey', 2, () => findCreateButton(doc)) };
    case 'chooser':
      return { missing, target: dialog && find('systemGenerated', 2, () => findKeyTypeOption(dialog, 'system')) };
    case 'form':
      return dialog ? readForm(dialog, page.keyType ?? 'system', mantixIps) : { missing };
    case 'verification': {
      if (!dialog) return { missing };
      const empty = verificationFields(dialog).find((field) => field.value.trim() === '');
      return {
        missing,
        target: empty
          ? { element: empty, what: 'verificationFields' }
          : find('confirm', 5, () => findConfirmButton(dialog)),
      };
    }
    default:
      return { missing };
  }
}

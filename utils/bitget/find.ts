/**
 * The ground rules for finding Bitget's controls by meaning.
 *
 * Every `find*` function either returns exactly one element or throws a
 * `NotFoundError` that says which control is missing or ambiguous (a code:
 * the overlay says it in words); every `query*` function is explicitly
 * optional and returns `undefined`. No silent `?.` chains through the page:
 * a caller that can do without a control catches the error and degrades.
 *
 * All wording and markup knowledge comes from selectors.ts.
 */
import {
  accessibleName,
  ancestorWhere,
  elementsWithText,
  innermost,
  isVisible,
  matchesWords,
  queryAll,
  type Words,
} from './dom';
import { BUTTON_SELECTOR, DIALOG_SELECTOR, FLOW_CONTAINER_SELECTOR } from './selectors';

/**
 * The controls the guide looks for, by id (the UI names them `control_<id>`;
 * errors and logs say the id).
 */
export type ControlId =
  | 'signIn'
  | 'createApiKey'
  | 'systemGenerated'
  | 'userGenerated'
  | 'note'
  | 'passphrase'
  | 'permissions'
  | 'ipField'
  | 'submit'
  | 'confirm'
  | 'apiKey'
  | 'secretKey';

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    readonly control: ControlId,
    readonly reason: 'missing' | 'ambiguous',
    readonly count = 0,
  ) {
    super(
      reason === 'missing'
        ? `Bitget's control "${control}" was not found`
        : `Bitget's control "${control}" is ambiguous (${count} candidates)`,
    );
  }
}

export function exactlyOne<E extends Element>(control: ControlId, found: readonly E[]): E {
  const unique = [...new Set(found)];
  if (unique.length === 1 && unique[0]) return unique[0];
  throw new NotFoundError(control, unique.length ? 'ambiguous' : 'missing', unique.length);
}

/** Calls a finder; `undefined` instead of a NotFoundError (other errors still throw). */
export function optional<T>(find: () => T): T | undefined {
  try {
    return find();
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** Visible modal dialogs, innermost, in document order (the last is on top). */
export function visibleDialogs(doc: Document): HTMLElement[] {
  return innermost(queryAll<HTMLElement>(doc, DIALOG_SELECTOR).filter(isVisible));
}

/** Visible containers the flow may live in besides dialogs (drawers, inline forms), innermost, in document order. */
export function visibleFlowContainers(doc: Document): HTMLElement[] {
  return innermost(queryAll<HTMLElement>(doc, FLOW_CONTAINER_SELECTOR).filter(isVisible));
}

/** The dialog, drawer or inline form an element belongs to. */
export function flowContainerOf(element: Element): HTMLElement | undefined {
  return (element.closest(FLOW_CONTAINER_SELECTOR) as HTMLElement | null) ?? undefined;
}

/** The dialog (or the page) an element belongs to. */
export function dialogOf(element: Element): HTMLElement | undefined {
  return (element.closest(DIALOG_SELECTOR) as HTMLElement | null) ?? undefined;
}

export function visibleIn<E extends Element>(scope: ParentNode, selector: string): E[] {
  return queryAll<E>(scope, selector).filter(isVisible);
}

/** Buttons in `scope` whose accessible name matches `words`. */
export function buttonsNamed(scope: ParentNode, words: Words): HTMLElement[] {
  return visibleIn<HTMLElement>(scope, BUTTON_SELECTOR).filter((b) => matchesWords(accessibleName(b), words));
}

/**
 * Controls of `selector` labelled by `words`: by accessible name first; else
 * by proximity — from a text matching `words`, the nearest ancestor that
 * contains such controls, if it contains exactly one.
 */
export function controlsLabelled<E extends Element>(scope: Element | Document, words: Words, selector: string): E[] {
  const controls = visibleIn<E>(scope, selector);
  const named = controls.filter((c) => matchesWords(accessibleName(c), words));
  if (named.length) return named;
  const limit = scope instanceof Element ? scope : null;
  const found = new Set<E>();
  for (const label of elementsWithText(scope, words)) {
    const container = ancestorWhere(label, limit, (el) => controls.some((c) => el.contains(c)));
    if (!container) continue;
    const inside = controls.filter((c) => container.contains(c));
    if (inside.length === 1 && inside[0]) found.add(inside[0]);
  }
  return [...found];
}

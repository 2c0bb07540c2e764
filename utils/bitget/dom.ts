/**
 * Small, generic DOM reading helpers for the Bitget adapter: normalised text,
 * a pragmatic accessible name, visibility. Nothing here knows Bitget's
 * wording; that lives in selectors.ts.
 */

/** Label patterns: regular expressions tested against normalised text. */
export type Words = readonly RegExp[];

/**
 * Lower-case, NFKC, collapsed whitespace, trimmed, without a leading
 * required-star, a trailing colon, or a trailing character counter ("0/20").
 */
export function normalise(text: string | null | undefined): string {
  if (!text) return '';
  return remembered(normalised, text, normaliseNow);
}

function normaliseNow(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*\(?\d+\s*\/\s*\d+\)?$/, '')
    .replace(/^[*]\s*/, '')
    .replace(/\s*[:*]+$/, '')
    .trim()
    .toLowerCase();
}

export function matchesWords(text: string | null | undefined, words: Words): boolean {
  const value = normalise(text);
  if (!value) return false;
  let answers = matched.get(words);
  if (!answers) {
    answers = new Map();
    matched.set(words, answers);
  }
  return remembered(answers, value, (v) => words.some((word) => word.test(v)));
}

/*
 * A scan reads the same labels again and again (every edit, every frame with
 * a change): their normalised text and which words they match are kept.
 * Both are pure functions of the text; each memo is bounded, and emptied when
 * full (a page's changing numbers never grow it without end).
 */
const MEMO_LIMIT = 2_000;
const normalised = new Map<string, string>();
const matched = new WeakMap<Words, Map<string, boolean>>();

/** `compute(key)`, kept in `memo` (bounded: emptied when full). For pure functions of a text only. */
export function remembered<T>(memo: Map<string, T>, key: string, compute: (key: string) => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/*
 * One reading of the page: while `readingOnce` runs its work, the DOM does not
 * change (the work is synchronous and only reads), so an element's visible
 * text and visibility are worked out once however many finders ask. Outside
 * it nothing is kept: a write, or a read after one, sees the page as it is.
 */
let reading: { text: WeakMap<Node, string>; visible: WeakMap<Element, boolean> } | undefined;

/** Runs `read` (synchronous, reading only) with each element's text and visibility read once. */
export function readingOnce<T>(read: () => T): T {
  if (reading) return read();
  reading = { text: new WeakMap(), visible: new WeakMap() };
  try {
    return read();
  } finally {
    reading = undefined;
  }
}

/**
 * Whether an element is rendered: not inside a `hidden` subtree, and (where
 * the browser can tell) not display:none or visibility:hidden.
 */
export function isVisible(element: Element): boolean {
  const known = reading?.visible.get(element);
  if (known !== undefined) return known;
  const visible = isVisibleNow(element);
  reading?.visible.set(element, visible);
  return visible;
}

function isVisibleNow(element: Element): boolean {
  if (!element.isConnected || element.closest('[hidden]')) return false;
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(element, { visibilityProperty: true }) : true;
}

/** Elements that run on within a line of text: no space is added around them. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'code',
  'em',
  'i',
  'kbd',
  'mark',
  'q',
  's',
  'small',
  'strong',
  'sub',
  'sup',
  'u',
  'wbr',
]);

/**
 * The text a user sees in an element: its text, without aria-hidden or
 * hidden parts. Block-like children are separated by a space, so a label
 * and the description line under it never run together.
 */
export function visibleText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return (node as Text).data;
  if (node.nodeType !== Node.ELEMENT_NODE) return '';
  const known = reading?.text.get(node);
  if (known !== undefined) return known;
  const text = elementText(node as Element);
  reading?.text.set(node, text);
  return text;
}

function elementText(element: Element): string {
  if (element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden')) return '';
  const tag = element.localName;
  if (tag === 'script' || tag === 'style' || tag === 'template') return '';
  let text = '';
  let afterBlock = false;
  for (const child of Array.from(element.childNodes)) {
    const part = visibleText(child);
    if (!part) continue;
    const block = child.nodeType === Node.ELEMENT_NODE && !INLINE.has((child as Element).localName);
    text += (block || afterBlock) && text && !/\s$/.test(text) && !/^\s/.test(part) ? ` ${part}` : part;
    afterBlock = block;
  }
  return text;
}

/** The visible text of the elements `ids` names (an `aria-labelledby` / `aria-describedby` value), in `element`'s tree. */
export function byIds(element: Element, ids: string | null): string {
  if (!ids) return '';
  const root = element.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => {
      const target = id ? root.getElementById?.(id) : null;
      return target ? visibleText(target) : '';
    })
    .join(' ');
}

type FormField = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export function isFormField(element: Element): element is FormField {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

/**
 * A pragmatic accessible name (not the full accname algorithm):
 * aria-labelledby, aria-label, associated <label>s (for fields), then the
 * visible content (for buttons, ARIA widgets), then title / placeholder.
 */
export function accessibleName(element: Element): string {
  const labelledBy = byIds(element, element.getAttribute('aria-labelledby'));
  if (labelledBy.trim()) return labelledBy;
  const label = element.getAttribute('aria-label');
  if (label?.trim()) return label;
  if (isFormField(element)) {
    if (element instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(element.type)) {
      return element.value;
    }
    const labels = element.labels ? Array.from(element.labels, (l) => visibleText(l)).join(' ') : '';
    if (labels.trim()) return labels;
    return element.getAttribute('title') ?? element.getAttribute('placeholder') ?? '';
  }
  const content = visibleText(element);
  if (content.trim()) return content;
  return element.getAttribute('title') ?? '';
}

/** Every element in `root` (itself included) that matches `selector`. */
export function queryAll<E extends Element = Element>(root: ParentNode, selector: string): E[] {
  const found = Array.from(root.querySelectorAll<E>(selector));
  if (root instanceof Element && root.matches(selector)) found.unshift(root as unknown as E);
  return found;
}

/** Elements of the list that contain no other element of the list. */
export function innermost<E extends Element>(elements: readonly E[]): E[] {
  return elements.filter((el) => !elements.some((other) => other !== el && el.contains(other)));
}

/**
 * Elements in `scope` that carry text matching `words`: the parent of each
 * matching text node, or an element whose whole visible text matches (for
 * labels split over several nodes). Innermost first, hidden parts skipped.
 */
export function elementsWithText(scope: ParentNode, words: Words, options: { maxLength?: number } = {}): Element[] {
  const maxLength = options.maxLength ?? 80;
  const doc = scope instanceof Document ? scope : (scope as Node).ownerDocument;
  if (!doc) return [];
  const found = new Set<Element>();
  const walker = doc.createTreeWalker(scope as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (!data.trim()) continue;
    const parent = node.parentElement;
    if (!parent || found.has(parent)) continue;
    if (data.length <= maxLength && matchesWords(data, words)) {
      found.add(parent);
      continue;
    }
    const whole = visibleText(parent);
    if (whole.length <= maxLength && matchesWords(whole, words)) found.add(parent);
  }
  return [...found].filter((el) => isVisible(el) && !el.closest('[aria-hidden="true"]'));
}

/**
 * From `start`, the nearest ancestor (itself included, up to `limit`) for
 * which `test` holds.
 */
export function ancestorWhere(start: Element, limit: Element | null, test: (el: Element) => boolean): Element | null {
  for (let node: Element | null = start; node; node = node.parentElement) {
    if (test(node)) return node;
    if (node === limit) break;
  }
  return null;
}

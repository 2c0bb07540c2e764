/**
 * What Bitget copies when the user presses a Copy button in the result
 * window, for a Secret Key the page shows only that way (capture.ts).
 *
 * Listens only while the capture waits for it (`watch(container)`), and
 * reads a copy only when it follows, within PRESS_WINDOW_MS, a trusted
 * press (pointer or key) inside that window: a copy elsewhere on the page,
 * or one a script fakes, is never read. The copied text is handed on as
 * it is; capture.ts keeps it only if it has a Secret Key's shape.
 *
 * Two readings of one copy, because pages copy in two ways:
 * - the selection (a hidden span or text field holding the value, then
 *   `execCommand('copy')`), read in the capture phase, before the page's
 *   own listener can stop the event;
 * - the text the page's own listener wrote (`clipboardData.setData`), read
 *   in the bubble phase.
 * The asynchronous Clipboard API (`navigator.clipboard.writeText`) fires no
 * copy event: such a copy is not seen (the panel's message says what to do).
 */

/** How long after a press in the result window a copy counts as the page's answer to it. */
export const PRESS_WINDOW_MS = 2_000;

export interface CopyWatchDeps {
  window: Window;
  copied(text: string): void;
  guard(work: () => void): void;
}

/** The text selected now: in a text field (its selection) or in the document. */
function selectedText(doc: Document): string {
  const active = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (active && (active.localName === 'textarea' || active.localName === 'input')) {
    const { selectionStart: start, selectionEnd: end } = active;
    if (start !== null && end !== null && end > start) return active.value.slice(start, end);
  }
  return doc.getSelection()?.toString() ?? '';
}

export class CopyWatch {
  private container: Element | undefined;
  private pressedAt = Number.NEGATIVE_INFINITY;
  private abort: AbortController | undefined;

  constructor(private readonly deps: CopyWatchDeps) {}

  /** Watches copies after presses in `container`; undefined stops (and forgets) everything. */
  watch(container: Element | undefined): void {
    this.container = container;
    if (!container) {
      this.abort?.abort();
      this.abort = undefined;
      this.pressedAt = Number.NEGATIVE_INFINITY;
      return;
    }
    if (this.abort) return;
    this.abort = new AbortController();
    const { window: win } = this.deps;
    const options = { capture: true, signal: this.abort.signal };
    const onPress = (event: Event) => this.deps.guard(() => this.pressed(event));
    win.addEventListener('pointerdown', onPress, options);
    win.addEventListener('keydown', onPress, options);
    win.addEventListener(
      'copy',
      (event) => this.deps.guard(() => this.read(event, () => selectedText(win.document))),
      options,
    );
    win.addEventListener(
      'copy',
      (event) => this.deps.guard(() => this.read(event, () => event.clipboardData?.getData('text/plain') ?? '')),
      { signal: this.abort.signal },
    );
  }

  private pressed(event: Event): void {
    const target = event.composedPath()[0] as Node | undefined;
    if (event.isTrusted && target && this.container?.contains(target))
      this.pressedAt = this.deps.window.performance.now();
  }

  private read(event: Event, text: () => string): void {
    if (!event.isTrusted || !this.container) return;
    if (this.deps.window.performance.now() - this.pressedAt > PRESS_WINDOW_MS) return;
    const value = text();
    if (value) this.deps.copied(value);
  }
}

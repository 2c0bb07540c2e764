/**
 * Watching Bitget's page for changes that matter to the guide:
 *
 * - ONE MutationObserver; each batch of records is filtered cheaply (a
 *   ticker's text and class changes are dropped at once). A relevant change
 *   is scanned at once if it is the first in this animation frame (so the
 *   panel reacts in the frame the change is painted in), and any further
 *   ones are coalesced into one scan at the next frame: at most two scans a
 *   frame, however busy the page;
 * - value edits (typing, a native checkbox) that touch no DOM, through
 *   input/change events in the flow's container; typing is read once it
 *   pauses, a toggle or a choice in the coming frame (with the re-render the
 *   page makes of it);
 * - scroll, resize, the flow's container resizing and transitions ending (a
 *   drawer sliding in), which only move the panel (placement in the frame).
 */
import {
  DIALOG_SELECTOR,
  FLOW_CONTAINER_SELECTOR,
  RELEVANT_ATTRIBUTES,
  RELEVANT_SELECTOR,
} from '@/utils/bitget/selectors';

/** How long typing must pause before a text field's value is read (a keystroke is about 100–250 ms apart). */
export const TYPING_PAUSE_MS = 150;

const TEXT_INPUT_TYPES = new Set(['', 'text', 'password', 'search', 'email', 'tel', 'url', 'number']);

/** A field the user types into (not a toggle or a choice, which are read in the coming frame). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.localName === 'textarea') return true;
  if (target.localName === 'input') return TEXT_INPUT_TYPES.has((target.getAttribute('type') ?? '').toLowerCase());
  return target instanceof HTMLElement && target.isContentEditable;
}

export interface WatcherDeps {
  document: Document;
  window: Window;
  /** The overlay's own host element: mutations inside it are ours. */
  host?: Element;
  /** Reads the page and updates the store (no layout). */
  scan(): void;
  /** Reads boxes and moves the panel and spotlight (layout, in the frame). */
  place(): void;
  /** Whether a scroll or resize should move anything. */
  hasTarget(): boolean;
  /** Runs work, never letting an error reach the page. */
  guard(work: () => void): void;
}

export class PageWatcher {
  private observer: MutationObserver | undefined;
  private resizes: ResizeObserver | undefined;
  private readonly watched = new WeakSet<Element>();
  private frame = 0;
  /** A scan already ran in this frame: further changes wait for the next one. */
  private scannedThisFrame = false;
  private dirty = false;
  private placeDirty = false;
  private destroyed = false;
  /** The timer of a scan that waits for typing to pause. */
  private typing = 0;

  constructor(private readonly deps: WatcherDeps) {}

  start(signal: AbortSignal): void {
    const { document: doc, window: win } = this.deps;
    this.observer = new MutationObserver((records) => this.deps.guard(() => this.onMutations(records)));
    // Text changes (a ticker's prices) are not even delivered: only the
    // container the flow is in is watched for them (see `watchContainer`).
    this.observer.observe(doc, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: RELEVANT_ATTRIBUTES,
    });
    const inDialog = (event: Event) => event.target instanceof Element && event.target.closest(FLOW_CONTAINER_SELECTOR);
    const onEdit = (event: Event) => {
      if (!inDialog(event)) return;
      // A keystroke in a text field is read once typing pauses (a note, an IP
      // typed key by key is one read, not one per key); a toggle, a choice or
      // a committed value (`change`) is read in the coming frame, before it is
      // painted: by then the page's own handlers have run and re-rendered, so
      // the edit and the mutations it causes are one scan, not two. The guard
      // on Next reads the form itself, so a read not yet made never lets a
      // risky right by.
      if (event.type === 'input' && isTextEntry(event.target)) this.deps.guard(() => this.invalidateAfterTyping());
      else this.deps.guard(() => this.invalidateInFrame());
    };
    doc.addEventListener('input', onEdit, { capture: true, signal });
    doc.addEventListener('change', onEdit, { capture: true, signal });
    const onViewport = () => {
      if (this.deps.hasTarget()) this.invalidatePlacement();
    };
    doc.addEventListener('scroll', onViewport, { capture: true, passive: true, signal });
    win.addEventListener('resize', onViewport, { passive: true, signal });
    // A container that slides or grows moves what the panel must avoid.
    const onSettled = (event: Event) => {
      if (!(event.target instanceof Node && this.isOurs(event.target))) onViewport();
    };
    doc.addEventListener('transitionend', onSettled, { capture: true, passive: true, signal });
    doc.addEventListener('animationend', onSettled, { capture: true, passive: true, signal });
    const Resize = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (Resize) this.resizes = new Resize(() => this.deps.guard(() => this.invalidatePlacement()));
  }

  destroy(): void {
    this.destroyed = true;
    this.observer?.disconnect();
    this.observer = undefined;
    this.resizes?.disconnect();
    this.resizes = undefined;
    if (this.frame) this.deps.window.cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.typing) this.deps.window.clearTimeout(this.typing);
    this.typing = 0;
  }

  isOurs(node: Node): boolean {
    const host = this.deps.host;
    return host !== undefined && (node === host || host.contains(node));
  }

  /** The same observer also watches the flow's container for text changes (a result filled in late). */
  watchContainer(container: Element): void {
    if (!this.observer || this.watched.has(container)) return;
    this.watched.add(container);
    this.resizes?.observe(container);
    this.observer.observe(container, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: RELEVANT_ATTRIBUTES,
    });
  }

  /** A scan is running now (called by the scan itself): later changes in this frame wait. */
  markScanned(): void {
    this.scannedThisFrame = true;
  }

  /** Something relevant changed: scan now if this frame has not scanned yet, else at the next frame. */
  invalidate(): void {
    if (this.destroyed) return;
    if (this.scannedThisFrame) {
      this.dirty = true;
    } else {
      this.scannedThisFrame = true;
      this.deps.scan();
      this.placeDirty = true;
    }
    this.requestFrame();
  }

  /** Scan in the coming animation frame (before its paint), with whatever else changes until then. */
  private invalidateInFrame(): void {
    if (this.destroyed) return;
    this.dirty = true;
    this.requestFrame();
  }

  /** A keystroke in a text field: one scan when the typing pauses. */
  private invalidateAfterTyping(): void {
    if (this.destroyed) return;
    if (this.typing) this.deps.window.clearTimeout(this.typing);
    this.typing = this.deps.window.setTimeout(() => {
      this.typing = 0;
      this.deps.guard(() => this.invalidateInFrame());
    }, TYPING_PAUSE_MS);
  }

  invalidatePlacement(): void {
    if (this.destroyed) return;
    this.placeDirty = true;
    this.requestFrame();
  }

  /**
   * Cheap: is this record worth a scan? A ticker's price and class changes are
   * not. 'text': only text in the flow changed (a character counter, a hint).
   */
  private relevant(record: MutationRecord): 'controls' | 'text' | false {
    const target = record.target;
    if (this.isOurs(target)) return false;
    if (record.type === 'characterData') {
      const parent = target.parentElement;
      return parent !== null && parent.closest(FLOW_CONTAINER_SELECTOR) !== null && 'text';
    }
    if (record.type === 'attributes') {
      const element = target as Element;
      // A framework that sets an attribute to the value it already has (on
      // every render) changes nothing: the record's old value is the value now.
      if (record.attributeName && record.oldValue === element.getAttribute(record.attributeName)) return false;
      return (element.matches(RELEVANT_SELECTOR) || element.querySelector(DIALOG_SELECTOR) !== null) && 'controls';
    }
    let textOnly = true;
    for (const list of [record.addedNodes, record.removedNodes]) {
      for (const node of Array.from(list)) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        textOnly = false;
        if (this.isOurs(node)) continue;
        const element = node as Element;
        if (element.matches(RELEVANT_SELECTOR) || element.querySelector(RELEVANT_SELECTOR)) return 'controls';
      }
    }
    return textOnly && target instanceof Element && target.closest(FLOW_CONTAINER_SELECTOR) !== null && 'text';
  }

  private onMutations(records: MutationRecord[]): void {
    if (this.dirty) return;
    for (const record of records) {
      const relevant = this.relevant(record);
      // While the user types, text the page echoes (a counter under the field)
      // waits for the pause's scan; a control that appears or changes does not.
      if (relevant === 'controls' || (relevant === 'text' && !this.typing)) {
        this.invalidate();
        return;
      }
    }
  }

  private requestFrame(): void {
    if (this.frame) return;
    this.frame = this.deps.window.requestAnimationFrame(() => {
      this.frame = 0;
      this.scannedThisFrame = false;
      this.deps.guard(() => {
        if (this.dirty) {
          this.dirty = false;
          this.deps.scan();
          this.placeDirty = true;
        }
        if (this.placeDirty) {
          this.placeDirty = false;
          this.deps.place();
        }
      });
    });
  }
}

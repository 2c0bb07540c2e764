/**
 * What a background service set up, to be undone: every listener, handler
 * and timer is added here with its undo, and `dispose()` runs them all once,
 * newest first. `startBackground()` returns it; tests build and tear down
 * the background through it.
 */

interface BrowserEvent<L> {
  addListener(listener: L): void;
  removeListener(listener: L): void;
}

export interface Disposer {
  /** Keeps `undo` for `dispose()`. */
  add(undo: () => void): void;
  /** Adds `listener` to `event`, and its removal to the undo list. */
  listen<L>(event: BrowserEvent<L>, listener: L): void;
  dispose(): void;
}

export function createDisposer(): Disposer {
  const undo: (() => void)[] = [];
  return {
    add(fn) {
      undo.push(fn);
    },
    listen(event, listener) {
      event.addListener(listener);
      undo.push(() => event.removeListener(listener));
    },
    dispose() {
      for (const fn of undo.splice(0).reverse()) {
        try {
          fn();
        } catch (error) {
          console.warn('Mantix Connect: could not undo a background listener', error);
        }
      }
    },
  };
}

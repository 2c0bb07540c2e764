/**
 * Moving the panel by hand (issue 10 §4): dragging its title bar (pointer
 * events), or from the keyboard with the Move button (arrow keys move it,
 * Enter the next corner, Home gives the choice back to the guide). The spot
 * is remembered by the background (`guidePosition:*`, a UI preference). A
 * spot that would cover Bitget's form is kept but not used while it would:
 * the automatic placement wins (utils/guide/placement.ts).
 */
import { type Corner, cornerPosition, positionAt, type UserPosition, userBox } from '@/utils/guide/placement';
import type { pageRequest as requestFn } from '@/utils/page-protocol';
import { naturalSize, viewportOf } from './placement';
import type { GuideState, GuideStore } from './store';

export interface MoveHost {
  store: GuideStore;
  request: typeof requestFn;
  set(patch: Partial<GuideState>): void;
  guard(work: () => void): void;
  window: Window;
  panel(): HTMLElement | null;
  /** Places the panel again in the next frame. */
  replace(): void;
}

export interface MoveActions {
  /** Reads the remembered spot (at start). */
  loadPosition(): Promise<void>;
  /** Moves the panel by (dx, dy) pixels from where it is now. */
  moveBy(dx: number, dy: number): void;
  /** Moves the panel to the next corner (clockwise) as the user's spot. */
  nextCorner(): void;
  /** Forgets the user's spot: the guide chooses again. */
  resetPosition(): void;
  /** Starts a drag from the title bar (primary button only; its buttons keep their clicks). */
  startDrag(event: PointerEvent, handle: HTMLElement): void;
  openFromDock(): void;
  closeToDock(): void;
}

const CLOCKWISE: readonly Corner[] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

export function createMoveActions(host: MoveHost): MoveActions {
  const save = (position: UserPosition | null) =>
    void (position ? host.request('guidePosition:set', position) : host.request('guidePosition:reset', {})).catch(
      () => undefined,
    );

  /**
   * The panel's top-left and natural size (what the placement uses for a user
   * spot): the user's spot while it is in use, even before the next frame has
   * placed it (keys pressed quickly add up), else where the panel is now.
   */
  const where = () => {
    const panel = host.panel();
    if (!panel) return undefined;
    const state = host.store.getState();
    const size = naturalSize(panel, host.window, state.minimised);
    if (state.userPosition && !state.userOverridden) {
      const box = userBox(state.userPosition, size, viewportOf(host.window));
      return { left: box.left, top: box.top, size };
    }
    const rect = panel.getBoundingClientRect();
    return { left: rect.left, top: rect.top, size };
  };

  const setPosition = (position: UserPosition | null, persist: boolean) => {
    host.set({ userPosition: position });
    if (persist) save(position);
    host.replace();
  };

  return {
    async loadPosition() {
      const result = await host.request('guidePosition:get', {});
      if (result.ok && !host.store.getState().userPosition) setPosition(result.value.position, false);
    },
    moveBy(dx, dy) {
      const now = where();
      if (!now) return;
      setPosition(positionAt(now.left + dx, now.top + dy, now.size, viewportOf(host.window)), true);
    },
    nextCorner() {
      const now = where();
      const viewport = viewportOf(host.window);
      // The corner the panel is nearest to now, then the next one clockwise.
      let from: Corner = 'bottom-right';
      if (now) {
        const x = now.left + now.size.width / 2 < viewport.width / 2 ? 'left' : 'right';
        const y = now.top + now.size.height / 2 < viewport.height / 2 ? 'top' : 'bottom';
        from = `${y}-${x}`;
      }
      const next = CLOCKWISE[(CLOCKWISE.indexOf(from) + 1) % CLOCKWISE.length] ?? 'top-left';
      setPosition(cornerPosition(next), true);
    },
    resetPosition() {
      setPosition(null, true);
    },
    startDrag(event, handle) {
      if (event.button !== 0 || !event.isPrimary) return;
      const pressed = event.target instanceof Element ? event.target.closest('button') : null;
      if (pressed && !pressed.hasAttribute('data-move')) return;
      const now = where();
      if (!now) return;
      event.preventDefault();
      const start = { x: event.clientX, y: event.clientY };
      const follow = (e: PointerEvent) =>
        host.guard(() => {
          const viewport = viewportOf(host.window);
          const position = positionAt(
            now.left + e.clientX - start.x,
            now.top + e.clientY - start.y,
            now.size,
            viewport,
          );
          host.set({ userPosition: position });
          host.replace();
        });
      const end = () =>
        host.guard(() => {
          handle.removeEventListener('pointermove', follow);
          handle.removeEventListener('pointerup', end);
          handle.removeEventListener('pointercancel', end);
          host.set({ moving: false });
          save(host.store.getState().userPosition);
          host.replace();
        });
      handle.setPointerCapture(event.pointerId);
      handle.addEventListener('pointermove', follow);
      handle.addEventListener('pointerup', end);
      handle.addEventListener('pointercancel', end);
      const position = positionAt(now.left, now.top, now.size, viewportOf(host.window));
      host.set({ moving: true, userPosition: position });
    },
    openFromDock() {
      host.set({ dockOpen: true, minimised: false });
    },
    closeToDock() {
      host.set({ dockOpen: false });
    },
  };
}

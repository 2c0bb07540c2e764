/**
 * Moving the panel and the spotlight: reads the form's, the target's and the
 * panel's boxes, then writes (reads before writes, once per animation
 * frame). The decision itself is pure (utils/guide/placement.ts).
 */
import { isVisible } from '@/utils/bitget/dom';
import { FORM_CONTROL_SELECTOR } from '@/utils/bitget/selectors';
import {
  type Box,
  choosePlacement,
  PANEL_MARGIN,
  type Placement,
  type PlacementInput,
  type Size,
  userBox,
} from '@/utils/guide/placement';
import type { GuideState } from './store';

/** The panel's width in overlay.css (`.panel`), before any narrowing. */
export const PANEL_WIDTH = 340;
/** The docked tab's size before it was first measured. */
const TAB_GUESS: Size = { width: 140, height: 44 };

export interface PlaceInput {
  target: Element | undefined;
  /** The form's container (dialog, drawer, inline section) when one is shown. */
  container: Element | undefined;
  panel: HTMLElement | null;
  tab: HTMLElement | null;
  spotlight: HTMLElement | null;
  window: Window;
  state: GuideState;
}

/** Draws the spotlight around `rect`, or hides it. */
export function drawSpotlight(element: HTMLElement | null, rect: DOMRect | undefined): void {
  if (!element) return;
  if (!rect) {
    if (!element.hidden) element.hidden = true;
    return;
  }
  const pad = 6;
  element.style.left = `${Math.round(rect.left - pad)}px`;
  element.style.top = `${Math.round(rect.top - pad)}px`;
  element.style.width = `${Math.round(rect.width + pad * 2)}px`;
  element.style.height = `${Math.round(rect.height + pad * 2)}px`;
  element.hidden = false;
}

function boxOf(element: Element): Box {
  const r = element.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

function shown(element: Element | undefined): element is Element {
  return element?.isConnected === true && isVisible(element);
}

export function viewportOf(win: Window): Size {
  return { width: win.innerWidth, height: win.innerHeight };
}

/** The panel's natural size: its content (it scrolls when shortened), at most the viewport. */
export function naturalSize(panel: HTMLElement, win: Window, minimised: boolean): Size {
  const viewport = viewportOf(win);
  return {
    width: minimised ? panel.getBoundingClientRect().width : Math.min(PANEL_WIDTH, viewport.width - 2 * PANEL_MARGIN),
    // The box as laid out, or its content when that is taller (a shortened panel scrolls).
    height: Math.min(Math.max(panel.offsetHeight, panel.scrollHeight + 2), viewport.height - 2 * PANEL_MARGIN),
  };
}

/** Places the panel clear of the form and the target and draws the spotlight; returns the store patch. */
export function placePanel(input: PlaceInput): Partial<GuideState> {
  const { panel, window: win, state } = input;
  const target = shown(input.target) ? input.target : undefined;
  const container = shown(input.container) ? input.container : undefined;
  const targetRect = target?.getBoundingClientRect();
  let patch: Partial<GuideState> = {};
  if (panel) {
    const viewport = viewportOf(win);
    const size = naturalSize(panel, win, state.minimised);
    if (size.width > 0) {
      const avoid = [container, target].filter((el): el is Element => el !== undefined).map(boxOf);
      const tab = input.tab?.getBoundingClientRect();
      const base: PlacementInput = {
        avoid,
        panel: size,
        tab: tab && tab.width > 0 ? { width: tab.width, height: tab.height } : TAB_GUESS,
        viewport,
        current: state.corner,
        ...(state.userPosition ? { user: state.userPosition } : {}),
      };
      let placement: Placement;
      if (state.moving && state.userPosition) {
        const box = userBox(state.userPosition, size, viewport);
        placement = { mode: 'user', left: box.left, top: box.top };
      } else {
        placement = choosePlacement(base);
        // Docked: the form's controls are read (only then) so that the tab keeps clear of them too.
        if (placement.mode === 'dock' && container) {
          const controls = Array.from(container.querySelectorAll(FORM_CONTROL_SELECTOR)).filter(isVisible).map(boxOf);
          placement = choosePlacement({ ...base, controls });
        }
      }
      patch = {
        placement,
        ...(placement.mode === 'corner' ? { corner: placement.corner } : {}),
        ...(placement.mode !== 'dock' && !state.moving ? { dockOpen: false } : {}),
        // Decided here, not derived in the view: a spot just chosen is not "overridden" before it is placed.
        userOverridden: state.userPosition !== null && !state.moving && placement.mode !== 'user',
      };
    }
  }
  drawSpotlight(input.spotlight, state.spotlight ? targetRect : undefined);
  return patch;
}

/**
 * Where the panel sits so that it never covers Bitget's form (issue 10 §4).
 * Pure: boxes in, a placement out (components/overlay/placement.ts reads the
 * boxes and writes the result, once per animation frame).
 *
 * What the panel avoids: the form's container (dialog, drawer or inline
 * section, as the adapter found it) and the control the guide points at.
 * In order:
 *
 * 1. the user's own position (dragged or moved by keys), unless it would
 *    cover something to avoid: then the automatic placement wins;
 * 2. the first corner (the current one first) where the whole panel is clear;
 * 3. a corner where a narrower (down to MIN_WIDTH) or shorter (down to
 *    MIN_HEIGHT, it scrolls) panel is clear, the largest such panel;
 * 4. otherwise a small tab docked on the viewport's edge away from the form,
 *    clear of it (or at least of its controls) where it can be; the user
 *    opens the panel from it.
 */
export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';
export type Side = 'left' | 'right';

export interface Size {
  width: number;
  height: number;
}

export interface Box extends Size {
  left: number;
  top: number;
}

/** A user-chosen spot: fractions (0–1) of the room the panel can travel across and down. */
export interface UserPosition {
  x: number;
  y: number;
}

export type Placement =
  | {
      mode: 'corner';
      corner: Corner;
      /** A narrower panel than its natural width, to stay clear. */
      width?: number;
      /** A height limit, when it must be shorter than its content to stay clear (it scrolls). */
      maxHeight?: number;
    }
  | { mode: 'user'; left: number; top: number }
  | { mode: 'dock'; side: Side; top: number };

export interface PlacementInput {
  /** What the panel must not cover: the form's container and the current target (empty boxes are ignored). */
  avoid: readonly Box[];
  /** The form's controls: a docked tab stays clear of them when it cannot stay clear of the whole form. */
  controls?: readonly Box[];
  /** The panel's natural size (its content, at most the viewport's height less the margins). */
  panel: Size;
  /** The docked tab's size. */
  tab: Size;
  viewport: Size;
  current: Corner;
  user?: UserPosition;
}

export const PANEL_MARGIN = 16;
const GAP = 8;
/** Shorter than this, the panel is no use beside the form: it docks instead. */
const MIN_HEIGHT = 140;
/** Narrower than this, its lines wrap too much to read. */
export const MIN_WIDTH = 280;
const TAB_STEP = 8;
const CORNERS: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];

export function panelBox(corner: Corner, panel: Size, viewport: Size): Box {
  const left = corner.endsWith('left') ? PANEL_MARGIN : viewport.width - PANEL_MARGIN - panel.width;
  const top = corner.startsWith('top') ? PANEL_MARGIN : viewport.height - PANEL_MARGIN - panel.height;
  return { left, top, width: panel.width, height: panel.height };
}

/** The area by which `a` overlaps `b` grown by `gap` on every side (0: clear). */
export function overlap(a: Box, b: Box, gap = GAP): number {
  const x = Math.min(a.left + a.width, b.left + b.width + gap) - Math.max(a.left, b.left - gap);
  const y = Math.min(a.top + a.height, b.top + b.height + gap) - Math.max(a.top, b.top - gap);
  return x > 0 && y > 0 ? x * y : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

/** The room the panel can travel across (x) and down (y) inside the margins. */
function travel(panel: Size, viewport: Size): Size {
  return {
    width: Math.max(0, viewport.width - 2 * PANEL_MARGIN - panel.width),
    height: Math.max(0, viewport.height - 2 * PANEL_MARGIN - panel.height),
  };
}

/** Where a user position puts the panel in this viewport. */
export function userBox(position: UserPosition, panel: Size, viewport: Size): Box {
  const room = travel(panel, viewport);
  return {
    left: Math.round(PANEL_MARGIN + clamp(position.x, 0, 1) * room.width),
    top: Math.round(PANEL_MARGIN + clamp(position.y, 0, 1) * room.height),
    width: panel.width,
    height: panel.height,
  };
}

/** The user position of a panel whose top-left corner is at (left, top), kept inside the margins. */
export function positionAt(left: number, top: number, panel: Size, viewport: Size): UserPosition {
  const room = travel(panel, viewport);
  const fraction = (offset: number, span: number) => (span > 0 ? clamp((offset - PANEL_MARGIN) / span, 0, 1) : 0);
  return { x: fraction(left, room.width), y: fraction(top, room.height) };
}

/** Where each corner's panel sits, for a user who moves it by corners. */
export function cornerPosition(corner: Corner): UserPosition {
  return { x: corner.endsWith('left') ? 0 : 1, y: corner.startsWith('top') ? 0 : 1 };
}

function solid(box: Box): boolean {
  return box.width > 0 && box.height > 0;
}

function clearOf(box: Box, boxes: readonly Box[]): boolean {
  return boxes.every((other) => overlap(box, other) === 0);
}

/** The corner's panel at its natural height, as wide as it can be (≤ natural) and clear. */
function narrower(corner: Corner, panel: Size, viewport: Size, avoid: readonly Box[]): number {
  const box = panelBox(corner, panel, viewport);
  let width = panel.width;
  for (const other of avoid) {
    const rowsMeet = box.top < other.top + other.height + GAP && other.top - GAP < box.top + box.height;
    if (!rowsMeet) continue;
    const room = corner.endsWith('left')
      ? other.left - GAP - PANEL_MARGIN
      : viewport.width - PANEL_MARGIN - (other.left + other.width) - GAP;
    width = Math.min(width, Math.floor(room));
  }
  return width;
}

/** The corner's panel at its natural width, as tall as it can be (≤ natural) and clear. */
function shorter(corner: Corner, panel: Size, viewport: Size, avoid: readonly Box[]): number {
  const box = panelBox(corner, panel, viewport);
  let height = panel.height;
  for (const other of avoid) {
    const columnsMeet = box.left < other.left + other.width + GAP && other.left - GAP < box.left + box.width;
    if (!columnsMeet) continue;
    const room = corner.startsWith('top')
      ? other.top - GAP - PANEL_MARGIN
      : viewport.height - PANEL_MARGIN - (other.top + other.height) - GAP;
    height = Math.min(height, Math.floor(room));
  }
  return height;
}

function union(boxes: readonly Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  const left = Math.min(...boxes.map((b) => b.left));
  const top = Math.min(...boxes.map((b) => b.top));
  const right = Math.max(...boxes.map((b) => b.left + b.width));
  const bottom = Math.max(...boxes.map((b) => b.top + b.height));
  return { left, top, width: right - left, height: bottom - top };
}

/** The tab on the edge away from the form: clear of the form, else of its controls, else at the bottom. */
function dock(input: PlacementInput, avoid: readonly Box[]): Placement {
  const { tab, viewport } = input;
  const form = union(avoid);
  const formCentre = form ? form.left + form.width / 2 : viewport.width;
  const sides: Side[] = formCentre >= viewport.width / 2 ? ['left', 'right'] : ['right', 'left'];
  const lowest = Math.max(0, viewport.height - PANEL_MARGIN - tab.height);
  const spots = function* () {
    for (const side of sides) {
      const left = side === 'left' ? 0 : viewport.width - tab.width;
      for (let top = lowest; top >= PANEL_MARGIN; top -= TAB_STEP) yield { side, box: { left, top, ...tab } };
    }
  };
  for (const boxes of [avoid, (input.controls ?? []).filter(solid)]) {
    for (const { side, box } of spots()) if (clearOf(box, boxes)) return { mode: 'dock', side, top: box.top };
  }
  return { mode: 'dock', side: sides[0] ?? 'right', top: lowest };
}

export function choosePlacement(input: PlacementInput): Placement {
  const { panel, viewport, current } = input;
  const avoid = input.avoid.filter(solid);
  // 1. The user's spot is respected, unless it covers the form or the target:
  //    then the automatic placement below wins (the spot is kept for later).
  if (input.user) {
    const box = userBox(input.user, panel, viewport);
    if (clearOf(box, avoid)) return { mode: 'user', left: box.left, top: box.top };
  }
  const order = [current, ...CORNERS.filter((c) => c !== current)];
  // 2. A corner where the whole panel is clear.
  for (const corner of order) {
    if (clearOf(panelBox(corner, panel, viewport), avoid)) return { mode: 'corner', corner };
  }
  // 3. A corner where a narrower or a shorter panel is clear: the largest.
  let best: { placement: Placement; area: number } | undefined;
  const offer = (placement: Placement, size: Size) => {
    const area = size.width * size.height;
    if (!best || area > best.area) best = { placement, area };
  };
  for (const corner of order) {
    const width = narrower(corner, panel, viewport, avoid);
    if (width >= MIN_WIDTH && clearOf(panelBox(corner, { width, height: panel.height }, viewport), avoid)) {
      offer({ mode: 'corner', corner, width }, { width, height: panel.height });
    }
    const maxHeight = shorter(corner, panel, viewport, avoid);
    if (
      maxHeight >= MIN_HEIGHT &&
      clearOf(panelBox(corner, { width: panel.width, height: maxHeight }, viewport), avoid)
    ) {
      offer({ mode: 'corner', corner, maxHeight }, { width: panel.width, height: maxHeight });
    }
  }
  if (best) return best.placement;
  // 4. No room beside the form: a tab the user opens.
  return dock(input, avoid);
}

/** The corner a panel opened from a docked tab takes: on the tab's side, at its end of the viewport. */
export function dockCorner(side: Side, top: number, viewport: Size): Corner {
  return `${top < viewport.height / 2 ? 'top' : 'bottom'}-${side}`;
}

/**
 * Where the panel sits so that it never covers the control the guide points
 * at: the first corner (keeping the current one if it is fine) whose panel
 * box does not overlap the target; if every corner would, the corner above
 * or below the target with the most room, the panel shortened to fit there
 * (it scrolls).
 */
export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  corner: Corner;
  /** A height limit for the panel, when it must be shorter than its content to stay clear. */
  maxHeight?: number;
}

export const PANEL_MARGIN = 16;
const GAP = 8;
/** Shorter than this, the panel is no use: overlapping a little is the lesser evil. */
const MIN_HEIGHT = 140;
const CORNERS: readonly Corner[] = ['bottom-right', 'bottom-left', 'top-right', 'top-left'];

export function panelBox(
  corner: Corner,
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
): Box {
  const left = corner.endsWith('left') ? PANEL_MARGIN : viewport.width - PANEL_MARGIN - panel.width;
  const top = corner.startsWith('top') ? PANEL_MARGIN : viewport.height - PANEL_MARGIN - panel.height;
  return { left, top, width: panel.width, height: panel.height };
}

export function overlap(a: Box, b: Box, gap = GAP): number {
  const x = Math.min(a.left + a.width, b.left + b.width + gap) - Math.max(a.left, b.left - gap);
  const y = Math.min(a.top + a.height, b.top + b.height + gap) - Math.max(a.top, b.top - gap);
  return x > 0 && y > 0 ? x * y : 0;
}

/**
 * `panel.height` is the panel's natural height (its content, at most the
 * viewport's height less the margins).
 */
export function choosePlacement(
  target: Box,
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
  current: Corner,
): Placement {
  const order = [current, ...CORNERS.filter((c) => c !== current)];
  for (const corner of order) {
    if (overlap(panelBox(corner, panel, viewport), target) === 0) return { corner };
  }
  let best: Required<Placement> | undefined;
  for (const corner of order) {
    const maxHeight = Math.floor(
      corner.startsWith('top')
        ? target.top - GAP - PANEL_MARGIN
        : viewport.height - PANEL_MARGIN - (target.top + target.height) - GAP,
    );
    if (maxHeight >= MIN_HEIGHT && (!best || maxHeight > best.maxHeight)) best = { corner, maxHeight };
  }
  if (best) return best;
  let fallback = current;
  let least = Number.POSITIVE_INFINITY;
  for (const corner of order) {
    const amount = overlap(panelBox(corner, panel, viewport), target);
    if (amount < least) {
      fallback = corner;
      least = amount;
    }
  }
  return { corner: fallback };
}

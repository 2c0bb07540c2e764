import { describe, expect, it } from 'vitest';
import {
  type Box,
  choosePlacement,
  overlap,
  type PlacementInput,
  panelBox,
  positionAt,
  userBox,
} from '@/utils/guide/placement';

const viewport = { width: 1280, height: 860 };
const panel = { width: 340, height: 400 };
const tab = { width: 120, height: 44 };

function place(avoid: Box[], extra: Partial<PlacementInput> = {}) {
  return choosePlacement({ avoid, panel, tab, viewport, current: 'bottom-right', ...extra });
}

/** The panel's box for a placement (corner, user) or the tab's (dock). */
function boxOf(input: PlacementInput): Box {
  const p = choosePlacement(input);
  if (p.mode === 'user') return { left: p.left, top: p.top, ...input.panel };
  if (p.mode === 'dock')
    return { left: p.side === 'left' ? 0 : input.viewport.width - input.tab.width, top: p.top, ...input.tab };
  const size = { width: p.width ?? input.panel.width, height: p.maxHeight ?? input.panel.height };
  return panelBox(p.corner, size, input.viewport);
}

describe('choosePlacement: corners', () => {
  it('keeps the current corner when nothing is under it', () => {
    expect(place([{ left: 100, top: 100, width: 120, height: 40 }])).toEqual({
      mode: 'corner',
      corner: 'bottom-right',
    });
  });
  it('moves away from a target under the panel', () => {
    expect(place([{ left: 1000, top: 700, width: 120, height: 40 }])).toEqual({
      mode: 'corner',
      corner: 'bottom-left',
    });
  });
  it('goes to the top when the target spans the bottom', () => {
    expect(place([{ left: 0, top: 600, width: 1280, height: 100 }])).toEqual({ mode: 'corner', corner: 'top-right' });
  });
  it('avoids the form container, not only the target inside it', () => {
    // A centred dialog with room on the left only (a drawer-like right form).
    const form = { left: 456, top: 73, width: 560, height: 695 };
    const target = { left: 480, top: 300, width: 200, height: 40 };
    const p = place([form, target], { viewport: { width: 1024, height: 768 } });
    expect(p).toMatchObject({ mode: 'corner', corner: 'bottom-left' });
    expect(
      overlap(
        boxOf({ avoid: [form, target], panel, tab, viewport: { width: 1024, height: 768 }, current: 'bottom-right' }),
        form,
      ),
    ).toBe(0);
  });
  it('narrows the panel to fit beside a centred dialog', () => {
    const form = { left: 316, top: 134, width: 640, height: 600 };
    const p = place([form]);
    expect(p).toEqual({ mode: 'corner', corner: 'bottom-right', width: 300 });
  });
  it('shortens a tall panel to fit below a wide target', () => {
    const tall = { width: 340, height: 828 };
    const p = place([{ left: 0, top: 170, width: 1280, height: 45 }], { panel: tall, current: 'top-right' });
    expect(p).toEqual({ mode: 'corner', corner: 'bottom-right', maxHeight: 621 });
  });
  it('ignores empty boxes (a container not laid out)', () => {
    expect(place([{ left: 1000, top: 700, width: 0, height: 0 }])).toEqual({ mode: 'corner', corner: 'bottom-right' });
  });
});

describe('choosePlacement: docking', () => {
  const small = { width: 1024, height: 768 };
  const dialog = { left: 188, top: 60, width: 640, height: 700 };
  it('docks as a tab when no corner has room beside the form', () => {
    const p = place([dialog], { viewport: small });
    expect(p.mode).toBe('dock');
  });
  it('docks on the side away from the form, clear of it', () => {
    const drawer = { left: 300, top: 0, width: 724, height: 768 };
    const input: PlacementInput = { avoid: [drawer], panel, tab, viewport: small, current: 'bottom-right' };
    expect(choosePlacement(input)).toMatchObject({ mode: 'dock', side: 'left' });
    expect(overlap(boxOf(input), drawer)).toBe(0);
  });
  it('on a form as wide as the window, docks clear of its controls', () => {
    const form = { left: 0, top: 0, width: 1024, height: 768 };
    const controls = [
      { left: 10, top: 700, width: 300, height: 40 },
      { left: 900, top: 690, width: 110, height: 60 },
      { left: 10, top: 600, width: 1000, height: 40 },
    ];
    const input: PlacementInput = { avoid: [form], controls, panel, tab, viewport: small, current: 'bottom-right' };
    const p = choosePlacement(input);
    expect(p.mode).toBe('dock');
    for (const control of controls) expect(overlap(boxOf(input), control)).toBe(0);
  });
  it('never docks when there is nothing to avoid', () => {
    expect(place([], { viewport: small })).toEqual({ mode: 'corner', corner: 'bottom-right' });
  });
});

describe('choosePlacement: the user position', () => {
  it('is respected where it covers nothing', () => {
    const user = { x: 0.5, y: 0 };
    const p = place([{ left: 100, top: 600, width: 200, height: 40 }], { user });
    expect(p).toEqual({ mode: 'user', left: 16 + Math.round(0.5 * (1280 - 32 - 340)), top: 16 });
  });
  it('is overridden by the automatic placement when it would cover the form', () => {
    const form = { left: 400, top: 0, width: 480, height: 860 };
    const p = place([form], { user: { x: 0.5, y: 0.5 } });
    expect(p.mode).toBe('corner');
    expect(overlap(boxOf({ avoid: [form], panel, tab, viewport, current: 'bottom-right' }), form)).toBe(0);
  });
  it('round-trips through a box and stays inside the margins', () => {
    const position = positionAt(500, 200, panel, viewport);
    expect(userBox(position, panel, viewport)).toMatchObject({ left: 500, top: 200 });
    expect(positionAt(-50, 5000, panel, viewport)).toEqual({ x: 0, y: 1 });
  });
});

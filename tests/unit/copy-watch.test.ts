/**
 * The copy watch reads nothing a script can fake: only trusted presses and
 * trusted copy events count (the real path, a press of Bitget's Copy button,
 * runs in real Chromium: tests/e2e/shapes.spec.ts, secret-copy-only).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CopyWatch } from '@/components/overlay/copy-watch';

const SECRET = 'f'.repeat(64);

afterEach(() => {
  document.body.innerHTML = '';
});

function setup() {
  document.body.innerHTML = `<div role="dialog"><button type="button">Copy</button></div><p id="out">${SECRET}</p>`;
  const dialog = document.querySelector('[role="dialog"]') as HTMLElement;
  const copied: string[] = [];
  const watch = new CopyWatch({ window, copied: (text) => copied.push(text), guard: (work) => work() });
  const copyFromDialog = () => {
    dialog.querySelector('button')?.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('out') as HTMLElement);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    document.dispatchEvent(new Event('copy', { bubbles: true }));
  };
  return { dialog, copied, watch, copyFromDialog };
}

describe('the copy watch', () => {
  it('never reads a press and a copy that a script dispatched', () => {
    const { dialog, copied, watch, copyFromDialog } = setup();
    watch.watch(dialog);
    copyFromDialog();
    expect(copied).toEqual([]);
    watch.watch(undefined);
  });

  it('stopped, or never started, it reads nothing', () => {
    const { dialog, copied, watch, copyFromDialog } = setup();
    copyFromDialog();
    watch.watch(dialog);
    watch.watch(undefined);
    copyFromDialog();
    expect(copied).toEqual([]);
  });
});

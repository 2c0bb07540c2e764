/**
 * In-page code of the bench, as source text: tsx compiles functions with
 * helpers (`__name`) that do not exist in the page, so what runs in a page
 * or worker is a string.
 */

/**
 * The reaction probe, for the main world of the Bitget replica: a
 * requestAnimationFrame counter, and marks (frame number + time) of
 * - `transfer` — Bitget's Transfer checkbox changed (`checked` in the mark);
 * - `form-open` / `form-closed` — Bitget's form modal (dialog titled
 *   `formTitle`) entered or left the document;
 * - `alerts` — the number of visible `role="alert"` elements in the overlay's
 *   open shadow root changed (`count`);
 * - `step` — the overlay's `aria-current="step"` moved (`step`: its index).
 * Mutation observers run as microtasks after the change, so a mark's frame
 * number is that of the frame the change will be painted in.
 */
export function reactionProbe(options: { host: string; formTitle: string; transferLabel: string }): string {
  return `(() => {
  if (window.__mantixBench) return;
  const HOST = ${JSON.stringify(options.host)};
  const FORM_TITLE = ${JSON.stringify(options.formTitle)};
  const TRANSFER = ${JSON.stringify(options.transferLabel)};
  const state = { frame: 0, marks: [] };
  window.__mantixBench = state;
  const tick = () => { state.frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const mark = (name, extra) => state.marks.push(Object.assign({ name, frame: state.frame, t: performance.now() }, extra || {}));
  const visible = (el) => {
    if (!el.isConnected || el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };

  window.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'checkbox') return;
    const label = (input.closest('label') || input.labels?.[0]);
    if (label && label.textContent.trim() === TRANSFER) mark('transfer', { checked: input.checked });
  }, true);

  let root = null;
  let alerts = 0;
  let step = -1;
  const checkOverlay = () => {
    if (!root) return;
    const count = Array.from(root.querySelectorAll('[role="alert"]')).filter(visible).length;
    if (count !== alerts) { alerts = count; mark('alerts', { count }); }
    const current = root.querySelector('[aria-current="step"]');
    const index = current && current.parentElement ? Array.from(current.parentElement.children).indexOf(current) : -1;
    if (index !== step) { step = index; mark('step', { step: index }); }
  };
  let formOpen = false;
  const checkDocument = () => {
    const host = document.querySelector(HOST);
    const shadow = host && host.shadowRoot;
    if (shadow && shadow !== root) {
      root = shadow;
      new MutationObserver(checkOverlay).observe(shadow, { subtree: true, childList: true, attributes: true, characterData: true });
      checkOverlay();
    }
    const open = Array.from(document.querySelectorAll('[role="dialog"]')).some((dialog) => {
      const id = dialog.getAttribute('aria-labelledby');
      const title = id ? document.getElementById(id) : null;
      return !!title && title.textContent.trim() === FORM_TITLE && visible(dialog);
    });
    if (open !== formOpen) { formOpen = open; mark(open ? 'form-open' : 'form-closed'); }
  };
  new MutationObserver(checkDocument).observe(document.documentElement, { subtree: true, childList: true });
  checkDocument();
})()`;
}

export interface ProbeMark {
  name: 'transfer' | 'form-open' | 'form-closed' | 'alerts' | 'step';
  frame: number;
  t: number;
  checked?: boolean;
  count?: number;
  step?: number;
}

export const READ_PROBE = `(() => { const s = window.__mantixBench; return s ? { frame: s.frame, marks: s.marks.slice() } : null; })()`;

/** In an extension page: the background's answer to one `ping` (the wire format of utils/messaging.ts), timed. */
export const PING = `(async () => {
  const started = performance.now();
  const answer = await chrome.runtime.sendMessage({ id: Math.floor(Math.random() * 1e9), type: 'ping', data: {}, timestamp: Date.now() });
  return { ms: performance.now() - started, ok: !!(answer && answer.res && answer.res.ok) };
})()`;

/** In the service worker: a POST of `size` bytes to `url`, from fetch() to the response headers. */
export function barePost(url: string, size: number): string {
  return `(async () => {
  const body = JSON.stringify({ padding: 'x'.repeat(Math.max(0, ${size} - 14)) });
  const started = performance.now();
  const response = await fetch(${JSON.stringify(url)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const ms = performance.now() - started;
  await response.arrayBuffer();
  return { ms, status: response.status, size: body.length };
})()`;
}

/** In the popup: the wall-clock time (ms since the epoch) of the next click on a button named like `pattern`. */
export function armClickClock(pattern: string): string {
  return `(() => {
  window.__mantixBenchClick = null;
  const re = new RegExp(${JSON.stringify(pattern)});
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button && re.test(button.textContent || '') && window.__mantixBenchClick === null) {
      window.__mantixBenchClick = performance.timeOrigin + performance.now();
    }
  }, true);
})()`;
}

export const READ_CLICK_CLOCK = 'window.__mantixBenchClick';

/**
 * Init script for the popup page: the time (since the page's time origin)
 * its data-testid="background-status" first says "Extension ready" — seen
 * by a mutation observer as the DOM changes, not by polling.
 */
export const READY_CLOCK = `(() => {
  window.__mantixBenchReady = null;
  const check = () => {
    const status = document.querySelector('[data-testid="background-status"]');
    if (window.__mantixBenchReady === null && status && /Extension ready/.test(status.textContent || '')) {
      window.__mantixBenchReady = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

export const READ_READY_CLOCK = 'window.__mantixBenchReady ?? null';

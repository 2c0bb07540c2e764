/**
 * Finding things by meaning in Firefox through Puppeteer: ARIA role and
 * accessible name (`::-p-aria`, which reaches into the guide's open shadow
 * root), and the guide's own text.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

type Scope = Page | ElementHandle<Element>;

export const TIMEOUT = 15_000;

export function aria(role: string, name: string): string {
  if (name.includes('"')) throw new Error(`A name with a double quote cannot be matched: ${name}`);
  return `::-p-aria([name="${name}"][role="${role}"])`;
}

/** The visible element with `role` and exactly `name` (waits for it). */
export async function byRole(
  scope: Scope,
  role: string,
  name: string,
  timeout = TIMEOUT,
): Promise<ElementHandle<Element>> {
  const found = await scope.waitForSelector(aria(role, name), { visible: true, timeout });
  if (!found) throw new Error(`No ${role} named “${name}”.`);
  return found as ElementHandle<Element>;
}

/** Waits until no visible element has `role` and `name`. */
export async function goneRole(scope: Scope, role: string, name: string, timeout = TIMEOUT): Promise<void> {
  await scope.waitForSelector(aria(role, name), { hidden: true, timeout });
}

export async function clickRole(scope: Scope, role: string, name: string): Promise<void> {
  await (await byRole(scope, role, name)).click();
}

/** All text of the guide (inside the open shadow roots of `mantix-guide` hosts), without its style sheets. */
export function overlayText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let text = '';
    for (const host of document.querySelectorAll('mantix-guide')) {
      if (!host.shadowRoot) continue;
      const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.localName !== 'style') text += `${node.textContent ?? ''} `;
      }
    }
    return text.replace(/\s+/g, ' ');
  });
}

/** Waits until the guide shows `text` (whitespace collapsed). */
export async function waitForOverlayText(page: Page, text: string | RegExp, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  let shown = '';
  while (Date.now() < deadline) {
    shown = await overlayText(page);
    if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The guide never showed ${String(text)} in ${timeout} ms; it shows: ${shown.slice(0, 1500)}`);
}

/** Waits until the guide no longer shows `text`. */
export async function waitForOverlayTextGone(page: Page, text: string, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (!(await overlayText(page)).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The guide still shows ${text} after ${timeout} ms.`);
}

/** Waits until the guide's current step (`aria-current="step"`) starts with `title`. */
export async function waitForStep(page: Page, title: string, timeout = TIMEOUT): Promise<void> {
  await page
    .waitForFunction(
      (title: string) =>
        [...document.querySelectorAll('mantix-guide')].some((host) =>
          (host.shadowRoot?.querySelector('[aria-current="step"]')?.textContent ?? '').startsWith(title),
        ),
      { timeout, polling: 100 },
      title,
    )
    .catch(async (error: unknown) => {
      const now = await page.evaluate(() =>
        [...document.querySelectorAll('mantix-guide')]
          .map((host) => host.shadowRoot?.querySelector('[aria-current="step"]')?.textContent ?? '')
          .join(' | '),
      );
      throw new Error(`The current step never became “${title}” (it is “${now}”): ${(error as Error).message}`);
    });
}

/** The text of the first element matching `selector` under `scope`, waiting until it has some. */
export async function textOf(scope: Scope, selector: string, timeout = TIMEOUT): Promise<string> {
  const element = await scope.waitForSelector(selector, { visible: true, timeout });
  if (!element) throw new Error(`Nothing matches ${selector}`);
  return element.evaluate((node) => node.textContent ?? '');
}

/**
 * The row around a permission group's title (the element whose own text is
 * exactly `title`, then its parent), as the Chrome suite finds it.
 */
export async function groupRow(form: ElementHandle<Element>, title: string): Promise<ElementHandle<Element>> {
  const handle = await form.evaluateHandle((root: Element, title: string) => {
    const all = [...root.querySelectorAll('*')];
    const label = all.find((el) => el.childElementCount === 0 && el.textContent?.trim() === title);
    return label?.parentElement ?? null;
  }, title);
  const element = handle.asElement();
  if (!element) throw new Error(`No permission group titled “${title}”.`);
  return element as ElementHandle<Element>;
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  alertdialog: '[role="alertdialog"]',
  alert: '[role="alert"]',
  status: '[role="status"]',
};

/**
 * An element of the guide (inside the `mantix-guide` shadow roots, which
 * Firefox's accessibility locator does not enter) by role and accessible
 * name: `aria-label`, then `aria-labelledby`, then its text.
 */
export async function inGuide(page: Page, role: keyof typeof ROLE_SELECTORS, name: string, timeout = TIMEOUT) {
  const handle = await page
    .waitForFunction(
      (selector: string, name: string) => {
        const roots = [...document.querySelectorAll('mantix-guide')].flatMap((host) =>
          host.shadowRoot ? [host.shadowRoot] : [],
        );
        for (const root of roots) {
          for (const el of root.querySelectorAll<HTMLElement>(selector)) {
            const labelledBy = el.getAttribute('aria-labelledby');
            const accessible =
              el.getAttribute('aria-label') ??
              (labelledBy ? root.getElementById(labelledBy)?.textContent : null) ??
              el.textContent ??
              '';
            const box = el.getBoundingClientRect();
            if (accessible.trim().replace(/\s+/g, ' ') === name && box.width > 0 && box.height > 0) return el;
          }
        }
        return null;
      },
      { timeout, polling: 100 },
      ROLE_SELECTORS[role] ?? role,
      name,
    )
    .catch((error: unknown) => {
      throw new Error(`The guide never showed a ${role} named “${name}”: ${(error as Error).message}`);
    });
  return handle.asElement() as ElementHandle<Element>;
}

/** Clicks the guide's button named `name`. */
export async function clickInGuide(page: Page, name: string): Promise<void> {
  const button = await inGuide(page, 'button', name);
  // The panel scrolls on its own (fixed, overflow auto): bring the button into its view first.
  await button.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await button.click();
}

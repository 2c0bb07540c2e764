import type { ElementHandle, Locator, Page } from '@playwright/test';

export const OVERLAY_HOST = 'mantix-guide';

/** One line of the rights checklist: `ok` (✓), `missing` (not set yet), `unknown` (the panel could not check it). */
export interface ChecklistLine {
  /** The panel's `data-check` id when it sets one (e.g. `no-transfer-withdraw`), else null. */
  id: string | null;
  label: string;
  state: 'ok' | 'missing' | 'unknown';
}

/** The in-page guide, inside its open shadow root on Bitget's page. */
export class Overlay {
  constructor(readonly page: Page) {}

  /** Role locators pierce open shadow roots. */
  get panel(): Locator {
    return this.page.getByRole('complementary', { name: 'Mantix guide' });
  }

  get hosts(): Locator {
    return this.page.locator(OVERLAY_HOST);
  }

  /** The step marked `aria-current="step"`. */
  get currentStep(): Locator {
    return this.panel.locator('[aria-current="step"]');
  }

  step(name: string | RegExp): Locator {
    return this.panel.getByRole('listitem').filter({ hasText: name });
  }

  button(name: string | RegExp): Locator {
    return this.panel.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Polite announcements (task results, the Show me text, the capture's outcome). */
  status(text: string | RegExp): Locator {
    return this.panel.getByRole('status').filter({ hasText: text });
  }

  /** The Transfer / Withdraw warning. */
  get dangerAlert(): Locator {
    return this.panel.getByRole('alert').filter({ hasText: 'Mantix never needs Transfer or Withdraw rights' });
  }

  /** The question asked when Bitget's Next is pressed with Transfer / Withdraw on. */
  get guard(): Locator {
    return this.panel.getByRole('alertdialog', { name: 'Turn off Transfer and Withdraw?' });
  }

  get rightsChecklist(): Locator {
    return this.panel.getByRole('list', { name: 'What Mantix needs' });
  }

  get rightsLines(): Locator {
    return this.rightsChecklist.getByRole('listitem');
  }

  /** The checklist's lines still marked "(not set yet)". */
  get rightsNotSet(): Locator {
    return this.rightsChecklist.getByText('(not set yet)');
  }

  /** The warning's own "Turn it off". */
  get turnItOff(): Locator {
    return this.dangerAlert.getByRole('button', { name: 'Turn it off' });
  }

  /** The guard's default answer. */
  get guardContinue(): Locator {
    return this.guard.getByRole('button', { name: 'Turn it off and continue' });
  }

  get guardCancel(): Locator {
    return this.guard.getByRole('button', { name: 'Cancel' });
  }

  /** The list of what "Set up for Mantix" did, item by item. */
  get setupReport(): Locator {
    return this.panel.getByRole('list', { name: 'What Set up for Mantix did' });
  }

  get setupReportItems(): Locator {
    return this.setupReport.getByRole('listitem');
  }

  /** The generated passphrase, shown once on request. */
  get shownPassphrase(): Locator {
    return this.panel.getByRole('group', { name: 'Your new passphrase' });
  }

  /** A button inside the panel's status line that says `statusText`. */
  statusButton(statusText: string | RegExp, name: string): Locator {
    return this.status(statusText).getByRole('button', { name });
  }

  /** Text the panel shows, anywhere in it. */
  says(text: string | RegExp): Locator {
    return this.panel.getByText(text);
  }

  /* The panel's sentences that specs wait for, by what they mean. */

  get passphraseTooShort(): Locator {
    return this.says('Too short: use 8–32 letters and digits.');
  }

  get passphraseOk(): Locator {
    return this.says('Passphrase meets Bitget’s rule');
  }

  get notLinked(): Locator {
    return this.says(/is not linked to your Mantix account yet/);
  }

  get signInFirst(): Locator {
    return this.says('Sign in to Bitget first.');
  }

  get keyLimit(): Locator {
    return this.says(/Delete an unused key first/);
  }

  get rsaChosen(): Locator {
    return this.says(/User-generated \(RSA\) API key.*choose System-generated API Key instead/);
  }

  get keysCaptured(): Locator {
    return this.says('Keys captured — open Mantix Connect to send them.');
  }

  get anotherKeyWaiting(): Locator {
    return this.says(/Another key is already waiting\./);
  }

  /** The sentence that names a step the guide cannot help with, because a control of Bitget's is not found. */
  cannotFind(control: string, step: number, stepName: string): Locator {
    return this.says(
      `The guide cannot find Bitget’s ${control} on this page, so it cannot help with step ${step} (${stepName}) here.`,
    );
  }

  /** How to reach the toolbar popup where the browser will not open it (text and picture). */
  get toolbarHint(): Locator {
    return this.says(/Click the puzzle-piece icon in the toolbar/);
  }

  get toolbarPicture(): Locator {
    return this.panel.getByRole('img', { name: /puzzle-piece icon opens the list/ });
  }

  /** Any mention of the toolbar's puzzle piece. */
  get anyToolbarMention(): Locator {
    return this.says(/puzzle-piece/);
  }

  /** The steps' list items (none when minimised). */
  get listItems(): Locator {
    return this.panel.getByRole('listitem');
  }

  /**
   * The checklist's lines and their state. A line's state is its
   * `data-state` (`ok` | `missing` | `unknown`) when the panel sets one;
   * otherwise ✓ as its first visible character means `ok`, "Could not
   * check" in it means `unknown`, anything else `missing`.
   */
  async checklistLines(): Promise<ChecklistLine[]> {
    if (!(await this.rightsChecklist.count())) return [];
    return this.rightsChecklist.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => {
        const text = (li.textContent ?? '').replace(/\s+/g, ' ').trim();
        const declared = li.getAttribute('data-state');
        const state =
          declared === 'ok' || declared === 'missing' || declared === 'unknown'
            ? declared
            : text.startsWith('✓')
              ? 'ok'
              : /could not check|cannot check|can’t check/i.test(text)
                ? 'unknown'
                : 'missing';
        const label = text
          .replace(/^[✓○?!×–-]\s*/, '')
          .replace(/\s*\((set|not set yet|could not check)\)$/i, '')
          .trim();
        return { id: li.getAttribute('data-check'), label, state };
      }),
    );
  }

  /** Wherever the panel says it cannot check something (a checklist line or a notice). */
  get cannotCheck(): Locator {
    return this.panel.getByText(/could not check|cannot check|can’t check|cannot tell/i);
  }

  /** Any question the panel asks before letting Bitget's Next / Confirm through (the guard). */
  get anyGuard(): Locator {
    return this.panel.getByRole('alertdialog');
  }

  /** The spotlight drawn over Bitget's page by "Show me" (decorative: aria-hidden). */
  get spotlight(): Locator {
    return this.hosts.locator('.spotlight');
  }

  get minimiseToggle(): Locator {
    return this.panel.getByRole('button', { name: /^(Minimise|Expand) the Mantix guide$/ });
  }

  /** The tab the panel docks as when there is no room beside Bitget's form. */
  get dockTab(): Locator {
    return this.page.getByRole('button', { name: 'Mantix guide — open' });
  }

  /** The title bar's Move button: arrow keys move the panel, Enter the next corner, Home resets. */
  get moveButton(): Locator {
    return this.panel.getByRole('button', { name: 'Move the Mantix guide' });
  }

  get closeToTab(): Locator {
    return this.panel.getByRole('button', { name: 'Close the Mantix guide to its tab' });
  }

  /** The panel's title bar (drag handle). */
  get titleBar(): Locator {
    return this.panel.getByRole('heading', { name: 'Mantix guide' });
  }

  /** Resolves once the guide has placed itself after a layout change (two animation frames). */
  async settled(): Promise<void> {
    await this.page.evaluate(
      () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
    );
  }

  /** The panel's box once it has stopped changing (content loaded, placed): two reads a frame pair apart agree. */
  async stableBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    let last = await this.panel.boundingBox();
    for (;;) {
      await this.settled();
      const now = await this.panel.boundingBox();
      if (now && last && JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
  }

  /**
   * Every visible control of the form around `inside` (a named control of
   * the replica), each scrolled into view: the ones whose centre the guide
   * covers (document.elementFromPoint is inside the guide's host), and how
   * many were checked.
   */
  async formControlsCovered(inside: ElementHandle<Element>): Promise<{ checked: number; covered: string[] }> {
    return inside.evaluate(async (start, host) => {
      const frame = () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
      const container = start.closest('[role="dialog"], dialog, aside, section, form');
      if (!container) throw new Error('no form container around the control');
      const controls = Array.from(
        container.querySelectorAll<HTMLElement>(
          'input, button, [role="checkbox"], [role="switch"], [role="radio"], [role="button"], select, textarea',
        ),
      ).filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
      const covered: string[] = [];
      for (const el of controls) {
        let r = el.getBoundingClientRect();
        if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
          // Out of view: scrolled in, and the guide given its frame to move.
          el.scrollIntoView({ block: 'center', inline: 'nearest' });
          await frame();
          r = el.getBoundingClientRect();
        }
        if (r.width === 0 || r.height === 0) continue;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (top?.closest(host)) {
          const name = el.getAttribute('aria-label') ?? el.getAttribute('placeholder') ?? el.textContent ?? '';
          covered.push(`${el.tagName.toLowerCase()} “${name.trim().slice(0, 40)}”`);
        }
      }
      return { checked: controls.length, covered };
    }, OVERLAY_HOST);
  }

  async setUpRights(): Promise<void> {
    await this.button('Set up rights for Mantix').click();
  }

  async fillIps(): Promise<void> {
    await this.button('Fill Mantix IPs').click();
  }
}

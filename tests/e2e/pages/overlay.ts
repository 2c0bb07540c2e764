import type { Locator, Page } from '@playwright/test';

export const OVERLAY_HOST = 'mantix-guide';

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

  /** The spotlight drawn over Bitget's page by "Show me" (decorative: aria-hidden). */
  get spotlight(): Locator {
    return this.hosts.locator('.spotlight');
  }

  get minimiseToggle(): Locator {
    return this.panel.getByRole('button', { name: /^(Minimise|Expand) the Mantix guide$/ });
  }

  async setUpRights(): Promise<void> {
    await this.button('Set up rights for Mantix').click();
  }

  async fillIps(): Promise<void> {
    await this.button('Fill Mantix IPs').click();
  }
}

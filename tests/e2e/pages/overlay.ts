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
}

import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The toolbar popup, opened as a page (same document, same code). */
export class PopupPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<PopupPage> {
    const page = await context.newPage();
    const popup = new PopupPage(page, extensionId);
    await popup.goto();
    return popup;
  }

  async goto(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/popup.html`);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Mantix Connect', level: 1 });
  }

  get backgroundStatus(): Locator {
    return this.page.getByTestId('background-status');
  }
}

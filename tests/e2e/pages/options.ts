import type { BrowserContext, Locator, Page } from '@playwright/test';

/** The options page: linking the extension to a Mantix account. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    const options = new OptionsPage(page, extensionId);
    await options.goto();
    return options;
  }

  async goto(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Mantix Connect', level: 1 });
  }

  get backgroundStatus(): Locator {
    return this.page.getByTestId('background-status');
  }
}

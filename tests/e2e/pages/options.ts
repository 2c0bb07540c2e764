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

  /** The "Mantix account" section. */
  get account(): Locator {
    return this.page.getByRole('region', { name: 'Mantix account' });
  }

  get linkButton(): Locator {
    return this.account.getByRole('button', { name: 'Link Mantix account' });
  }

  /** The user code to approve in Mantix (a read-only text field). */
  get userCode(): Locator {
    return this.account.getByLabel('Your code');
  }

  get countdown(): Locator {
    return this.account.getByRole('timer');
  }

  /** The sentence of a failure or an end state (denied, expired, error). */
  get alert(): Locator {
    return this.account.getByRole('alert');
  }

  button(name: string | RegExp): Locator {
    return this.account.getByRole('button', { name });
  }

  get unlinkButton(): Locator {
    return this.button('Unlink');
  }

  get serverIps(): Locator {
    return this.account.getByRole('list', { name: 'Mantix server IPs for Bitget' });
  }

  get serverIpItems(): Locator {
    return this.serverIps.getByRole('listitem');
  }

  /** The error's "Details" disclosure (its technical part), and what it hides. */
  get alertDetails(): Locator {
    return this.alert.getByText('Details', { exact: true });
  }

  get alertDetailsBody(): Locator {
    return this.alert.locator('details code');
  }

  /** The account section's first announcement (e.g. "Unlinked."). */
  get accountStatus(): Locator {
    return this.account.getByRole('status').first();
  }

  /** Under "About Mantix Connect" (for support). */
  get trustedKeys(): Locator {
    return this.page.getByRole('list', { name: 'Trusted encryption keys' });
  }

  /** A value of the linked account's description lists (Name, Email; the Account ID is under About). */
  accountValue(term: 'Name' | 'Email' | 'Account ID'): Locator {
    return this.page.locator('dl.account dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').first();
  }

  get trustedKeyItems(): Locator {
    return this.trustedKeys.getByRole('listitem');
  }

  /** Opens "About Mantix Connect" (ids and fingerprints, for support). */
  async openAbout(): Promise<void> {
    const about = this.page.locator('details.about');
    if ((await about.getAttribute('open')) === null) await about.locator('summary').click();
  }

  /** The next step once linked: "Create your key on Bitget". */
  get nextStep(): Locator {
    return this.account.getByRole('region', { name: 'Next: create your key on Bitget' });
  }

  /** "Unlink", then "Yes, unlink" in the question it asks. */
  async unlink(): Promise<void> {
    await this.unlinkButton.click();
    await this.button('Yes, unlink').click();
  }

  /**
   * Clicks "Link Mantix account" (or another start button) and returns the
   * Mantix verification page it opens in a new tab.
   */
  async startLinking(buttonName: string | RegExp = 'Link Mantix account'): Promise<Page> {
    const opened = this.page.context().waitForEvent('page');
    await this.button(buttonName).click();
    const mantix = await opened;
    await mantix.waitForLoadState('domcontentloaded');
    return mantix;
  }
}

/** The reference server's verification page (contract §2: a plain form with Approve and Deny). */
export class MantixDevicePage {
  constructor(readonly page: Page) {}

  get code(): Locator {
    return this.page.locator('#user-code');
  }

  async approve(): Promise<void> {
    await this.page.getByRole('button', { name: 'Approve' }).click();
    await this.page.getByRole('heading', { name: 'Approved' }).waitFor();
  }

  async deny(): Promise<void> {
    await this.page.getByRole('button', { name: 'Deny' }).click();
    await this.page.getByRole('heading', { name: 'Denied' }).waitFor();
  }
}

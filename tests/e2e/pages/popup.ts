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

  /* ------------------------------------------------------ sections -- */

  section(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name });
  }

  get notLinked(): Locator {
    return this.section('Link your Mantix account');
  }

  get nothingCaptured(): Locator {
    return this.section('No key captured yet');
  }

  get captured(): Locator {
    return this.section('Keys captured');
  }

  get sending(): Locator {
    return this.section(/^Sending .* to Mantix$/);
  }

  get retrying(): Locator {
    return this.section('Mantix is busy: retrying automatically');
  }

  get active(): Locator {
    return this.section('Connected to Mantix');
  }

  /** A failure (a verdict of Mantix, or an error before one). */
  get failed(): Locator {
    return this.section(/^(Mantix could not use the key|The keys were not handed over)/);
  }

  get expired(): Locator {
    return this.section('The captured keys expired');
  }

  get pending(): Locator {
    return this.section('Another key was captured');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  /* ------------------------------------------------- captured keys -- */

  get apiKey(): Locator {
    return this.page.getByTestId('api-key');
  }

  get secretKey(): Locator {
    return this.page.getByTestId('secret-key');
  }

  get passphrase(): Locator {
    return this.page.getByTestId('passphrase');
  }

  /** The captured key's note, as Bitget's page showed it. */
  get note(): Locator {
    return this.page.getByTestId('note');
  }

  /** While retrying: when the next try is. */
  get nextAttempt(): Locator {
    return this.page.getByTestId('next-attempt');
  }

  get expiry(): Locator {
    return this.page.getByTestId('expiry');
  }

  get checklist(): Locator {
    return this.section('Security checklist');
  }

  checklistItem(label: string): Locator {
    return this.checklist.getByRole('listitem').filter({ hasText: label });
  }

  get balance(): Locator {
    return this.page.getByTestId('balance');
  }

  sendButton(account = 'Demo Trader (demo@mantix.test)'): Locator {
    return this.page.getByRole('button', { name: `Send to ${account}`, exact: true });
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** Any Send button, whatever account it names. */
  get anySendButton(): Locator {
    return this.page.getByRole('button', { name: /^Send to/ });
  }

  /** In the "Another key was captured" choice: the button that takes the new key (named by its last four). */
  useNewKey(apiKey: string): Locator {
    return this.pending.getByRole('button', { name: `Use the new key …${apiKey.slice(-4)}` });
  }

  /** The steps shown while sending (one has aria-current="step"). */
  get sendingSteps(): Locator {
    return this.sending.getByRole('listitem');
  }

  get savedPassphrase(): Locator {
    return this.page.getByRole('checkbox', { name: 'I saved the Passphrase somewhere safe' });
  }

  get savedSecret(): Locator {
    return this.page.getByRole('checkbox', { name: 'I saved the Secret Key somewhere safe' });
  }

  /** Ticks "passphrase saved" and "secret saved", then presses Send. */
  async confirmAndSend(account?: string): Promise<void> {
    await this.savedPassphrase.check();
    await this.savedSecret.check();
    await this.sendButton(account).click();
  }

  /** The disclosure that opens (and closes) the paste form. */
  get pasteToggle(): Locator {
    return this.page.getByText('Paste the keys instead');
  }

  /** Whether the paste form's disclosure is open. */
  async pasteFormOpen(): Promise<boolean> {
    return (await this.page.locator('details.manual[open]').count()) > 0;
  }

  /** The disclosure with the field to re-enter the Passphrase. */
  get reenterToggle(): Locator {
    return this.page.getByText('Re-enter the Passphrase', { exact: true });
  }

  /** A section's "Details" disclosure (the technical part of an error). */
  details(section: Locator): Locator {
    return section.getByText('Details', { exact: true });
  }

  /** The notice that captured keys were lost when the browser closed. */
  get keysLostNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: 'closed' });
  }

  /** The notice that a stored item could not be read and was reset, and its Dismiss. */
  get resetNotice(): Locator {
    return this.page.getByRole('status').filter({ has: this.page.getByRole('button', { name: 'Dismiss' }) });
  }

  get dismissResetNotice(): Locator {
    return this.resetNotice.getByRole('button', { name: 'Dismiss' });
  }

  /** The manual fallback: pastes the three values into the form. */
  async pasteKeys(keys: { apiKey: string; secretKey: string; passphrase: string }): Promise<void> {
    await this.pasteToggle.click();
    const form = this.page.getByRole('form', { name: 'Paste keys' });
    await form.getByLabel('API Key').fill(keys.apiKey);
    await form.getByLabel('Secret Key').fill(keys.secretKey);
    await form.getByLabel('Passphrase').fill(keys.passphrase);
    await form.getByRole('button', { name: 'Use these keys' }).click();
  }

  /**
   * Re-enters the Passphrase: on the wrong-passphrase screen its one field
   * ("Update and send again"), otherwise the captured keys' disclosure.
   */
  async reenterPassphrase(passphrase: string): Promise<void> {
    const editor = this.page.getByRole('form', { name: 'Re-enter the Passphrase' });
    if (!(await editor.isVisible())) await this.reenterToggle.click();
    await editor.getByLabel('New Passphrase').fill(passphrase);
    await editor.getByRole('button', { name: /^Update (the Passphrase|and send again)$/ }).click();
  }

  /** "Discard keys…", then "Discard" in the question it asks. */
  async discard(): Promise<void> {
    await this.button('Discard keys…').click();
    await this.button('Discard').click();
  }
}

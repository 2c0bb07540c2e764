import { expect, type Frame, type Locator, type Page } from '@playwright/test';
import { type BitgetLang, type BitgetVariant, replicaText } from '../../fixtures/bitget/route';

/** The two verification codes the replica accepts (any six digits). */
const EMAIL_CODE = '123456';
const GA_CODE = '654321';

/**
 * Bitget's API key page as the replica draws it, found by the replica's own
 * wording in the page's language (`tests/fixtures/bitget/app/i18n.json`):
 * specs say what the user does on Bitget, this file how it is found. (The
 * extension itself never reads these words: it finds Bitget's controls by
 * meaning, `utils/bitget/`.)
 */
export class BitgetPage {
  constructor(
    /** The page, or a frame that renders Bitget's page. */
    readonly page: Page | Frame,
    readonly lang: BitgetLang = 'en',
  ) {}

  /** The replica's text for `key` in the page's language. */
  say(key: string, params?: Record<string, string | number>): string {
    return replicaText(this.lang, key, params);
  }

  private buttonNamed(key: string, scope: Page | Frame | Locator = this.page): Locator {
    return scope.getByRole('button', { name: this.say(key), exact: true });
  }

  /* --------------------------------------------------- the key list -- */

  get createApiKey(): Locator {
    return this.buttonNamed('createApiKey');
  }

  /** Create API Key → System-generated in the chooser; returns the form's dialog (not waited for). */
  async chooseSystemGenerated(): Promise<Locator> {
    await this.createApiKey.click();
    await this.dialog('chooserTitle').getByText(this.say('systemGenerated'), { exact: true }).click();
    return this.dialog('formTitleSystem');
  }

  /** Create API Key → User-generated (RSA) in the chooser. */
  async chooseUserGenerated(): Promise<void> {
    await this.createApiKey.click();
    await this.dialog('chooserTitle').getByText(this.say('userGenerated'), { exact: true }).click();
  }

  /** A dialog of the page by its title's key (`verifyTitle`, `resultTitle`, `limitTitle`, `formTitleUser`…). */
  dialog(titleKey: string): Locator {
    return this.page.getByRole('dialog', { name: this.say(titleKey) });
  }

  /* ------------------------------------------------------- the form -- */

  /** The row of a permission group, found by its title's key (`grpWallet`, `grpAssets`…). */
  group(form: Locator, titleKey: string): Locator {
    return form.getByText(this.say(titleKey), { exact: true }).locator('xpath=..');
  }

  /** The money-moving right of the layout: Wallet → Withdraw (Classic) or Assets → Withdraw (unified account). */
  withdrawBox(form: Locator, layout: BitgetVariant['layout'] = 'classic'): Locator {
    return this.group(form, layout === 'uta' ? 'grpAssets' : 'grpWallet').getByRole('checkbox', {
      name: this.say('itemWithdraw'),
      exact: true,
    });
  }

  next(form: Locator): Locator {
    return this.buttonNamed('next', form);
  }

  /** The Note field by its label (`noteField` finds it by its placeholder). */
  noteLabelled(form: Locator): Locator {
    return form.getByRole('textbox', { name: new RegExp(`^${this.say('note')}`) });
  }

  noteField(form: Locator): Locator {
    return form.getByPlaceholder(this.say('notePlaceholder'));
  }

  /** The Note field's visible label (a test renames it to play a Bitget release the adapter does not know). */
  noteLabel(form: Locator): Locator {
    return form.locator('label', { hasText: new RegExp(`^${this.say('note')}`) });
  }

  /** The passphrase field by its label (`passphraseField` finds it by its placeholder). */
  passphraseLabelled(form: Locator): Locator {
    return form.getByLabel(this.say('passphrase'), { exact: true });
  }

  readWrite(form: Locator): Locator {
    return form.getByRole('radio', { name: this.say('readWrite'), exact: true });
  }

  passphraseField(form: Locator): Locator {
    return form.getByPlaceholder(this.say('passphrasePlaceholder'));
  }

  /** The comma-separated IP field (variants with `ipField: 'comma'`). */
  ipText(form: Locator): Locator {
    return form.getByPlaceholder(this.say('ipPlaceholderComma'));
  }

  /** Types an address into the IP field by hand, in either style (a chip is confirmed with Enter). */
  async typeIp(form: Locator, ipField: BitgetVariant['ipField'], ip: string): Promise<void> {
    if (ipField === 'chips') {
      const input = form.getByPlaceholder(this.say('ipPlaceholderChip'));
      await input.pressSequentially(ip);
      await input.press('Enter');
      await expect(form.getByRole('button', { name: this.say('removeIp', { ip }) })).toBeVisible();
    } else {
      await this.ipText(form).pressSequentially(ip);
    }
  }

  /* ------------------------------------ verification and the result -- */

  get verification(): Locator {
    return this.dialog('verifyTitle');
  }

  /** The result dialog (the first, where a quirk shows two). */
  get result(): Locator {
    return this.dialog('resultTitle').first();
  }

  /** Bitget's security verification: (Send code,) the two codes, Confirm. */
  async confirmVerification({ sendCode = false } = {}): Promise<void> {
    const verify = this.verification;
    if (sendCode) await this.buttonNamed('sendCode', verify).click();
    await verify.getByLabel(this.say('emailCode'), { exact: true }).pressSequentially(EMAIL_CODE);
    await verify.getByLabel(this.say('gaCode'), { exact: true }).pressSequentially(GA_CODE);
    await this.buttonNamed('confirm', verify).click();
  }

  /* ------------------------------------------ the site around it -- */

  /** The site's logo link (an in-app route to the home page). */
  get logo(): Locator {
    return this.page.getByRole('link', { name: 'Bitget', exact: true });
  }

  /** The home page's link to the API keys (an in-app route change). */
  get homeCta(): Locator {
    return this.page.getByRole('link', { name: this.say('homeCta'), exact: true });
  }

  /** The account menu → API Keys (the help article's route). */
  async openApiKeysFromMenu(): Promise<void> {
    await this.page.getByRole('button', { name: this.say('profileMenu') }).click();
    await this.page.getByRole('menuitem', { name: this.say('menuApiKeys'), exact: true }).click();
  }

  /** The account menu → Log out (an in-app route change). */
  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: this.say('profileMenu') }).click();
    await this.page.getByRole('menuitem', { name: this.say('menuLogout') }).click();
  }

  /** The signed-out page's Log in (an in-app route change to the login page). */
  async openLogin(): Promise<void> {
    await this.buttonNamed('login', this.page.getByRole('main')).click();
  }

  /** The login page's own Log in (back to where the user came from). */
  async submitLogin(): Promise<void> {
    await this.buttonNamed('login').last().click();
  }
}

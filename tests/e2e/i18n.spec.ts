/**
 * The extension speaks the browser's language: Chromium started in Russian
 * and in Chinese shows the popup, the options page and the overlay in that
 * language, from the built extension's own _locales, and localizes its
 * manifest (name, description).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replicaText } from '../fixtures/bitget/route';
import { expect, test } from './fixtures';
import { EXTENSION_DIR } from './harness';

type Messages = Record<string, { message: string }>;

function messagesOf(folder: string): Messages {
  return JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', folder, 'messages.json'), 'utf8')) as Messages;
}

/** The text of `key` in a language folder (no placeholders), failing on an unknown key. */
function text(messages: Messages, key: string): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message;
}

const english = messagesOf('en');

/** The text of a message up to its first placeholder. */
function lead(message: string): string {
  return message.split(/\$[A-Za-z0-9_]+\$/)[0] ?? message;
}

const LANGUAGES = [
  { uiLocale: 'ru-RU', folder: 'ru', lang: 'ru', script: /[А-Яа-яЁё]/, replica: 'classic-ru-aria-chips' },
  { uiLocale: 'zh-CN', folder: 'zh_CN', lang: 'zh-CN', script: /[\u4e00-\u9fff]/, replica: 'classic-zh-aria-comma' },
] as const;

for (const language of LANGUAGES) {
  const messages = messagesOf(language.folder);
  const say = (key: string) => text(messages, key);

  test.describe(`in ${language.uiLocale}`, () => {
    test.use({ uiLocale: language.uiLocale });

    test('the manifest is localized', async ({ context, extensionId }) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      const manifest = await page.evaluate(() => {
        const { name, description, action } = chrome.runtime.getManifest();
        return { name, description, title: action?.default_title, extName: chrome.i18n.getMessage('extName') };
      });
      expect(manifest).toEqual({
        // A test build says so in its name (utils/build-config.ts, buildNameSuffix).
        name: `${say('extName')} (TEST)`,
        description: say('extDescription'),
        title: say('extName'),
        extName: say('extName'),
      });
      expect(manifest.description).toMatch(language.script);
      expect(manifest.description).not.toBe(text(english, 'extDescription'));
    });

    test('the options page', async ({ options: openOptions }) => {
      const options = await openOptions();
      const { page } = options;
      await expect(page.locator('html')).toHaveAttribute('lang', language.lang);
      await expect(page).toHaveTitle(say('extName'));
      const account = page.getByRole('region', { name: say('options_accountHeading') });
      await expect(account.getByRole('heading', { level: 2 })).toHaveText(say('options_accountHeading'));
      await expect(account.getByRole('button', { name: say('options_link') })).toBeVisible();
      await expect(account.getByText(say('options_linkIntro'))).toBeVisible();
      await expect(options.backgroundStatus).toContainText(say('background_ready').replace(/\$VERSION\$/, ''));
      // Nothing of the English text is left on the page.
      await expect(page.getByText(text(english, 'options_link'))).toHaveCount(0);
    });

    test('the popup, and the toolbar button’s title', async ({ popup: openPopup }) => {
      const popup = await openPopup();
      const { page } = popup;
      await expect(page.locator('html')).toHaveAttribute('lang', language.lang);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(say('extName'));
      await expect(page.getByRole('region', { name: say('popup_linkHeading') })).toBeVisible();
      const nothing = page.getByRole('region', { name: say('popup_nothingHeading') });
      await expect(nothing.getByRole('button', { name: say('popup_connectBitget') })).toBeVisible();
      await expect(page.getByRole('button', { name: say('popup_settings') })).toBeVisible();
      const title = () => page.evaluate(() => chrome.action.getTitle({}));
      expect(await title()).toBe(say('extName'));

      // Pasted keys: the form, its answer and the badge's title speak the language too.
      await nothing.getByText(say('manual_summary')).click();
      const form = page.getByRole('form', { name: say('manual_formLabel') });
      await form.getByLabel(say('field_apiKey'), { exact: true }).fill(`bg_${'1a'.repeat(16)}`);
      await form.getByLabel(say('field_secretKey'), { exact: true }).fill('2b'.repeat(32));
      await form.getByLabel(say('field_passphrase'), { exact: true }).fill('Mantix2024');
      await form.getByRole('button', { name: say('manual_submit') }).click();
      const captured = page.getByRole('region', { name: say('popup_capturedHeading') });
      await expect(captured.getByRole('heading', { level: 3 })).toHaveText(say('popup_checklistHeading'));
      await expect(captured).toContainText(say('checklist_notSeenAll'));
      await expect.poll(title).toBe(say('badge_captured'));
    });

    test('the overlay on Bitget’s page', async ({ bitget }) => {
      // Bitget's page in the same language, as a user of that language sees it.
      const { page } = await bitget.open(language.replica, `/${language.lang}/account/newapi`);
      const bitgetSays = (key: string) => replicaText(language.lang, key);
      const panel = page.getByRole('complementary', { name: say('guide_heading') });
      await expect(panel).toBeVisible();
      await expect(panel).toHaveAttribute('lang', language.lang);
      await expect(panel.locator('[aria-current="step"]')).toHaveText(say('guide_step3'));
      await expect(panel.getByText(say('guide_hintKeyList'))).toBeVisible();
      await panel.getByRole('button', { name: say('guide_showMe') }).click();
      await expect(panel.getByRole('status')).toContainText(lead(say('guide_highlighted')));
      await expect(panel.getByRole('button', { name: say('guide_hideHighlight') })).toBeVisible();

      // Bitget's Create API Key form: the panel's help for each part of it.
      await page.getByRole('button', { name: bitgetSays('createApiKey'), exact: true }).click();
      await page
        .getByRole('dialog', { name: bitgetSays('chooserTitle') })
        .getByText(bitgetSays('systemGenerated'), { exact: true })
        .click();
      await expect(page.getByRole('dialog', { name: bitgetSays('formTitleSystem') })).toBeVisible();
      await expect(panel.locator('[aria-current="step"]')).toHaveText(say('guide_step4'));
      for (const section of ['form_noteSection', 'field_passphrase', 'form_rightsSection', 'form_ipsSection']) {
        await expect(panel.getByRole('region', { name: say(section) })).toBeVisible();
      }
      await expect(panel.getByText(say('passphraseCheck_empty'))).toBeVisible();
      await expect(panel.getByRole('button', { name: say('form_setUpRights') })).toBeVisible();
      await expect(panel.getByRole('button', { name: say('form_copyIps') })).toBeVisible();
      await expect(panel.getByText(text(english, 'form_rightsSection'), { exact: true })).toHaveCount(0);
    });
  });
}

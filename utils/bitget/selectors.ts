/**
 * EVERY piece of knowledge about Bitget's wording and markup, in one place.
 *
 * Bitget's DOM is not ours: class names are generated hashes that change
 * between releases, so nothing here names a class. Controls are found by
 * meaning — ARIA roles, accessible names and label text in English,
 * Simplified Chinese and Russian, input types, value shapes — by adapter.ts.
 *
 * Patterns are tested against normalised text (utils/bitget/dom.ts
 * `normalise`: NFKC, lower-case, collapsed whitespace, no trailing colon or
 * required-star). To support a new language or a reworded release, add its
 * words here and a replica variant under tests/fixtures/bitget; the selector
 * test (tests/e2e/selectors.spec.ts) proves each pattern finds exactly one
 * element on every variant.
 */
import type { Words } from './dom';

/* ------------------------------------------------------------ structure -- */

/** Modal dialogs: the form, verification and result are rendered in these. */
export const DIALOG_SELECTOR = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

/**
 * Where else the flow may live when it is not in a dialog: a side drawer or
 * panel (`aside`, a region, no dialog role) or a form inline on its own route
 * (/account/newapi/create). Only ever classified by what it shows.
 */
export const FLOW_CONTAINER_SELECTOR = `${DIALOG_SELECTOR}, aside, [role="complementary"], [role="region"], form, section[aria-labelledby]`;

/** Anything a user can press. */
export const BUTTON_SELECTOR = 'button, [role="button"], a[href], input[type="button"], input[type="submit"]';

/**
 * What a Copy button may keep its value in (clipboard.js's
 * `data-clipboard-text` and the like): their `data-*` attributes are read
 * for a value of the key's shape.
 */
export const COPY_VALUE_SELECTOR =
  'button, [role="button"], [data-clipboard-text], [data-copy], [data-copy-text], [data-value], [data-text]';

/** Text fields (the note, passphrase, IP and code fields). */
export const TEXT_FIELD_SELECTOR =
  'input:not([type]), input[type="text"], input[type="password"], input[type="search"], input[type="tel"], input[type="email"], input[type="number"], textarea, [contenteditable="true"], [role="textbox"]';

/** The page's main content (the sign-in button there wins over the header's). */
export const MAIN_SELECTOR = 'main, [role="main"]';

/** Rows and cells of the key list. */
export const ROW_SELECTOR = 'tr, [role="row"]';
export const CELL_SELECTOR = 'td, [role="cell"], [role="gridcell"]';

/** A form's own submit button, when it has no recognisable name. */
export const SUBMIT_SELECTOR = 'button[type="submit"], input[type="submit"]';

/** The passphrase field by type, when it has no recognisable label. */
export const PASSWORD_SELECTOR = 'input[type="password"]';

/** Named groups of rights. */
export const GROUP_SELECTOR = '[role="group"], fieldset';

/** Where errors such as 40063 are announced outside dialogs (alerts, toasts). */
export const ANNOUNCEMENT_SELECTOR = '[role="alert"], [role="status"], [aria-live]';

/** On/off controls (permissions). */
export const TOGGLE_SELECTOR = 'input[type="checkbox"], [role="checkbox"], [role="switch"]';

/** Any control of the form a user acts on (the guide's panel and tab stay clear of them). */
export const FORM_CONTROL_SELECTOR = `${BUTTON_SELECTOR}, ${TEXT_FIELD_SELECTOR}, ${TOGGLE_SELECTOR}, select, input[type="radio"], [role="radio"], button[aria-pressed]`;

/** One-of-several controls (Read-only / Read-write, the key type chooser). */
/** A native drop-down (the access level may be one). */
export const SELECT_SELECTOR = 'select';
export const CHOICE_SELECTOR =
  'input[type="radio"], [role="radio"], [role="tab"], [role="option"], [role="menuitemradio"], button[aria-pressed]';

/**
 * What can change the page state: a mutation that adds or removes one of
 * these (or touches one) is worth a look; anything else (a ticker's prices,
 * a news carousel) is ignored without further work.
 */
export const RELEVANT_SELECTOR = `${DIALOG_SELECTOR}, aside, [role="complementary"], [role="region"], ${BUTTON_SELECTOR}, ${TEXT_FIELD_SELECTOR}, ${TOGGLE_SELECTOR}, ${CHOICE_SELECTOR}, form, table, h1, h2, h3, [role="heading"], [role="alert"], [role="status"]`;

/** Attributes whose change on a relevant element can change what the guide shows. */
export const RELEVANT_ATTRIBUTES = [
  'aria-checked',
  'aria-selected',
  'aria-pressed',
  'aria-disabled',
  'aria-hidden',
  'aria-modal',
  'checked',
  'disabled',
  'hidden',
  'open',
  'readonly',
  'role',
  'style',
  'class',
  'type',
];

/* ------------------------------------- shapes (the keys' own: ./shapes.ts) -- */

/** An API key inside a longer text (e.g. a table cell). */
export const API_KEY_IN_TEXT = /(?:^|[^0-9A-Za-z_])bg_[0-9a-f]{32}(?![0-9A-Za-z])/;
/** One IPv4 address shown as text (a chip). */
export const IPV4_TEXT = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Bitget's note rule (error 40056). */
export const NOTE_MAX_LENGTH = 20;
/** Bitget's key limit per UID (error 40063). */
export const MAX_KEYS = 10;

/* ------------------------------------------------------------- wording -- */

export const WORDS = {
  /* The page around the flow. */
  signIn: [/^log ?in$/, /^sign ?in$/, /^登录$/, /^登入$/, /^войти$/, /^вход$/],
  signedOutPrompt: [
    /^(please )?(log|sign) ?in to (manage|create|view)/,
    /^登录后(管理|创建|查看)/,
    /^请先登录/,
    /^войдите,? чтобы/,
    /^войдите в аккаунт/,
  ],
  apiManagement: [/^api management$/, /^api keys?$/, /^api管理$/, /^управление api$/, /^api-ключи$/],
  createApiKey: [
    /^create (an )?api( key)?$/,
    /^\+? ?create api key$/,
    /^创建api( key| 密钥|密钥)?$/,
    /^создать api(-| )?ключ$/,
  ],
  /** The key-limit error, in a dialog, a toast or an alert (error 40063). */
  keyLimit: [
    /\b40063\b/,
    /up to 10 api keys/,
    /api数量已达上限/,
    /не более 10 api-ключей/,
    /^unable to create api key$/,
    /^无法创建api$/,
    /^не удалось создать api-ключ$/,
  ],

  /* The chooser. */
  systemGenerated: [/^system[- ]generated( api key)?$/, /^系统生成( ?api)?(密钥| key)?$/, /^системный api(-| )?ключ$/],
  userGenerated: [
    /^(user|self)[- ]generated( api key)?$/,
    /^自建( ?api)?(密钥| key)?$/,
    /^自定义( ?api)?(密钥| key)?$/,
    /^пользовательский api(-| )?ключ$/,
  ],
  /** Headings of the two forms: the user-generated (RSA) one means a key Mantix cannot use. */
  formUserGenerated: [
    /^create user[- ]generated api key$/,
    /^创建自建api密钥$/,
    /^создание пользовательского api(-| )?ключа$/,
  ],
  formSystemGenerated: [
    /^create system[- ]generated api key$/,
    /^创建系统生成api密钥$/,
    /^создание системного api(-| )?ключа$/,
  ],

  /* The form. */
  note: [/^notes?$/, /^remarks?$/, /^api (name|note)$/, /^备注(名)?$/, /^примечание$/, /^заметка$/],
  passphrase: [/^(api )?passphrase$/, /^密码短语$/, /^api密码短语$/, /^口令$/, /^парольная фраза$/, /^кодовая фраза$/],
  publicKey: [/^(rsa )?public key$/, /^公钥$/, /^rsa公钥$/, /^открытый ключ$/, /^публичный ключ$/],
  permissions: [
    /^permissions?( settings)?$/,
    /^api permissions$/,
    /^权限(设置)?$/,
    /^разрешения$/,
    /^права( доступа)?$/,
  ],
  // The access level, in the words a page may use for it: "read"/"view" with
  // "only", or with "write"/"trade" (and, &, /); an optional "permission(s)".
  readOnly: [
    /^(read|view)[- ]?only( access| permissions?)?$/,
    /^(仅|只)(读|读取|查看)(权限)?$/,
    /^только (чтение|просмотр)$/,
    /^(чтение|просмотр)$/,
  ],
  readWrite: [
    /^(read|view) ?(and|&|\/|\+|-)? ?(write|trade|trading)( access| permissions?)?$/,
    /^读(取)?(和|与|及|\/)?(写|写入|交易)(权限)?$/,
    /^(чтение|просмотр) ?(и|\/) ?(запись|торговля)$/,
  ],
  ipField: [
    /^(link|linked|bind|bound) ip( address(es)?)?$/,
    /^ip (address )?(binding|whitelist)$/,
    /^绑定ip(地址)?$/,
    /^привязать ip(-| )?адрес(а)?$/,
    /^привязка ip(-| )?адреса$/,
  ],
  addIp: [/^add$/, /^\+ ?add$/, /^添加$/, /^добавить$/],
  /** The placeholder of a one-address (chip) IP input. */
  singleIpPlaceholder: [/^enter an? ipv?4? address$/, /^请输入ipv4地址$/, /^введите ipv4-адрес$/],
  next: [/^next$/, /^下一步$/, /^далее$/, /^continue$/],

  /* Verification. */
  verification: [/^security verification$/, /^安全验证$/, /^проверка безопасности$/],
  confirm: [/^confirm$/, /^确认$/, /^确定$/, /^подтвердить$/, /^submit$/],

  /* The result. */
  resultTitle: [/^api key created$/, /^api创建成功$/, /^api-ключ создан$/],
  /** The API Key's label: the name, a possessive before it, a note in brackets after it, either word order. */
  apiKeyLabel: [/^(your |ваш |您的)?(api[ -]?key|access key|api[ -]ключ|ключ api|api ?密钥)( ?\(.*\))?$/],
  /**
   * The Secret Key's label, found INSIDE a short text ("Your Secret Key
   * (shown once)", "Ваш секретный ключ", "请保存 Secret Key"): a result
   * whose secret is masked or behind a Copy button is recognised by it.
   * Chinese 密钥 alone, not the API Key's 访问密钥 or API密钥.
   */
  secretKeyLabel: [/(?<![a-z])secret( ?key)?(?![a-z])/, /(?<![а-яё])секретн[а-яё]* ключ/, /(?<!api ?|访问)密钥/],
} as const satisfies Record<string, Words>;

/* ---------------------------------------------------------- permissions -- */

/**
 * Permission groups (Classic) and UTA sections, by their heading: whole
 * names, and found as words inside longer names ("USDT-M Futures",
 * "Spot trading"); Russian by stem, for its inflections ("Спотовая
 * торговля", "Фьючерсная", "Маржинальная").
 */
export const GROUP_WORDS = {
  futures: [/^futures?$/, /^合约$/, /^фьючерс[а-яё]*$/],
  spot: [/^spot$/, /^现货$/, /^спот[а-яё]*$/],
  margin: [/^margin$/, /^杠杆$/, /^марж[а-яё]*$/],
  copy: [/^copy[ -]?trad(e|es|ing|ers?)$/, /^跟单$/, /^копи-?трейдинг[а-яё]*$/],
  wallet: [/^wallets?$/, /^钱包$/, /^кошел[её]?[кь][а-яё]*$/],
  assets: [/^assets?$/, /^资产$/, /^актив[а-яё]*$/],
} as const satisfies Record<string, Words>;

/**
 * Permission items, by their own label (the group disambiguates "Trade"),
 * with plurals and inflections; unified-account ones first ("unified
 * account trade" also says "trade"), recognised by their two ideas in any
 * order ("Trade (unified account)", "统一账户-交易").
 */
export const ITEM_WORDS = {
  utaTrade: [
    /^(?=.*unified account)(?=.*trad(e|es|ing)\b).*$/,
    /^uta trad(e|es|ing)$/,
    /^(?=.*统一账户)(?=.*交易).*$/,
    /^(?=.*един[а-яё]* аккаунт)(?=.*торгов).*$/,
  ],
  utaManagement: [
    /^(?=.*unified account)(?=.*(manag|setting)).*$/,
    /^account (management|settings)$/,
    /^(?=.*统一账户)(?=.*管理).*$/,
    /^账户管理$/,
    /^(?=.*един[а-яё]* аккаунт)(?=.*(управлен|настро)).*$/,
    /^управление аккаунтом$/,
  ],
  orders: [/^orders?$/, /^订单$/, /^ордер[а-яё]*$/],
  holdings: [/^holdings?$/, /^positions?$/, /^持仓$/, /^仓位$/, /^позици[а-яё]*$/],
  trade: [/^trad(e|es|ing)$/, /^交易$/, /^买卖$/, /^торгов[а-яё]*$/],
  transfer: [/^transfers?$/, /^划转$/, /^转账$/, /^перевод[а-яё]*$/],
  withdraw: [/^withdraw(al)?s?$/, /^提现$/, /^提币$/, /^вывод[а-яё]*( средств)?$/],
} as const satisfies Record<string, Words>;

/**
 * Words that mean a right moves money out, found ANYWHERE in a right's name
 * (its label, description line and group heading joined), with inflections:
 * a right whose name says one of these is risky, whatever else it says.
 * Tested against normalised (lower-case) text.
 */
export const MONEY_OUT_WORDS = {
  transfer: [
    /(?<![а-яё])перевод[а-яё]*/,
    /(?<![а-яё])перев[её]ст[а-яё]*/,
    /划转/,
    /转账/,
    /劃轉/,
    // Other languages Bitget is offered in (stems, by script): the warning and
    // the guard name them even where no other word of the page is known.
    /(?<!\p{L})(?:transf[eé]r|trasferi|überweis|übertrag|umbuch|virement|przelew|aktar|перека[зж])/u,
    /chuyển (?:tiền|khoản)|轉帳|振替|送金|資金移動|이체|송금|تحويل|โอน/,
  ],
  withdraw: [
    /(?<![a-z])withdraw(s|al|als|ing|n)?(?![a-z])/,
    /(?<![а-яё])вывод[а-яё]*/,
    /(?<![а-яё])вывест[а-яё]*/,
    /提现/,
    /提币/,
    /提幣/,
    /提現/,
    /(?<!\p{L})(?:retir|retrai|ritir|saque|levantamento|auszahl|abheb|preli?ev|wypła|çek(?:im|me)|penarikan|вив(?:ід|еден))/u,
    /(?<!\p{L})rút(?!\p{L})|出金|引き?出|출금|인출|سحب|ถอน/u,
  ],
} as const satisfies Record<'transfer' | 'withdraw', Words>;

/** Rights that move money out, by their label wherever they sit: Mantix never accepts a key with one on. */
export const DANGEROUS_ITEMS = ['transfer', 'withdraw'] as const satisfies readonly (keyof typeof ITEM_WORDS)[];

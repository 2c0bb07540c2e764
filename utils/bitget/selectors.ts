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

/** Anything a user can press. */
export const BUTTON_SELECTOR = 'button, [role="button"], a[href], input[type="button"], input[type="submit"]';

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

/** One-of-several controls (Read-only / Read-write, the key type chooser). */
export const CHOICE_SELECTOR =
  'input[type="radio"], [role="radio"], [role="tab"], [role="option"], [role="menuitemradio"], button[aria-pressed]';

/**
 * What can change the page state: a mutation that adds or removes one of
 * these (or touches one) is worth a look; anything else (a ticker's prices,
 * a news carousel) is ignored without further work.
 */
export const RELEVANT_SELECTOR = `${DIALOG_SELECTOR}, ${BUTTON_SELECTOR}, ${TEXT_FIELD_SELECTOR}, ${TOGGLE_SELECTOR}, ${CHOICE_SELECTOR}, form, table, h1, h2, h3, [role="heading"], [role="alert"], [role="status"]`;

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

/* -------------------------------------------------------------- shapes -- */

/** Bitget's API key: `bg_` + 32 lower-case hex characters. */
export const API_KEY_PATTERN = /^bg_[0-9a-f]{32}$/;
/** An API key inside a longer text (e.g. a table cell). */
export const API_KEY_IN_TEXT = /(?:^|[^0-9A-Za-z_])bg_[0-9a-f]{32}(?![0-9A-Za-z])/;
/** The Secret Key: a long hex token (64 hex characters on today's Bitget). */
export const SECRET_KEY_PATTERN = /^[0-9a-fA-F]{32,128}$/;
/** One IPv4 address shown as text (a chip). */
export const IPV4_TEXT = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Bitget's passphrase rule (error 40070). */
export const PASSPHRASE_RULE = { min: 8, max: 32, charset: /^[A-Za-z0-9]*$/ } as const;
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
  readOnly: [/^read[- ]only$/, /^只读$/, /^только чтение$/],
  readWrite: [/^read[- ]?(and|&)?[- ]?write$/, /^读写$/, /^чтение и запись$/],
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
  apiKeyLabel: [/^api ?key$/, /^api-ключ$/, /^api ключ$/, /^access key$/],
  secretKeyLabel: [/^secret ?key$/, /^api secret( key)?$/, /^секретный ключ$/, /^密钥$/],
} as const satisfies Record<string, Words>;

/* ---------------------------------------------------------- permissions -- */

/** Permission groups (Classic) and UTA sections, by their heading. */
export const GROUP_WORDS = {
  futures: [/^futures$/, /^合约$/, /^фьючерсы$/],
  spot: [/^spot$/, /^现货$/, /^спот$/],
  margin: [/^margin$/, /^杠杆$/, /^маржа$/],
  copy: [/^copy trading$/, /^跟单$/, /^копитрейдинг$/],
  wallet: [/^wallet$/, /^钱包$/, /^кошел[её]к$/],
  assets: [/^assets$/, /^资产$/, /^активы$/],
} as const satisfies Record<string, Words>;

/** Permission items, by their own label (the group disambiguates "Trade"). */
export const ITEM_WORDS = {
  orders: [/^orders?$/, /^订单$/, /^ордера$/],
  holdings: [/^holdings$/, /^positions$/, /^持仓$/, /^позиции$/],
  trade: [/^trade$/, /^trading$/, /^交易$/, /^торговля$/],
  transfer: [/^transfer$/, /^划转$/, /^перевод$/],
  withdraw: [/^withdraw(al)?$/, /^提现$/, /^提币$/, /^вывод$/],
  utaTrade: [/^unified account trade$/, /^统一账户交易$/, /^торговля в едином аккаунте$/],
  utaManagement: [/^unified account management$/, /^统一账户管理$/, /^управление единым аккаунтом$/],
} as const satisfies Record<string, Words>;

/**
 * The rights the adapter can name. Anything else on the page is an `other`
 * right: never needed by Mantix, turned off by "Set up rights for Mantix".
 */
export const RIGHTS = {
  'futures.orders': { group: 'futures', item: 'orders', codes: ['coow', 'coor'] },
  'futures.holdings': { group: 'futures', item: 'holdings', codes: ['cpow', 'cpor'] },
  'spot.trade': { group: 'spot', item: 'trade', codes: ['stow', 'stor'] },
  'margin.trade': { group: 'margin', item: 'trade', codes: ['smow', 'smor'] },
  'copy.trade': { group: 'copy', item: 'trade', codes: ['ttow', 'ttor'] },
  'wallet.transfer': { group: 'wallet', item: 'transfer', codes: ['wtow', 'wtor'] },
  'wallet.withdraw': { group: 'wallet', item: 'withdraw', codes: ['wwow'] },
  'uta.trade': { group: undefined, item: 'utaTrade', codes: ['uta_trade'] },
  'uta.management': { group: undefined, item: 'utaManagement', codes: ['uta_mgt'] },
  'copy.orders': { group: 'copy', item: 'orders', codes: ['copy_futures_order'] },
  'copy.positions': { group: 'copy', item: 'holdings', codes: ['copy_futures_position'] },
  'assets.withdraw': { group: 'assets', item: 'withdraw', codes: ['withdraw'] },
} as const satisfies Record<
  string,
  { group: keyof typeof GROUP_WORDS | undefined; item: keyof typeof ITEM_WORDS; codes: readonly string[] }
>;
export type KnownRight = keyof typeof RIGHTS;

/** Rights that move money out, by their label wherever they sit: Mantix never accepts a key with one on. */
export const DANGEROUS_ITEMS = ['transfer', 'withdraw'] as const satisfies readonly (keyof typeof ITEM_WORDS)[];

/** What Mantix needs, per layout. */
export const REQUIRED_RIGHTS = {
  classic: ['futures.orders', 'futures.holdings', 'spot.trade', 'margin.trade'],
  unified: ['uta.trade'],
} as const satisfies Record<'classic' | 'unified', readonly KnownRight[]>;

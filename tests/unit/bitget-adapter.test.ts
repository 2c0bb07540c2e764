import { afterEach, describe, expect, it } from 'vitest';
import {
  classifyRight,
  countListedKeys,
  findCreateButton,
  findIpField,
  findKeyTypeOption,
  findNoteField,
  findPassphraseField,
  findSecretCopyButton,
  findSignInButton,
  findSubmitButton,
  NotFoundError,
  optional,
  readIps,
  readPermissions,
  readResult,
  visibleDialogs,
} from '@/utils/bitget/adapter';
import { accessibleName, matchesWords, normalise } from '@/utils/bitget/dom';
import { WORDS } from '@/utils/bitget/selectors';
import { detectPageState } from '@/utils/bitget/state';
import { setLevel } from '@/utils/bitget/write';
import {
  API_KEY,
  classicPermissions,
  ipField,
  keyList,
  mount,
  resultDialog,
  SECRET,
  systemForm,
  utaPermissions,
} from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

function dialog(): HTMLElement {
  const [first] = visibleDialogs(document);
  if (!first) throw new Error('no dialog');
  return first;
}

describe('normalise', () => {
  it('drops case, whitespace, a trailing colon, a required star and a character counter', () => {
    expect(normalise('  Note\n 6/20 ')).toBe('note');
    expect(normalise('* Passphrase:')).toBe('passphrase');
    expect(normalise('Link IP address (3/30)')).toBe('link ip address');
    expect(normalise('备注：')).toBe('备注');
  });
});

describe('accessibleName', () => {
  it('uses aria-labelledby, then <label>, then the visible content without aria-hidden parts', () => {
    mount(`
      <div id="t">Passphrase</div><input id="a" aria-labelledby="t">
      <label for="b">Note</label><input id="b">
      <div id="c" role="checkbox"><span aria-hidden="true">✓</span><span>Orders</span></div>`);
    expect(accessibleName(document.getElementById('a') as Element)).toBe('Passphrase');
    expect(accessibleName(document.getElementById('b') as Element)).toBe('Note');
    expect(accessibleName(document.getElementById('c') as Element)).toBe('Orders');
  });
});

describe('finding controls by meaning', () => {
  for (const controls of ['native', 'aria'] as const) {
    it(`finds the note and the passphrase by their labels (${controls})`, () => {
      mount(systemForm({ controls }));
      expect(findNoteField(dialog()).type).toBe('text');
      expect(findPassphraseField(dialog()).type).toBe('password');
      expect(findSubmitButton(dialog()).textContent).toBe('Next');
    });
  }

  it('falls back to the only password field when the passphrase has no label', () => {
    mount('<div role="dialog"><div>Create API Key</div><input type="text"><input type="password"></div>');
    expect(findPassphraseField(dialog()).type).toBe('password');
  });

  it('finds the IP field by the title next to it when nothing associates them', () => {
    mount(systemForm({ ip: ipField('comma', ['203.0.113.1']) }));
    const field = findIpField(dialog());
    expect(field.kind).toBe('comma');
    expect(readIps(field)).toEqual(['203.0.113.1']);
  });

  it('recognises a chip field by its Add button and reads the chips, not the draft', () => {
    mount(systemForm({ ip: ipField('chips', ['203.0.113.1', '198.51.100.7'], 'Bind IP address') }));
    const field = findIpField(dialog());
    expect(field.kind).toBe('chips');
    if (field.kind !== 'chips') throw new Error('not chips');
    expect(field.addButton?.textContent).toBe('Add');
    field.input.value = '192.0.2.9';
    expect(readIps(field)).toEqual(['203.0.113.1', '198.51.100.7']);
  });

  it('finds the IP field in Chinese and Russian wording', () => {
    mount(systemForm({ ip: ipField('comma', [], '绑定IP地址') }));
    expect(findIpField(dialog()).kind).toBe('comma');
    mount(systemForm({ ip: ipField('chips', [], 'Привязать IP-адрес') }));
    expect(findIpField(dialog()).kind).toBe('chips');
  });

  it('throws a NotFoundError naming the control when it is missing', () => {
    mount('<div role="dialog"><div>Create API Key</div></div>');
    expect(() => findNoteField(dialog())).toThrow(NotFoundError);
    expect(() => findNoteField(dialog())).toThrow(/control "note" was not found/);
    expect(optional(() => findNoteField(dialog()))).toBeUndefined();
  });

  it('refuses to guess when a control is ambiguous', () => {
    mount('<main><button>Create API Key</button><button>Create API Key</button></main>');
    expect(() => findCreateButton(document)).toThrow(/ambiguous \(2 candidates\)/);
  });

  it('finds Create API Key outside dialogs only, and the page’s Log in over the header’s', () => {
    mount(`<div role="dialog"><div>Create API Key</div></div>${keyList([])}`);
    expect(findCreateButton(document).tagName).toBe('BUTTON');
    mount(
      '<header><button>Log in</button></header><main><p>Log in to manage your API keys</p><button>Log in</button></main>',
    );
    expect(findSignInButton(document).closest('main')).not.toBeNull();
  });

  it('returns the clickable card of each key type, not one holding both', () => {
    mount(`
      <div role="dialog"><div>Create API Key</div><div>
        <div class="card"><span>S</span><div><div>System-generated API Key<span>Recommended</span></div><p>HMAC</p></div></div>
        <div class="card"><span>U</span><div><div>User-generated API Key</div><p>RSA</p></div></div>
      </div></div>`);
    const system = findKeyTypeOption(dialog(), 'system');
    const user = findKeyTypeOption(dialog(), 'user');
    expect(system.className).toBe('card');
    expect(user.className).toBe('card');
    expect(system).not.toBe(user);
  });

  it('counts the keys in the list, not look-alikes in a ticker', () => {
    mount(keyList([API_KEY, `bg_${'b'.repeat(32)}`]));
    expect(countListedKeys(document)).toBe(2);
  });
});

describe('permissions', () => {
  for (const controls of ['native', 'aria'] as const) {
    it(`reads the Classic layout by group, mode and state (${controls})`, () => {
      mount(
        systemForm({
          controls,
          permissions: classicPermissions({ controls, mode: 'read_write', checked: ['spot.trade', 'wallet.withdraw'] }),
        }),
      );
      const view = readPermissions(dialog());
      expect(view.layout).toBe('classic');
      expect(view.mode?.value).toBe('read_write');
      expect(view.rights.map((r) => r.id)).toEqual([
        'futures.orders',
        'futures.holdings',
        'spot.trade',
        'margin.trade',
        'copy.trade',
        'wallet.transfer',
        'wallet.withdraw',
        'other:sub-account manage',
      ]);
      expect(view.rights.filter((r) => r.checked).map((r) => r.id)).toEqual(['spot.trade', 'wallet.withdraw']);
      expect(view.rights.filter((r) => r.dangerous).map((r) => r.moves)).toEqual(['transfer', 'withdraw']);
    });

    it(`reads the UTA layout with each item's own level (${controls})`, () => {
      mount(
        systemForm({
          controls,
          permissions: utaPermissions({ controls, trade: { on: true, level: 'read_write' }, withdraw: true }),
        }),
      );
      const view = readPermissions(dialog());
      expect(view.layout).toBe('unified');
      expect(view.mode).toBeUndefined();
      const byId = Object.fromEntries(view.rights.map((r) => [r.id, r]));
      expect(Object.keys(byId)).toEqual([
        'uta.trade',
        'uta.management',
        'copy.orders',
        'copy.positions',
        'assets.withdraw',
      ]);
      expect(byId['uta.trade']?.checked).toBe(true);
      expect(byId['uta.trade']?.level?.value).toBe('read_write');
      expect(byId['uta.management']?.level?.value).toBe('read_only');
      expect(byId['assets.withdraw']?.dangerous).toBe(true);
      expect(byId['assets.withdraw']?.checked).toBe(true);
    });
  }

  it('names rights by group and item in all three languages', () => {
    expect(classifyRight('trade', 'spot').id).toBe('spot.trade');
    expect(classifyRight('trade', 'margin').id).toBe('margin.trade');
    expect(classifyRight('持仓', '合约').id).toBe('futures.holdings');
    expect(classifyRight('позиции', 'копитрейдинг').id).toBe('copy.positions');
    expect(classifyRight('вывод', 'кошелёк').id).toBe('wallet.withdraw');
    expect(classifyRight('统一账户交易', undefined).id).toBe('uta.trade');
    expect(classifyRight('borrow', 'pledge loan').id).toBe('other:pledge loan borrow');
  });

  it.each([
    // label, group heading, the right it is
    ['Trades', 'Spot', 'spot.trade'],
    ['Trading', 'Margin trading', 'margin.trade'],
    ['Positions', 'USDT-M Futures', 'futures.holdings'],
    ['Торговые операции', 'Спотовая торговля', 'spot.trade'],
    ['Управление ордерами', 'Фьючерсная торговля', 'futures.orders'],
    ['Открытые позиции', 'Фьючерсы', 'futures.holdings'],
    ['Торговать', 'Маржинальная торговля', 'margin.trade'],
    ['Trade (unified account)', undefined, 'uta.trade'],
    ['交易（统一账户）', undefined, 'uta.trade'],
    ['买卖 现货下单和撤单', '现货', 'spot.trade'],
    ['Торговля единого аккаунта', undefined, 'uta.trade'],
    ['Unified account settings', undefined, 'uta.management'],
    // A description inside the label: the label's own word comes first.
    ['Торговля Размещение и отмена спотовых ордеров', 'Спотовая торговля', 'spot.trade'],
    ['Orders Place and cancel orders, view positions', 'Futures', 'futures.orders'],
  ])('names «%s» under «%s» through plurals, inflections and word order: %s', (label, group, id) => {
    expect(classifyRight(label, group).id).toBe(id);
  });

  it.each([
    // A money-moving right in a language the page may be in, with no other word of it known.
    ['Transferencia', 'Billetera', 'transfer'],
    ['Transferir fondos', undefined, 'transfer'],
    ['Transfert', 'Portefeuille', 'transfer'],
    ['Umbuchung', 'Wallet', 'transfer'],
    ['Trasferimento', undefined, 'transfer'],
    ['Przelewy', undefined, 'transfer'],
    ['Переказ коштів', undefined, 'transfer'],
    ['資産振替', 'ウォレット', 'transfer'],
    ['자금 이체', '지갑', 'transfer'],
    ['轉帳', '錢包', 'transfer'],
    ['Chuyển tiền', undefined, 'transfer'],
    ['Retiro', 'Billetera', 'withdraw'],
    ['Retiradas', undefined, 'withdraw'],
    ['Retrait de crypto', undefined, 'withdraw'],
    ['Auszahlung', 'Wallet', 'withdraw'],
    ['Prelievo', undefined, 'withdraw'],
    ['Saque', 'Carteira', 'withdraw'],
    ['Wypłata', undefined, 'withdraw'],
    ['Para çekme', undefined, 'withdraw'],
    ['Penarikan', undefined, 'withdraw'],
    ['Rút tiền', undefined, 'withdraw'],
    ['Виведення', undefined, 'withdraw'],
    ['出金', 'ウォレット', 'withdraw'],
    ['引き出し', undefined, 'withdraw'],
    ['출금', '지갑', 'withdraw'],
    ['سحب', undefined, 'withdraw'],
  ])('knows «%s» (under «%s») moves money: %s', (label, group, moves) => {
    expect(classifyRight(label, group)).toMatchObject({ moves });
  });

  it.each([
    ['Órdenes', 'Futuros'],
    ['Posiciones', 'Futuros'],
    ['Operar', 'Spot'],
    ['Handel', 'Margin'],
    ['Ordini', 'Futures'],
    ['注文', '先物'],
    ['주문', '선물'],
    ['Giao dịch', 'Giao ngay'],
    ['Торгівля', 'Спот'],
    ['Trading', 'Copy trading'],
  ])('does not take «%s» under «%s» for a money-moving right', (label, group) => {
    expect(classifyRight(label, group).moves).toBeUndefined();
  });

  it('never names a right from an inflection it should not', () => {
    // Not a unified-account right because it mentions an account.
    expect(classifyRight('Управление субаккаунтами').id).toMatch(/^other:/);
    // Money words win over any inflected group: never a harmless known right.
    expect(classifyRight('Переводы между счетами', 'Спотовая торговля')).toMatchObject({ moves: 'transfer' });
    expect(classifyRight('Withdrawals', 'Wallets')).toEqual({ id: 'wallet.withdraw', moves: 'withdraw' });
  });
});

describe('the result', () => {
  it('reads the API Key and the Secret Key next to their labels in the visible dialog', () => {
    mount(`${keyList([`bg_${'c'.repeat(32)}`])}${resultDialog(API_KEY, SECRET)}`);
    const result = readResult(dialog());
    expect(result.apiKey).toBe(API_KEY);
    expect(result.secret?.value).toBe(SECRET);
  });

  it('reads the keys from read-only inputs too', () => {
    mount(`
      <div role="dialog"><div>API Key created</div>
        <div><label>API Key</label><input readonly value="${API_KEY}"></div>
        <div><label>Secret Key</label><input readonly value="${SECRET}"></div>
      </div>`);
    expect(readResult(dialog())).toMatchObject({ apiKey: API_KEY, secret: { value: SECRET } });
  });

  it('ignores a hidden, stale result dialog', () => {
    mount(`${resultDialog(API_KEY, SECRET)}${resultDialog(`bg_${'d'.repeat(32)}`, 'e'.repeat(64), { hidden: true })}`);
    expect(visibleDialogs(document)).toHaveLength(1);
    expect(readResult(dialog()).apiKey).toBe(API_KEY);
  });

  it('has no secret for a user-generated (RSA) key', () => {
    mount(resultDialog(API_KEY));
    expect(readResult(dialog()).secret).toBeUndefined();
  });

  it('refuses two different keys next to one label', () => {
    mount(
      `<div role="dialog"><div><div>API Key</div><span>${API_KEY}</span><span>bg_${'f'.repeat(32)}</span></div></div>`,
    );
    expect(() => readResult(dialog())).toThrow(/control "apiKey" is ambiguous/);
  });

  it('reads the keys by shape when the labels are worded in ways it does not know', () => {
    mount(`
      <div role="dialog"><div>创建成功</div>
        <div><label>访问密钥 (Access)</label><input readonly value="${API_KEY}"></div>
        <div><label>请立即保存您的 Secret Key（仅显示一次）</label><input readonly value="${SECRET}"></div>
      </div>`);
    expect(detectPageState(document)).toMatchObject({ kind: 'result', keyType: 'system' });
    expect(readResult(dialog())).toMatchObject({ apiKey: API_KEY, secret: { value: SECRET } });
  });

  it('never guesses between two secret-shaped tokens without a label', () => {
    mount(`
      <div role="dialog"><div>Done</div>
        <div><input readonly value="${API_KEY}"></div>
        <div><input readonly value="${SECRET}"></div>
        <div><input readonly value="${'9'.repeat(64)}"></div>
      </div>`);
    expect(() => readResult(dialog())).toThrow(/ambiguous/);
  });

  it('a Secret Key label with no readable value: the API Key and no secret (the capture asks for Copy)', () => {
    mount(`
      <div role="dialog"><div>API Key created</div>
        <div><div>API Key</div><span>${API_KEY}</span></div>
        <div><div>Secret Key</div><span>••••••••</span></div>
      </div>`);
    const result = readResult(dialog());
    expect(result.apiKey).toBe(API_KEY);
    expect(result.secret).toBeUndefined();
  });

  it('a Secret Key kept only in its Copy button’s data attribute, next to its label', () => {
    mount(`
      <div role="dialog"><div>API Key created</div>
        <div><div>API Key</div><span>${API_KEY}</span><button data-clipboard-text="${API_KEY}">Copy</button></div>
        <div><div>Secret Key</div><span>••••••••</span><button data-clipboard-text="${SECRET}">Copy</button></div>
        <div data-id="${'9'.repeat(64)}" id="${'8'.repeat(64)}">not a copy button</div>
      </div>`);
    expect(readResult(dialog()).secret?.value).toBe(SECRET);
  });

  it('a dialog with a bg_ key but neither its label nor a token is not the result', () => {
    mount(`<div role="dialog"><div>Notice</div><p>${API_KEY}</p></div>`);
    expect(detectPageState(document).kind).not.toBe('result');
    mount(`<div role="dialog"><div>Delete this API key?</div><p>${API_KEY}</p><button>Delete</button></div>`);
    expect(detectPageState(document).kind).not.toBe('result');
  });

  it.each([
    ['Your API Key', 'Your Secret Key (shown once)'],
    ['Ключ API', 'Ваш секретный ключ'],
    ['API密钥', '请保存 Secret Key'],
    ['Access Key', 'Secret'],
    ['Key', 'Секретный ключ API'],
  ])('a result whose Secret Key is masked, under the labels «%s» / «%s»', (apiLabel, secretLabel) => {
    mount(`
      <div role="dialog"><div>Done</div>
        <div><div>${apiLabel}</div><span>${API_KEY}</span><button>Copy</button></div>
        <div><div>${secretLabel}</div><span>••••••••</span><button>Copy</button></div>
      </div>`);
    expect(detectPageState(document).kind).toBe('result');
    const result = readResult(dialog());
    expect([result.apiKey, result.secret]).toEqual([API_KEY, undefined]);
    expect(findSecretCopyButton(dialog())?.closest('div')?.textContent).toContain(secretLabel);
  });
});

describe('the access level, in the words a page may use', () => {
  const readOnly = [
    'Read-only',
    'View only',
    'READ-ONLY',
    'Read only access',
    '只读',
    '仅读取',
    '只读权限',
    'Только чтение',
    'Только просмотр',
    'Чтение',
  ];
  const readWrite = [
    'Read-write',
    'Read & write',
    'Read and write',
    'Read/Write',
    'Read + trade',
    '读写',
    '读取和写入',
    '读写权限',
    'Чтение и запись',
    'Чтение/запись',
    'Чтение и торговля',
  ];
  it.each(readOnly)('“%s” is read-only, never read-write', (word) => {
    expect(matchesWords(normalise(word), WORDS.readOnly)).toBe(true);
    expect(matchesWords(normalise(word), WORDS.readWrite)).toBe(false);
  });
  it.each(readWrite)('“%s” is read-write, never read-only', (word) => {
    expect(matchesWords(normalise(word), WORDS.readWrite)).toBe(true);
    expect(matchesWords(normalise(word), WORDS.readOnly)).toBe(false);
  });
});

describe('the access level as a native drop-down', () => {
  const form = (value: 'ro' | 'rw') => `
    <div role="dialog" aria-modal="true"><div>Create system-generated API Key</div>
      <div><div>Permissions</div>
        <div><label>Access <select><option value="ro"${value === 'ro' ? ' selected' : ''}>Read-only</option><option value="rw"${value === 'rw' ? ' selected' : ''}>Read-write</option></select></label>
          <div><div>Futures</div><label><input type="checkbox"><span>Orders</span></label></div>
          <div><div>Spot</div><label><input type="checkbox"><span>Trade</span></label></div>
        </div>
      </div>
      <button type="submit">Next</button></div>`;

  it('reads the chosen level from the selected option', () => {
    mount(form('ro'));
    expect(readPermissions(dialog()).mode?.value).toBe('read_only');
    document.body.innerHTML = '';
    mount(form('rw'));
    expect(readPermissions(dialog()).mode?.value).toBe('read_write');
  });

  it('chooses Read-write as a user would: the select changes and says so', async () => {
    mount(form('ro'));
    const select = dialog().querySelector('select') as HTMLSelectElement;
    const changes: string[] = [];
    select.addEventListener('change', () => changes.push(select.value));
    const mode = readPermissions(dialog()).mode;
    if (!mode) throw new Error('no mode');
    await setLevel(mode, 'read_write');
    expect(select.value).toBe('rw');
    expect(changes).toEqual(['rw']);
    expect(readPermissions(dialog()).mode?.value).toBe('read_write');
  });
});

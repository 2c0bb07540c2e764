import { afterEach, describe, expect, it } from 'vitest';
import { detectPageState } from '@/utils/bitget/state';
import { API_KEY, keyList, mount, resultDialog, SECRET, systemForm } from './bitget-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

const keys = (n: number) => Array.from({ length: n }, (_, i) => `bg_${i.toString(16).padStart(32, '0')}`);

describe('detectPageState', () => {
  it('loading: nothing recognisable yet', () => {
    mount('<div id="__next"></div>');
    expect(detectPageState(document).kind).toBe('loading');
  });

  it('signed out: a Log in button and no Create API Key', () => {
    mount(
      '<header><button>Log in</button><button>Sign up</button></header><main><h1>API Management</h1><button>Log in</button></main>',
    );
    expect(detectPageState(document).kind).toBe('signed-out');
  });

  it('key list, with the number of keys', () => {
    mount(keyList(keys(3)));
    expect(detectPageState(document)).toEqual({ kind: 'key-list', keyCount: 3 });
  });

  it('key limit: ten keys listed', () => {
    mount(keyList(keys(10)));
    expect(detectPageState(document)).toMatchObject({ kind: 'key-limit', keyCount: 10 });
  });

  it('key limit: Bitget’s error dialog or toast (40063)', () => {
    mount(
      `${keyList(keys(2))}<div role="dialog"><div>Unable to create API key</div><p role="alert">You can create up to 10 API keys. (40063)</p></div>`,
    );
    expect(detectPageState(document).kind).toBe('key-limit');
    mount(`${keyList(keys(2))}<div role="alert">API数量已达上限（10个），请删除不再使用的API后重试。(40063)</div>`);
    expect(detectPageState(document).kind).toBe('key-limit');
  });

  it('chooser: both key types offered', () => {
    mount(`${keyList([])}<div role="dialog"><div>创建API</div><div>系统生成API密钥</div><div>自建API密钥</div></div>`);
    expect(detectPageState(document).kind).toBe('chooser');
  });

  it('form: system-generated, or user-generated (RSA)', () => {
    mount(`${keyList([])}${systemForm()}`);
    expect(detectPageState(document)).toMatchObject({ kind: 'form', keyType: 'system' });
    mount(
      `${keyList([])}<div role="dialog"><div>Create user-generated API Key</div><label for="n">Note</label><input id="n"><label for="k">Public key</label><textarea id="k"></textarea><div>Permissions</div><input type="checkbox"></div>`,
    );
    expect(detectPageState(document)).toMatchObject({ kind: 'form', keyType: 'user' });
  });

  it('form, in words the guide does not know: on/off controls and a field to type in', () => {
    const toggles =
      '<label><input type="checkbox">Genafsre</label><label><input type="checkbox">Gen</label><div role="switch" aria-checked="false">Bqref</div>';
    mount(`${keyList([])}<div role="dialog"><h2>Perngr API Xrl</h2><input>${toggles}<button>Arkg</button></div>`);
    expect(detectPageState(document)).toMatchObject({ kind: 'form', keyType: 'system' });
    // Two on/off controls (a sign-in form's "remember me" and "I agree") are not enough; nor on/off controls with no field.
    mount(
      `<main><button>Log in</button></main><div role="dialog"><input><input type="password"><label><input type="checkbox">Erzrzore</label><label><input type="checkbox">Nterr</label></div>`,
    );
    expect(detectPageState(document).kind).toBe('signed-out');
    mount(`${keyList([])}<div role="dialog">${toggles}</div>`);
    expect(detectPageState(document).kind).toBe('key-list');
    // A table of keys with a box per row is not the form.
    mount(`${keyList([])}<div role="dialog"><input><table><tr><td>${toggles}</td></tr></table></div>`);
    expect(detectPageState(document).kind).toBe('key-list');
    // Outside a modal dialog (the page's own filters look alike): only with a password field.
    mount(`${keyList([])}<form><input type="search">${toggles}</form>`);
    expect(detectPageState(document).kind).toBe('key-list');
    mount(`<section aria-labelledby="t"><h2 id="t">Perngr</h2><input><input type="password">${toggles}</section>`);
    expect(detectPageState(document)).toMatchObject({ kind: 'form', keyType: 'system' });
  });

  it('verification over the form: the top dialog wins', () => {
    mount(
      `${systemForm()}<div role="dialog"><div>Проверка безопасности</div><input><input><button>Подтвердить</button></div>`,
    );
    expect(detectPageState(document).kind).toBe('verification');
  });

  it('result: the keys in a dialog; RSA when there is no secret', () => {
    mount(`${keyList(keys(1))}${resultDialog(API_KEY, SECRET)}`);
    expect(detectPageState(document)).toMatchObject({ kind: 'result', keyType: 'system' });
    mount(`${keyList(keys(1))}${resultDialog(API_KEY)}`);
    expect(detectPageState(document)).toMatchObject({ kind: 'result', keyType: 'user' });
  });

  it('a dialog the guide does not know (delete confirmation) leaves the page state', () => {
    mount(
      `${keyList(keys(2))}<div role="dialog"><div>Delete API key?</div><button>Cancel</button><button>Delete</button></div>`,
    );
    expect(detectPageState(document).kind).toBe('key-list');
  });

  it('a hidden dialog does not count', () => {
    mount(`${keyList(keys(1))}<div hidden>${resultDialog(API_KEY, SECRET)}</div>`);
    expect(detectPageState(document).kind).toBe('key-list');
  });
});

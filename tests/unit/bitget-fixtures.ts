/**
 * Small DOM snippets shaped like the Bitget page (after the replicas in
 * tests/fixtures/bitget), for the adapter's unit tests in happy-dom.
 */

export type Controls = 'native' | 'aria';

let counter = 0;
const uid = (name: string) => `:r${(counter++).toString(36)}-${name}:`;

function checkbox(controls: Controls, label: string, options: { checked?: boolean; disabled?: boolean } = {}) {
  if (controls === 'aria') {
    return `<div role="checkbox" tabindex="0" aria-checked="${options.checked ? 'true' : 'false'}"${
      options.disabled ? ' aria-disabled="true"' : ''
    }><span aria-hidden="true">${options.checked ? '✓' : ''}</span><span>${label}</span></div>`;
  }
  return `<label><input type="checkbox"${options.checked ? ' checked' : ''}${options.disabled ? ' disabled' : ''}><span>${label}</span></label>`;
}

function radios(controls: Controls, value: 'read_only' | 'read_write', labelledBy?: string) {
  const name = uid('mode');
  const option = (v: string, text: string) =>
    controls === 'aria'
      ? `<div role="radio" aria-checked="${v === value}" tabindex="0"><span aria-hidden="true"></span><span>${text}</span></div>`
      : `<label><input type="radio" name="${name}" value="${v}"${v === value ? ' checked' : ''}><span>${text}</span></label>`;
  const attrs = controls === 'aria' ? ` role="radiogroup"${labelledBy ? ` aria-labelledby="${labelledBy}"` : ''}` : '';
  return `<div${attrs}>${option('read_only', 'Read-only')}${option('read_write', 'Read-write')}</div>`;
}

function group(controls: Controls, title: string, items: string) {
  const id = uid('grp');
  const attrs = controls === 'aria' ? ` role="group" aria-labelledby="${id}"` : '';
  return `<div${attrs}><div id="${id}">${title}</div><div>${items}</div></div>`;
}

export interface ClassicOptions {
  controls?: Controls;
  mode?: 'read_only' | 'read_write';
  checked?: string[];
}

export function classicPermissions({ controls = 'native', mode = 'read_only', checked = [] }: ClassicOptions = {}) {
  const on = (id: string) => checked.includes(id);
  const box = (id: string, label: string, disabled = false) => checkbox(controls, label, { checked: on(id), disabled });
  return `
    <div><div id="perm-title">Permissions</div>
      <div>
        <div>${radios(controls, mode, 'perm-title')}</div>
        ${group(controls, 'Futures', box('futures.orders', 'Orders') + box('futures.holdings', 'Holdings'))}
        ${group(controls, 'Spot', box('spot.trade', 'Trade'))}
        ${group(controls, 'Margin', box('margin.trade', 'Trade'))}
        ${group(controls, 'Copy trading', box('copy.trade', 'Trade'))}
        ${group(controls, 'Wallet', box('wallet.transfer', 'Transfer') + box('wallet.withdraw', 'Withdraw', mode !== 'read_write'))}
        ${group(controls, 'Sub-account', box('subaccount.manage', 'Manage'))}
      </div>
    </div>`;
}

export interface UtaOptions {
  controls?: Controls;
  trade?: { on: boolean; level: 'read_only' | 'read_write' };
  management?: { on: boolean; level: 'read_only' | 'read_write' };
  withdraw?: boolean;
}

export function utaPermissions({
  controls = 'native',
  trade = { on: false, level: 'read_only' },
  management = { on: false, level: 'read_only' },
  withdraw = false,
}: UtaOptions = {}) {
  const row = (name: string, state: { on: boolean; level: 'read_only' | 'read_write' }) => {
    const id = uid('uta');
    const toggle =
      controls === 'aria'
        ? `<div role="switch" aria-checked="${state.on}" aria-labelledby="${id}" tabindex="0"></div>`
        : `<input type="checkbox" aria-labelledby="${id}"${state.on ? ' checked' : ''}>`;
    return `<div${controls === 'aria' ? ` role="group" aria-labelledby="${id}"` : ''}>${toggle}<span id="${id}">${name}</span>${radios(controls, state.level, id)}</div>`;
  };
  return `
    <div><div>Permissions</div>
      <div>
        <div>Your account uses the unified trading account.</div>
        ${row('Unified account trade', trade)}
        ${row('Unified account management', management)}
        ${group(controls, 'Copy trading', checkbox(controls, 'Orders') + checkbox(controls, 'Positions'))}
        ${group(controls, 'Assets', checkbox(controls, 'Withdraw', { checked: withdraw }))}
      </div>
    </div>`;
}

export function noteField(controls: Controls, value = '') {
  return controls === 'native'
    ? `<div><label for="note-in">Note <span>${value.length}/20</span></label><div><input id="note-in" type="text" value="${value}" placeholder="Enter a note"></div></div>`
    : `<div><div id="note-title">Note <span>${value.length}/20</span></div><div><input type="text" aria-labelledby="note-title" value="${value}"></div></div>`;
}

export function passphraseField(controls: Controls, value = '') {
  return controls === 'native'
    ? `<div><label for="pass-in">Passphrase</label><div><input id="pass-in" type="password" value="${value}"><button type="button" aria-label="Show passphrase">◎</button></div></div>`
    : `<div><div id="pass-title">Passphrase</div><div><input type="password" aria-labelledby="pass-title" value="${value}"></div></div>`;
}

export function ipField(style: 'comma' | 'chips', ips: string[] = [], title = 'Link IP address') {
  if (style === 'comma') {
    return `<div><div>${title}</div><textarea placeholder="Separate multiple IP addresses with commas">${ips.join(',')}</textarea><div>Up to 30 IPv4 addresses per key.</div></div>`;
  }
  const chips = ips
    .map((ip) => `<span>${ip}<button type="button" aria-label="Remove ${ip}">×</button></span>`)
    .join('');
  return `<div><div>${title} <span>${ips.length}/30</span></div><div><div>${chips}<input type="text" placeholder="Enter an IPv4 address"></div><button type="button">Add</button></div></div>`;
}

export interface FormOptions {
  controls?: Controls;
  permissions?: string;
  ip?: string;
  title?: string;
  note?: string;
  passphrase?: string;
}

export function systemForm({
  controls = 'native',
  permissions = classicPermissions({ controls }),
  ip = ipField('comma'),
  title = 'Create system-generated API Key',
  note = '',
  passphrase = '',
}: FormOptions = {}) {
  return `
    <div role="dialog" aria-modal="true" aria-labelledby="form-title">
      <div id="form-title">${title}</div>
      <form>
        ${noteField(controls, note)}
        ${passphraseField(controls, passphrase)}
        ${permissions}
        ${ip}
        <div><button type="button">Cancel</button><button type="submit">Next</button></div>
      </form>
    </div>`;
}

export function resultDialog(apiKey: string, secret?: string, options: { hidden?: boolean } = {}) {
  const row = (label: string, value: string) =>
    `<div><div>${label}</div><div><span>${value}</span><button type="button">Copy</button></div></div>`;
  return `
    <div${options.hidden ? ' hidden aria-hidden="true"' : ''}>
      <div role="dialog" aria-modal="true" aria-labelledby="${options.hidden ? 'stale' : 'res'}-title">
        <div id="${options.hidden ? 'stale' : 'res'}-title">API Key created</div>
        ${row('API Key', apiKey)}
        ${secret ? row('Secret Key', secret) : ''}
        <div>Keep the passphrase you set: you need it together with these keys.</div>
        <button type="button">Done</button>
      </div>
    </div>`;
}

export function keyList(keys: string[]) {
  return `
    <header><div class="ticker">BTCUSDT 67234.50 <span>API key reference bg_${'a'.repeat(32)}</span></div></header>
    <main>
      <h1>API Management</h1>
      <button type="button">Create API Key</button>
      <table><tbody>${keys.map((k, i) => `<tr><td>Key ${i}</td><td><span>${k}</span></td></tr>`).join('')}</tbody></table>
    </main>`;
}

export const API_KEY = 'bg_19aab20aafdb177408faf3fba6580656';
export const SECRET = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export function mount(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

/**
 * Looking for secrets where they must not be: files on disk (the browser
 * profile), recorded requests, strings a page saw. A secret counts as found
 * in any of the forms it could take when stored or sent: raw, hex, base64,
 * base64url, URL-encoded or UTF-16 (LE and BE). Raw and UTF-16 forms are
 * also searched as overlapping fragments, so a value split by a compressed
 * store (LevelDB blocks are Snappy-compressed) is still found.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface Secret {
  /** What it is, for the report (never the value itself). */
  label: string;
  value: string;
}

interface Needle {
  secret: string;
  encoding: string;
  bytes: Buffer;
}

/** Fragment length and step for raw and UTF-16 forms (random odds of a 12-character hit are nil). */
const FRAGMENT = 12;
const STEP = 4;

/** The base64 characters fully determined by `data` when it starts at byte offset 0, 1 or 2 of an encoded stream. */
function base64Forms(data: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), data]).toString(alphabet);
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + data.length)) / 6);
    forms.push(encoded.slice(first, last));
  }
  return forms;
}

function fragments(value: string): string[] {
  if (value.length <= FRAGMENT) return [value];
  const out = new Set<string>();
  for (let start = 0; start + FRAGMENT <= value.length; start += STEP) out.add(value.slice(start, start + FRAGMENT));
  out.add(value.slice(-FRAGMENT));
  return [...out];
}

function utf16be(value: string): Buffer {
  const le = Buffer.from(value, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

/** Every form of a secret the scanners look for. */
export function needlesFor(secrets: readonly Secret[]): Needle[] {
  const needles: Needle[] = [];
  for (const { label, value } of secrets) {
    if (value.length < 8) throw new Error(`${label} is too short to search for reliably`);
    const utf8 = Buffer.from(value, 'utf8');
    const add = (encoding: string, bytes: Buffer | string) =>
      needles.push({
        secret: label,
        encoding,
        bytes: typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes,
      });
    for (const part of fragments(value)) {
      add('raw', part);
      add('UTF-16LE', Buffer.from(part, 'utf16le'));
      add('UTF-16BE', utf16be(part));
    }
    add('hex', utf8.toString('hex'));
    add('HEX', utf8.toString('hex').toUpperCase());
    for (const form of base64Forms(utf8, 'base64')) add('base64', form);
    for (const form of base64Forms(utf8, 'base64url')) add('base64url', form);
    const urlEncoded = encodeURIComponent(value);
    if (urlEncoded !== value) add('URL-encoded', urlEncoded);
    const formEncoded = new URLSearchParams({ v: value }).toString().slice(2);
    if (formEncoded !== value && formEncoded !== urlEncoded) add('form-encoded', formEncoded);
  }
  return needles;
}

export interface Finding {
  where: string;
  secret: string;
  encoding: string;
}

/** Where any of `secrets` occurs in `data` (a file's bytes or a string). */
export function findIn(where: string, data: Buffer | string, needles: readonly Needle[]): Finding[] {
  const haystack = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const found = new Map<string, Finding>();
  for (const needle of needles) {
    const key = `${needle.secret}|${needle.encoding}`;
    if (!found.has(key) && haystack.indexOf(needle.bytes) !== -1) {
      found.set(key, { where, secret: needle.secret, encoding: needle.encoding });
    }
  }
  return [...found.values()];
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

export interface DiskScan {
  files: number;
  bytes: number;
  findings: Finding[];
}

/** Reads every file under `dir` (the browser profile) and reports each one holding a secret, in any form. */
export async function scanDirectory(dir: string, secrets: readonly Secret[]): Promise<DiskScan> {
  const needles = needlesFor(secrets);
  const scan: DiskScan = { files: 0, bytes: 0, findings: [] };
  for await (const path of filesUnder(dir)) {
    let data: Buffer;
    try {
      if ((await stat(path)).size === 0) continue;
      data = await readFile(path);
    } catch {
      continue; // Removed while we looked (the browser is running).
    }
    scan.files += 1;
    scan.bytes += data.length;
    scan.findings.push(...findIn(relative(dir, path), data, needles));
  }
  return scan;
}

/** Where any of `secrets` occurs in a list of strings (requests, probe records). */
export function scanStrings(items: readonly { where: string; text: string }[], secrets: readonly Secret[]): Finding[] {
  const needles = needlesFor(secrets);
  return items.flatMap((item) => findIn(item.where, item.text, needles));
}

/* ------------------------------------------------------------ page probe -- */

export interface ProbeRecord {
  /** mutation kinds (`added`, `text`, `attr`, `shadow`), `message`, `postMessage`, `event`, `setAttribute`, `storage`, `final-*`. */
  kind: string;
  text: string;
  /** Written inside the extension's overlay (its host element or its shadow root). */
  inOverlay: boolean;
}

/**
 * A main-world probe, installed with `page.addInitScript` before the page's
 * own scripts: it records what reaches the page — every DOM mutation of the
 * document and of open shadow roots (nodes, text, attributes), `message`
 * events (a content script's postMessage lands here), and the main world's
 * postMessage, dispatchEvent/CustomEvent, setAttribute and Web Storage
 * writes. `readPageProbe` adds a final snapshot of the DOM and storage.
 */
function probeBody(host: string): void {
  type Rec = { kind: string; text: string; inOverlay: boolean };
  const log: Rec[] = [];
  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const inOverlay = (node: Node | null): boolean => {
    let current: Node | null = node;
    while (current) {
      if (current instanceof Element && current.localName === host) return true;
      const root = current.getRootNode();
      if (root instanceof ShadowRoot) current = root.host;
      else
        return current instanceof Element
          ? current.closest(host) !== null
          : (current.parentElement?.closest(host) ?? null) !== null;
    }
    return false;
  };
  const record = (kind: string, value: unknown, node: Node | null = null) => {
    const text = show(value);
    if (text) log.push({ kind, text, inOverlay: inOverlay(node) });
  };
  const observed = new WeakSet<Node>();
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'attributes' && m.target instanceof Element && m.attributeName) {
        record('attr', `${m.attributeName}=${m.target.getAttribute(m.attributeName) ?? ''}`, m.target);
      } else if (m.type === 'characterData') {
        record('text', (m.target as CharacterData).data, m.target);
      } else {
        for (const node of m.addedNodes) {
          record(
            'added',
            node instanceof Element ? `${node.outerHTML} ${node.textContent ?? ''}` : node.textContent,
            node,
          );
        }
      }
    }
    watchShadowRoots(document);
  });
  const watch = (target: Node) => {
    if (observed.has(target)) return;
    observed.add(target);
    observer.observe(target, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      attributeOldValue: false,
    });
  };
  const watchShadowRoots = (scope: Document | ShadowRoot) => {
    for (const element of scope.querySelectorAll('*')) {
      const root = element.shadowRoot;
      if (root && !observed.has(root)) {
        record('shadow', root.innerHTML, element);
        watch(root);
        watchShadowRoots(root);
      }
    }
  };
  watch(document);
  // A shadow root attached after its host was inserted has no mutation of its own.
  setInterval(() => watchShadowRoots(document), 50);

  addEventListener('message', (event) => record('message', event.data), true);
  const postMessage = window.postMessage.bind(window);
  window.postMessage = ((message: unknown, ...rest: [string, Transferable[]?]) => {
    record('postMessage', message);
    return postMessage(message, ...rest);
  }) as typeof window.postMessage;
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (event: Event) {
    record('event', `${event.type} ${show((event as CustomEvent).detail ?? '')}`, this instanceof Node ? this : null);
    return dispatch.call(this, event);
  };
  const NativeCustomEvent = window.CustomEvent;
  class RecordedCustomEvent extends NativeCustomEvent<unknown> {
    constructor(type: string, init?: CustomEventInit<unknown>) {
      super(type, init);
      record('CustomEvent', `${type} ${show(init?.detail ?? '')}`);
    }
  }
  window.CustomEvent = RecordedCustomEvent as typeof CustomEvent;
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name: string, value: string) {
    record('setAttribute', `${name}=${value}`, this);
    return setAttribute.call(this, name, value);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    record('storage', `${key}=${value}`);
    return setItem.call(this, key, value);
  };
  Object.defineProperty(window, '__mantixProbe', {
    value: {
      log,
      final(): Rec[] {
        const out: Rec[] = [{ kind: 'final-dom', text: document.documentElement.outerHTML, inOverlay: false }];
        const roots = (scope: Document | ShadowRoot) => {
          for (const element of scope.querySelectorAll('*')) {
            if (element.shadowRoot) {
              out.push({ kind: 'final-shadow', text: element.shadowRoot.innerHTML, inOverlay: inOverlay(element) });
              roots(element.shadowRoot);
            }
          }
        };
        roots(document);
        out.push({ kind: 'final-storage', text: JSON.stringify({ ...localStorage }), inOverlay: false });
        out.push({ kind: 'final-storage', text: JSON.stringify({ ...sessionStorage }), inOverlay: false });
        out.push({ kind: 'final-cookie', text: document.cookie, inOverlay: false });
        return out;
      },
    },
  });
}

/** Installs the probe into every page `page` loads, before the page's own scripts. */
export async function installPageProbe(page: import('@playwright/test').Page, overlayHost: string): Promise<void> {
  await page.addInitScript(probeBody, overlayHost);
}

/** Everything the probe saw, with a final snapshot of the DOM, shadow roots and storage. */
export async function readPageProbe(page: import('@playwright/test').Page): Promise<ProbeRecord[]> {
  return page.evaluate(() => {
    const probe = (window as unknown as { __mantixProbe?: { log: ProbeRecord[]; final(): ProbeRecord[] } })
      .__mantixProbe;
    if (!probe) throw new Error('The page probe is not installed.');
    return [...probe.log, ...probe.final()];
  });
}

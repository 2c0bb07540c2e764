/**
 * Size of the built extension: every entrypoint (its files and the chunks it
 * loads) raw and gzip, the packages, and what is in the content-script
 * bundle and why (from WXT's bundle analysis, rollup-plugin-visualizer's raw data).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Budget, ModuleRow, PackageRow, SizeRow, SizeSection } from './report';

/** The loader: the manifest's only content script, on every Bitget page. */
export const CONTENT_SCRIPT_BUDGET: Budget = { max: 3_000, text: '≤ 3 kB' };
/** The guide, injected by the background on the API key page only. */
export const GUIDE_SCRIPT_BUDGET: Budget = { max: 45_000, text: '≤ 45 kB' };
const GUIDE_FILE = 'bitget-guide.js';
export const CHROME_ZIP_BUDGET: Budget = { max: 180_000, text: '≤ 180 kB' };

interface Manifest {
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { js?: string[]; css?: string[] }[];
  action?: { default_popup?: string };
  options_ui?: { page?: string };
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path)).length;

/** Paths inside the build, without a leading slash. */
const clean = (path: string) => path.replace(/^\/+/, '');

/** What an HTML page loads: module scripts, preloads, stylesheets. */
function htmlAssets(root: string, page: string): string[] {
  const html = readFileSync(join(root, page), 'utf8');
  const found: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
    const ref = match[1] ?? '';
    if (/^[a-z]+:/i.test(ref) || !/\.(m?js|css)$/.test(ref)) continue;
    found.push(ref.startsWith('/') ? clean(ref) : posix.join(posix.dirname(page), ref));
  }
  return found;
}

/** A JS file and every chunk it imports (static and dynamic), transitively. */
function withImports(root: string, files: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(join(root, file))) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(root, file), 'utf8');
    for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
      const ref = match[1] ?? '';
      queue.push(ref.startsWith('/') ? clean(ref) : posix.normalize(posix.join(posix.dirname(file), ref)));
    }
  }
  return [...seen];
}

function row(root: string, entry: string, files: readonly string[], budget?: SizeRow['budget']): SizeRow {
  const present = files.filter((file) => existsSync(join(root, file)));
  const raw = present.reduce((sum, file) => sum + statSync(join(root, file)).size, 0);
  const gzip = present.reduce((sum, file) => sum + gzipBytes(join(root, file)), 0);
  return {
    entry,
    files: present,
    raw,
    gzip,
    ...(budget ? { budget } : {}),
    status: budget ? ((budget.on === 'gzip' ? gzip : raw) <= budget.max ? 'met' : 'missed') : 'info',
  };
}

function allFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => {
    const path = dir ? `${dir}/${d.name}` : d.name;
    return d.isDirectory() ? allFiles(root, path) : [path];
  });
}

/** The entrypoints of one build directory (chrome-mv3-test or firefox-mv3-test: the bench builds in test mode). */
export function buildRows(root: string, options: { budgets: boolean }): SizeRow[] {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as Manifest;
  const rows: SizeRow[] = [];
  const background = manifest.background?.service_worker
    ? [manifest.background.service_worker]
    : (manifest.background?.scripts ?? []);
  rows.push(row(root, 'background', withImports(root, background.map(clean))));
  for (const script of manifest.content_scripts ?? []) {
    const files = [...withImports(root, (script.js ?? []).map(clean)), ...(script.css ?? []).map(clean)];
    const name = files[0] ?? 'content script';
    rows.push(
      row(
        root,
        `loader content script (${name})`,
        files,
        options.budgets ? { ...CONTENT_SCRIPT_BUDGET, on: 'gzip' } : undefined,
      ),
    );
  }
  if (existsSync(join(root, GUIDE_FILE))) {
    rows.push(
      row(
        root,
        `guide script, injected (${GUIDE_FILE})`,
        withImports(root, [GUIDE_FILE]),
        options.budgets ? { ...GUIDE_SCRIPT_BUDGET, on: 'gzip' } : undefined,
      ),
    );
  }
  for (const [label, page] of [
    ['popup', manifest.action?.default_popup],
    ['options', manifest.options_ui?.page],
  ] as const) {
    if (!page) continue;
    const assets = htmlAssets(root, clean(page));
    rows.push(row(root, `${label} (incl. chunks, CSS)`, [clean(page), ...withImports(root, assets)]));
  }
  const files = allFiles(root);
  const locales = files.filter((f) => f.startsWith('_locales/'));
  if (locales.length) rows.push(row(root, '_locales (UI messages)', locales));
  rows.push(
    row(
      root,
      'all CSS',
      files.filter((f) => f.endsWith('.css')),
    ),
  );
  rows.push(row(root, 'whole build (unpacked)', files));
  return rows;
}

/** The packages WXT made in `outDir`: Chrome, Firefox and Firefox's sources zip. */
export function zipRows(outDir: string): SizeRow[] {
  const zips = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.zip')) : [];
  return zips.sort().map((name) => {
    const size = statSync(join(outDir, name)).size;
    const chrome = name.includes('-chrome');
    const budget = chrome ? { ...CHROME_ZIP_BUDGET, on: 'raw' as const } : undefined;
    return {
      entry: `${chrome ? 'Chrome zip' : name.includes('-sources') ? 'Firefox sources zip' : 'Firefox zip'}`,
      files: [relative(process.cwd(), join(outDir, name))],
      raw: size,
      gzip: null,
      ...(budget ? { budget } : {}),
      status: budget ? (size <= budget.max ? 'met' : 'missed') : 'info',
    } satisfies SizeRow;
  });
}

/** The entries of a zip (its central directory): name, size, compressed size. */
export function zipEntries(path: string): { file: string; raw: number; compressed: number }[] {
  const zip = readFileSync(path);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return [];
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: { file: string; raw: number; compressed: number }[] = [];
  for (let i = 0; i < count && zip.readUInt32LE(at) === 0x02014b50; i++) {
    const compressed = zip.readUInt32LE(at + 20);
    const raw = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const file = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (!file.endsWith('/')) entries.push({ file, raw, compressed });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries.sort((a, b) => b.compressed - a.compressed);
}

/* ------------------------------------------------- bundle analysis -- */

interface RawData {
  nodeParts: Record<string, { renderedLength: number; metaUid: string }>;
  nodeMetas: Record<string, { id: string; moduleParts: Record<string, string>; importedBy: { uid: string }[] }>;
}

const shortId = (id: string) =>
  id
    .replace(/^\0/, '')
    .replace(/^\/node_modules\//, '')
    .replace(/^\//, '');

function packageOf(id: string): string {
  if (id.startsWith('\0')) return 'bundler runtime';
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (nm?.[1]) {
    const name = nm[1];
    return name === 'scheduler' ? 'react-dom (scheduler)' : name;
  }
  const own = /^\/([^/]+)(?:\/([^/]+))?\//.exec(id);
  return own
    ? `own code: ${own[1]}${own[2] && own[1] !== 'entrypoints' ? `/${own[2]}` : ''}`
    : `own code: ${shortId(id)}`;
}

const isOwn = (id: string) => !id.includes('/node_modules/') && !id.startsWith('\0') && !id.startsWith('virtual:');

/**
 * Why a module is in the bundle: the shortest importer chain up to the
 * entrypoint (within the same build step: WXT bundles each entrypoint group
 * separately, and uids carry the step's prefix), shown as its first importer,
 * then the extension's own modules on the way.
 */
function importerChain(data: RawData, uid: string): string[] {
  const step = uid.split('-')[0];
  const previous = new Map<string, string | null>([[uid, null]]);
  const queue = [uid];
  let root = uid;
  while (queue.length) {
    const current = queue.shift() as string;
    const importers = (data.nodeMetas[current]?.importedBy ?? [])
      .map((i) => i.uid)
      .filter((u) => u.split('-')[0] === step);
    if (importers.length === 0) {
      root = current;
      break;
    }
    for (const next of importers) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  const chain: string[] = [];
  for (let at: string | null | undefined = root; at; at = previous.get(at)) chain.push(data.nodeMetas[at]?.id ?? at);
  // chain runs entry → module; the importers, nearest first, without the module and WXT's virtual entry.
  const importers = chain
    .reverse()
    .slice(1)
    .filter((id) => !id.startsWith('virtual:') && !id.startsWith('\0'));
  const firstOwn = importers.findIndex(isOwn);
  const shown = firstOwn > 1 ? [importers[0] ?? '', '…', ...importers.slice(firstOwn)] : importers;
  return shown.map((id) => (id === '…' ? id : shortId(id)));
}

export function contentScriptAnalysis(
  analysisFile: string,
  bundle: string,
  gzipTotal: number,
): SizeSection['contentScript'] {
  if (!existsSync(analysisFile)) return null;
  const data = JSON.parse(readFileSync(analysisFile, 'utf8')) as RawData;
  const modules: { uid: string; id: string; rendered: number }[] = [];
  for (const [uid, meta] of Object.entries(data.nodeMetas)) {
    const part = meta.moduleParts[bundle];
    if (!part) continue;
    modules.push({ uid, id: meta.id, rendered: data.nodeParts[part]?.renderedLength ?? 0 });
  }
  const total = modules.reduce((sum, m) => sum + m.rendered, 0);
  if (total === 0) return null;
  modules.sort((a, b) => b.rendered - a.rendered);

  const byPackage = new Map<string, { modules: number; rendered: number }>();
  for (const m of modules) {
    const name = packageOf(m.id);
    const entry = byPackage.get(name) ?? { modules: 0, rendered: 0 };
    entry.modules += 1;
    entry.rendered += m.rendered;
    byPackage.set(name, entry);
  }
  const packages: PackageRow[] = [...byPackage.entries()]
    .map(([name, p]) => ({
      package: name,
      modules: p.modules,
      rendered: p.rendered,
      share: p.rendered / total,
      estimatedGzip: Math.round((p.rendered / total) * gzipTotal),
    }))
    .sort((a, b) => b.rendered - a.rendered);

  const top: ModuleRow[] = modules.slice(0, 10).map((m) => ({
    module: shortId(m.id),
    rendered: m.rendered,
    share: m.rendered / total,
    why: importerChain(data, m.uid),
  }));

  const share = (prefix: string) =>
    packages.filter((p) => p.package.startsWith(prefix)).reduce((sum, p) => sum + p.share, 0);
  const react = share('react');
  const ownShare = share('own code');
  const biggestOther = packages.find((p) => !p.package.startsWith('react') && !p.package.startsWith('own code'));
  const note = [
    `${modules.length} modules, ${kb(total)} of rendered code before minification (${kb(gzipTotal)} gzip as shipped).`,
    `React and React DOM (with its scheduler) are ${(react * 100).toFixed(0)} % of it (≈ ${kb(react * gzipTotal)} gzip),`,
    biggestOther
      ? `${biggestOther.package} ${(biggestOther.share * 100).toFixed(0)} % (≈ ${kb(biggestOther.estimatedGzip)} gzip),`
      : '',
    `the extension's own code ${(ownShare * 100).toFixed(0)} %.`,
    'The gzip figures per package are estimates (their share of the pre-minification bytes × the bundle’s real gzip size).',
  ]
    .filter(Boolean)
    .join(' ');
  return { modules: top, packages, note };
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

export function measureSizes(outDir: string, analysisFile: string): SizeSection {
  const how =
    'Sizes of the files of the bench’s own production build (`wxt zip --mode test`, Chrome MV3 and Firefox MV3) in ' +
    `\`${relative(process.cwd(), outDir)}\`. An entrypoint counts its own file, every chunk it imports (followed ` +
    'through the import statements) and, for pages, the HTML and CSS they load; gzip is Node’s zlib at its default ' +
    'level, file by file (as each is loaded), summed. Zips are the packages WXT writes. kB = 1000 bytes, as WXT prints. ' +
    'The content-script breakdown comes from WXT’s bundle analysis (`analysis.enabled`, rollup-plugin-visualizer raw ' +
    'data): rendered bytes per module after tree-shaking, before minification.';
  const chromeDir = join(outDir, 'chrome-mv3-test');
  const firefoxDir = join(outDir, 'firefox-mv3-test');
  const chrome = existsSync(chromeDir) ? buildRows(chromeDir, { budgets: true }) : [];
  const firefox = existsSync(firefoxDir) ? buildRows(firefoxDir, { budgets: false }) : [];
  // The breakdown is of the guide (the big page script); the loader is a few functions.
  const content = chrome.find((r) => r.entry.startsWith('guide script'));
  const bundle = content?.files[0];
  const zips = zipRows(outDir);
  const chromeZip = zips.find((z) => z.entry === 'Chrome zip')?.files[0];
  return {
    how,
    chrome,
    firefox,
    zips,
    chromeZipContents: chromeZip ? zipEntries(resolve(chromeZip)) : [],
    contentScript: bundle && content ? contentScriptAnalysis(analysisFile, bundle, content.gzip ?? 0) : null,
  };
}

export const analysisFileOf = (outDir: string) => join(outDir, 'analysis-chrome.json');

/**
 * The bench's report: the data (bench/report.json) and its markdown
 * rendering (bench/report.md, also printed at the end of `npm run bench`).
 */
import { type Summary, summarize } from './stats';

export type Status = 'met' | 'missed' | 'info' | 'not measurable yet';

export interface Budget {
  /** The figure's median must be at most this. */
  max: number;
  /** As the issue states it, e.g. "≤ 1.02×". */
  text: string;
}

export interface Figure {
  id: string;
  label: string;
  unit: 'ms' | 'frames' | '×' | 'B' | 'ms / 10 s' | 'actions';
  n: number;
  median: number | null;
  spread: Omit<Summary, 'n' | 'median'> | null;
  budget?: Budget;
  status: Status;
  note?: string;
  samples?: number[];
}

export interface Section {
  id: 'pageOverhead' | 'reaction' | 'handoff' | 'serviceWorker' | 'userActions';
  title: string;
  how: string;
  figures: Figure[];
}

export interface SizeRow {
  entry: string;
  files: string[];
  raw: number;
  /** Null for zips (already compressed). */
  gzip: number | null;
  budget?: Budget & { on: 'raw' | 'gzip' };
  status: Status;
}

export interface ModuleRow {
  module: string;
  /** Bytes of the module's rendered code in the bundle, after tree-shaking and before minification. */
  rendered: number;
  share: number;
  /** The importer chain from the entrypoint, shortest first. */
  why: string[];
}

export interface PackageRow {
  package: string;
  modules: number;
  rendered: number;
  share: number;
  /** share × the bundle's real gzip size: an estimate, not a measurement. */
  estimatedGzip: number;
}

export interface SizeSection {
  how: string;
  chrome: SizeRow[];
  firefox: SizeRow[];
  zips: SizeRow[];
  /** Every file in the Chrome zip, biggest (compressed) first. */
  chromeZipContents?: { file: string; raw: number; compressed: number }[];
  contentScript: { modules: ModuleRow[]; packages: PackageRow[]; note: string } | null;
  error?: string;
}

export interface Report {
  generatedAt: string;
  durationS: number;
  machine: Record<string, string | number>;
  build: { outDir: string; apiUrl: string; ok: boolean; error?: string };
  notes: string[];
  sections: Section[];
  size: SizeSection;
  budgets: { figure: string; value: string; budget: string; status: Status }[];
}

/* ------------------------------------------------------------ figures -- */

export function figure(
  id: string,
  label: string,
  unit: Figure['unit'],
  samples: readonly number[],
  options: { budget?: Budget; note?: string } = {},
): Figure {
  const summary = summarize(samples);
  if (!summary) return notMeasurable(id, label, unit, options.note ?? 'no samples', options.budget);
  const { n, median, ...spread } = summary;
  return {
    id,
    label,
    unit,
    n,
    median,
    spread,
    ...(options.budget ? { budget: options.budget } : {}),
    status: options.budget ? (median <= options.budget.max ? 'met' : 'missed') : 'info',
    ...(options.note ? { note: options.note } : {}),
    samples: [...samples],
  };
}

/** A ratio of two medians; its spread is that of the per-pair ratios. */
export function ratioFigure(
  id: string,
  label: string,
  numerator: readonly number[],
  denominator: readonly number[],
  options: { budget?: Budget; note?: string; pairs?: readonly number[] } = {},
): Figure {
  const top = summarize(numerator);
  const bottom = summarize(denominator);
  if (!top || !bottom || bottom.median === 0) {
    return notMeasurable(id, label, '×', options.note ?? 'no samples', options.budget);
  }
  const ratio = top.median / bottom.median;
  const pairs = summarize(options.pairs ?? []);
  const notes = options.note ? [options.note] : [];
  if (options.budget && pairs) {
    const { max, text } = options.budget;
    const iqr = `IQR of the per-pair ratios ${pairs.q1.toFixed(3)}–${pairs.q3.toFixed(3)}`;
    if (pairs.n < 4) notes.push(`only ${pairs.n} pairs: too few to tell the noise`);
    else if (pairs.q1 > max) notes.push(`the whole ${iqr} lies above ${text}`);
    else if (pairs.q3 <= max) notes.push(`the whole ${iqr} lies within ${text}`);
    else notes.push(`within the noise: the ${iqr} straddles ${text}, so this run cannot tell`);
  }
  return {
    id,
    label,
    unit: '×',
    n: Math.min(top.n, bottom.n),
    median: ratio,
    spread: pairs ? { min: pairs.min, max: pairs.max, q1: pairs.q1, q3: pairs.q3 } : null,
    ...(options.budget ? { budget: options.budget } : {}),
    status: options.budget ? (ratio <= options.budget.max ? 'met' : 'missed') : 'info',
    ...(notes.length ? { note: notes.join('; ') } : {}),
    ...(options.pairs ? { samples: [...options.pairs] } : {}),
  };
}

export function notMeasurable(
  id: string,
  label: string,
  unit: Figure['unit'],
  reason: string,
  budget?: Budget,
): Figure {
  return {
    id,
    label,
    unit,
    n: 0,
    median: null,
    spread: null,
    ...(budget ? { budget } : {}),
    status: 'not measurable yet',
    note: reason,
  };
}

/* ----------------------------------------------------------- markdown -- */

function num(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case '×':
      return value.toFixed(3);
    case 'frames':
    case 'actions':
      return Number.isInteger(value) ? String(value) : value.toFixed(1);
    case 'B':
      return String(Math.round(value));
    default:
      return value >= 100 ? value.toFixed(0) : value.toFixed(1);
  }
}

function withUnit(value: number, unit: Figure['unit']): string {
  if (unit === '×') return `${num(value, unit)}×`;
  return `${num(value, unit)} ${unit === 'frames' && value === 1 ? 'frame' : unit}`;
}

export function valueText(f: Figure): string {
  return f.median === null ? '–' : withUnit(f.median, f.unit);
}

function spreadText(f: Figure): string {
  if (!f.spread) return '–';
  const { min, max, q1, q3 } = f.spread;
  return `${num(min, f.unit)}–${num(max, f.unit)} (IQR ${num(q1, f.unit)}–${num(q3, f.unit)})`;
}

export function statusText(status: Status): string {
  switch (status) {
    case 'met':
      return '**met**';
    case 'missed':
      return '**MISSED**';
    case 'info':
      return '–';
    default:
      return '_not measurable yet_';
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function figureTable(figures: readonly Figure[]): string[] {
  const lines = [
    '| Figure | Median | Spread: min–max (IQR) | n | Budget | Result | Note |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    lines.push(
      `| ${cell(f.label)} | ${valueText(f)} | ${spreadText(f)} | ${f.n} | ${f.budget ? cell(f.budget.text) : '–'} | ${statusText(f.status)} | ${cell(f.note ?? '')} |`,
    );
  }
  return lines;
}

function sizeTable(rows: readonly SizeRow[]): string[] {
  const lines = ['| Entry | Raw | gzip | Budget | Result | Files |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    lines.push(
      `| ${cell(r.entry)} | ${kB(r.raw)} (${r.raw} B) | ${r.gzip === null ? '–' : `${kB(r.gzip)} (${r.gzip} B)`} | ${r.budget ? `${r.budget.on} ${cell(r.budget.text)}` : '–'} | ${statusText(r.status)} | ${cell(r.files.length > 8 ? `${r.files.length} files` : r.files.join(', '))} |`,
    );
  }
  return lines;
}

/** The table of every budget: the closing note of the issue. */
export function budgetTable(report: Report): string[] {
  const lines = ['| Budget | Figure | Value | Result |', '|---|---|---|---|'];
  for (const b of report.budgets) {
    lines.push(`| ${cell(b.budget)} | ${cell(b.figure)} | ${cell(b.value)} | ${statusText(b.status)} |`);
  }
  return lines;
}

export function collectBudgets(report: Omit<Report, 'budgets'>): Report['budgets'] {
  const out: Report['budgets'] = [];
  for (const section of report.sections) {
    for (const f of section.figures) {
      if (f.budget) out.push({ figure: f.label, value: valueText(f), budget: f.budget.text, status: f.status });
    }
  }
  for (const row of [...report.size.chrome, ...report.size.zips]) {
    if (row.budget) {
      out.push({
        figure: `${row.entry} (${row.budget.on})`,
        value: kB(row.budget.on === 'gzip' ? (row.gzip ?? Number.NaN) : row.raw),
        budget: row.budget.text,
        status: row.status,
      });
    }
  }
  return out;
}

export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push('# Mantix Connect — performance report', '');
  lines.push(
    `Generated by \`npm run bench\` on ${report.generatedAt} in ${report.durationS.toFixed(0)} s. A report, not a test: nothing here fails a build.`,
    '',
  );
  lines.push('## Budgets', '', ...budgetTable(report), '');
  for (const section of report.sections) {
    lines.push(`## ${section.title}`, '', ...figureTable(section.figures), '', `How measured: ${section.how}`, '');
  }
  const size = report.size;
  lines.push('## Size', '');
  if (size.error) lines.push(`Not measurable yet: ${size.error}`, '');
  lines.push('Chrome MV3 build:', '', ...sizeTable(size.chrome), '');
  lines.push('Firefox MV3 build:', '', ...sizeTable(size.firefox), '');
  lines.push('Packages:', '', ...sizeTable(size.zips), '');
  if (size.chromeZipContents?.length) {
    const total = size.chromeZipContents.reduce((sum, e) => sum + e.compressed, 0);
    lines.push('What the Chrome zip holds (compressed in the zip, biggest first):', '');
    lines.push('| File | Raw | In the zip | Share |', '|---|---|---|---|');
    for (const e of size.chromeZipContents.slice(0, 10)) {
      lines.push(
        `| ${cell(e.file)} | ${kB(e.raw)} | ${kB(e.compressed)} | ${((e.compressed / total) * 100).toFixed(1)} % |`,
      );
    }
    const rest = size.chromeZipContents.slice(10);
    if (rest.length) {
      const restBytes = rest.reduce((sum, e) => sum + e.compressed, 0);
      lines.push(`| ${rest.length} more files | – | ${kB(restBytes)} | ${((restBytes / total) * 100).toFixed(1)} % |`);
    }
    lines.push('');
  }
  if (size.contentScript) {
    const cs = size.contentScript;
    lines.push('### What is in the content-script bundle, and why', '', cs.note, '');
    lines.push('| Package | Modules | Rendered | Share | ≈ gzip |', '|---|---|---|---|---|');
    for (const p of cs.packages) {
      lines.push(
        `| ${cell(p.package)} | ${p.modules} | ${kB(p.rendered)} | ${(p.share * 100).toFixed(1)} % | ≈ ${kB(p.estimatedGzip)} |`,
      );
    }
    lines.push('', '| Module (top 10) | Rendered | Share | Pulled in by |', '|---|---|---|---|');
    for (const m of cs.modules) {
      lines.push(
        `| ${cell(m.module)} | ${kB(m.rendered)} | ${(m.share * 100).toFixed(1)} % | ${cell(m.why.join(' ← '))} |`,
      );
    }
    lines.push('');
  }
  lines.push(`How measured: ${size.how}`, '');
  lines.push('## Machine', '', '| | |', '|---|---|');
  for (const [key, value] of Object.entries(report.machine)) lines.push(`| ${cell(key)} | ${cell(String(value))} |`);
  lines.push('');
  if (report.notes.length) {
    lines.push('## Notes', '');
    for (const note of report.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

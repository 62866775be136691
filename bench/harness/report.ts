// Prints the rows as a table, keeps bench/results.json (one row per benchmark, replaced by name, so a partial
// run updates its rows and keeps the rest) and rewrites README's benchmark table between its markers.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ResultRow } from './types';

export const README_START = '<!-- bench-table:start -->';
export const README_END = '<!-- bench-table:end -->';

export function ratioText(r: ResultRow): string {
  if (r.error) return 'CRASHED';
  if (r.ratio === null) return '—';
  return `${fmt(r.ratio)}x`;
}

/** Two decimals, or two significant digits below 0.1 (an incremental re-check is ~0.0004x). */
function fmt(x: number): string {
  return x >= 0.1 || x === 0 ? x.toFixed(2) : x.toPrecision(2);
}

function spreadText(r: ResultRow): string {
  if (!r.spread) return '';
  return `${fmt(r.spread[0])}–${fmt(r.spread[1])}`;
}

function metText(r: ResultRow): string {
  if (r.error) return 'CRASHED';
  if (r.met === null) return '';
  return r.met ? 'yes' : 'MISSED';
}

export function printTable(rows: readonly ResultRow[], out: NodeJS.WritableStream = process.stdout): void {
  const cols: [string, (r: ResultRow) => string][] = [
    ['benchmark', (r) => r.name],
    ['baseline', (r) => r.baseline],
    ['ratio', ratioText],
    ['spread', spreadText],
    ['target', (r) => r.target ?? ''],
    ['met', metText],
  ];
  const widths = cols.map(([h, f]) => Math.max(h.length, ...rows.map((r) => f(r).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  out.write(`${line(cols.map(([h]) => h))}\n`);
  for (const r of rows) {
    out.write(`${line(cols.map(([, f]) => f(r)))}\n`);
    if (r.note) out.write(`    ${r.note}\n`);
    for (const c of r.checks ?? []) out.write(`    ${c.ok ? 'ok    ' : 'FAILED'} ${c.name}${c.detail ? `: ${c.detail}` : ''}\n`);
    if (r.error) out.write(`    ${r.error.split('\n').slice(0, 3).join('\n    ')}\n`);
  }
}

export function mergeResults(path: string, fresh: readonly ResultRow[]): ResultRow[] {
  const old: ResultRow[] = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { rows: ResultRow[] }).rows : [];
  const byName = new Map(old.map((r) => [r.name, r]));
  for (const r of fresh) byName.set(r.name, r);
  // Keep the order of the files and of the rows within them.
  const rows = [...byName.values()].sort((a, b) => a.file.localeCompare(b.file));
  const order = new Map([...old, ...fresh].map((r, i) => [r.name, i]));
  rows.sort((a, b) => a.file.localeCompare(b.file) || (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  writeFileSync(path, `${JSON.stringify({ generatedBy: 'npm run bench', rows }, null, 2)}\n`);
  return rows;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function readmeTable(rows: readonly ResultRow[]): string {
  const lines = ['| benchmark | baseline, same run | ratio (median) | spread | target | met | measured |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const target = r.target ? (r.target.startsWith('>=') ? `≥ ${r.target.slice(3)}x` : `≤ ${r.target.slice(3)}x`) : '';
    const extra = r.ratio === null && r.note ? ` (${r.note})` : '';
    lines.push(`| ${cell(r.name)}${cell(extra)} | ${cell(r.baseline)} | ${ratioText(r)} | ${spreadText(r)} | ${target} | ${metText(r)} | ${r.date.slice(0, 10)} |`);
  }
  return lines.join('\n');
}

/** Replaces the table between the markers; returns false when README has no markers. */
export function updateReadme(path: string, rows: readonly ResultRow[]): boolean {
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a < 0 || b < a) return false;
  const next = `${text.slice(0, a + README_START.length)}\n${readmeTable(rows)}\n${text.slice(b)}`;
  if (next !== text) writeFileSync(path, next);
  return true;
}

// What `scim-workbench probe` prints: progress on stderr (a line per probe, a counter during page walks, only on
// a terminal), each application's results on stdout, a summary table for a fleet, and the report files.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { reportHasErrors, type ProbeProgress, type ProbeReport } from '../core/probes';
import type { CliIO } from './command';

/** Progress lines for a terminal; a fleet's counters are throttled so several applications stay readable. */
export function progressPrinter(io: CliIO, fleet: boolean): (p: ProbeProgress) => void {
  let counterShown = false;
  const lastCounter = new Map<string, number>();
  return (p) => {
    const counter = p.done !== undefined;
    const line = `[${p.app}] ${p.probe ? `${p.probe}: ` : ''}${p.message}${counter && p.total !== undefined ? ` (${p.done}/${p.total})` : ''}`;
    if (counter && !fleet) {
      io.stderr(`\r\x1b[K${line}`);
      counterShown = true;
      return;
    }
    if (counter) {
      const now = Date.now();
      if (now - (lastCounter.get(p.app) ?? 0) < 2000) return;
      lastCounter.set(p.app, now);
    }
    io.stderr(`${counterShown ? '\r\x1b[K' : ''}${line}\n`);
    counterShown = false;
  };
}

function counts(report: ProbeReport): { error: number; warning: number; info: number } {
  const findings = report.probes.flatMap((p) => p.findings);
  return {
    error: findings.filter((f) => f.severity === 'error').length,
    warning: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

export function verdictOf(report: ProbeReport): string {
  if (report.cancelled) return 'cancelled';
  if (reportHasErrors(report)) return 'fail';
  return counts(report).warning > 0 ? 'warn' : 'pass';
}

export function formatReport(report: ProbeReport): string {
  const lines = [`${report.app}  ${report.baseUrl}  (run ${report.runId}, idp ${report.idpProfile}, ${report.writes ? 'writes allowed' : 'read-only'})`];
  const width = Math.max(...report.probes.map((p) => p.probe.length));
  for (const p of report.probes) {
    lines.push(`  ${p.probe.padEnd(width)}  ${p.status.padEnd(7)} ${p.summary || p.reason || ''}`);
    for (const f of p.findings) lines.push(`      ${f.severity.padEnd(7)} ${f.code}  ${f.message}`);
  }
  const c = report.cleanup;
  lines.push(`  cleanup: ${c.created} test resources created, ${c.deleted} removed${c.failed.length ? `, ${c.failed.length} NOT removed (run scim-workbench cleanup)` : ''}`);
  for (const f of c.failed) lines.push(`      ${f.kind} ${f.name}${f.id ? ` (${f.id})` : ''}: ${f.reason}`);
  if (report.cancelled) lines.push('  the run was cancelled');
  return lines.join('\n') + '\n';
}

export function summaryTable(reports: readonly ProbeReport[]): string {
  const rows = reports.map((r) => {
    const c = counts(r);
    const statuses = ['fail', 'error', 'warn', 'pass', 'skipped']
      .map((s) => [s, r.probes.filter((p) => p.status === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    return [r.app, verdictOf(r), String(c.error), String(c.warning), String(c.info), statuses, `${r.cleanup.deleted}/${r.cleanup.created}`];
  });
  const head = ['application', 'verdict', 'errors', 'warnings', 'info', 'probes', 'removed'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

/** One file per application for several: `report.json` becomes `report.<app>.json` (or `{app}` is replaced). */
export function perAppPath(file: string, app: string, several: boolean): string {
  if (file.includes('{app}')) return file.replaceAll('{app}', app);
  if (!several) return file;
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.${app.replace(/[^A-Za-z0-9._-]/g, '_')}${ext}`);
}

export async function writeOutput(io: CliIO, file: string, text: string): Promise<string> {
  const path = resolve(io.cwd, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

// A probe report as Markdown an auditor can read: what was probed and when, each finding with its meaning and
// the redacted requests and responses that prove it (with their timestamps), every check, and the cleanup.
// Exchanges come from the report's transcript, already redacted by the engine; nothing here adds data.
import type { Exchange, TranscriptBody } from '../http';
import { bodyLines } from '../probeResults/exchangeText';
import { probeCodeInfo } from './codes';
import { fieldName } from './drift';
import type { ProbeFinding, ProbeReport } from './types';

/** Table cells: one line, pipes escaped. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A code fence longer than any run of backticks inside, so bodies cannot break out of it. */
function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

function anchorOf(id: string): string {
  return `exchange-${id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

/** The body as the evidence document shows it (laid out when JSON, cut bodies up to the cut, notes on what is
 * left out), so an exported report and the editor show an exchange the same way. */
function bodyText(body: TranscriptBody | undefined): string {
  const lines = bodyLines(body);
  return lines.length === 0 ? '' : `\n${lines.join('\n')}`;
}

function headers(h: Record<string, string>): string {
  return Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function exchangeSection(x: Exchange): string {
  const lines = [`### <a id="${anchorOf(x.id)}"></a>Exchange \`${x.id}\``, ''];
  const attempts = x.attempts.length > 1 ? ` · ${x.attempts.length} attempts (${x.attempts.map((a) => a.status ?? a.error?.kind ?? '?').join(', ')})` : '';
  lines.push(`Sent ${x.startedAt} · ${x.timings.totalMs} ms${x.timings.waitedMs ? ` (waited ${x.timings.waitedMs} ms)` : ''}${attempts}`, '');
  lines.push(fenced(`${x.request.line}\n${headers(x.request.headers)}${bodyText(x.request.body)}`, 'http'), '');
  if (x.response) {
    lines.push(fenced(`HTTP/1.1 ${x.response.status} ${x.response.statusText}\n${headers(x.response.headers)}${bodyText(x.response.body)}`, 'http'));
  } else {
    lines.push(`No response: ${x.error?.kind ?? 'failure'}: ${x.error?.message ?? ''}`);
  }
  return lines.join('\n');
}

function findingSection(f: ProbeFinding, n: number, known: Set<string>): string {
  const info = probeCodeInfo(f.code);
  const lines = [`### ${n}. \`${f.code}\` · ${f.severity} · ${f.probe}`, '', f.message, ''];
  if (f.field) lines.push(`- Registry field: \`${fieldName(f.field)}\`${f.declared !== undefined ? `, declared \`${JSON.stringify(f.declared)}\`` : ''}${f.observed !== undefined ? `, observed \`${JSON.stringify(f.observed)}\`` : ''}`);
  if (info) lines.push(`- Meaning: ${info.meaning}`, `- What to do: ${info.fix}`);
  const evidence = f.evidence.map((id) => (known.has(id) ? `[\`${id}\`](#${anchorOf(id)})` : `\`${id}\` (not in the transcript)`));
  lines.push(`- Evidence: ${evidence.length ? evidence.join(', ') : 'the registry itself'}`);
  return lines.join('\n');
}

export function reportToMarkdown(report: ProbeReport): string {
  const findings = report.probes.flatMap((p) => p.findings);
  const count = (s: string): number => findings.filter((f) => f.severity === s).length;
  const byId = new Map(report.transcript.map((x) => [x.id, x] as const));
  const out: string[] = [
    `# Probe report: ${report.app}`,
    '',
    `| | |`,
    `| --- | --- |`,
    `| Application | \`${cell(report.app)}\` at ${cell(report.baseUrl)} |`,
    `| Run | \`${report.runId}\`, ${report.startedAt} to ${report.finishedAt} (${(report.durationMs / 1000).toFixed(1)} s)${report.cancelled ? ', **cancelled**' : ''} |`,
    `| IdP profile | ${report.idpProfile} |`,
    `| Writes | ${report.writes ? 'allowed: test resources were created and removed' : 'not allowed: read-only checks only'} |`,
    `| Findings | ${count('error')} error, ${count('warning')} warning, ${count('info')} info |`,
    `| Tool | SCIM Workbench ${report.toolVersion} |`,
    '',
    'Requests and responses below are as the HTTP engine recorded them: credentials and secret values are redacted (`«redacted»`), bodies are cut to a few KB.',
    '',
    '## Probes',
    '',
    '| Probe | Status | Summary | Started | Duration |',
    '| --- | --- | --- | --- | --- |',
    ...report.probes.map((p) => `| ${p.probe} | ${p.status} | ${cell(p.summary || p.reason || '')} | ${p.startedAt} | ${(p.durationMs / 1000).toFixed(1)} s |`),
    '',
    '## Findings',
    '',
  ];
  if (findings.length === 0) out.push('No findings.', '');
  const known = new Set(byId.keys());
  findings.forEach((f, i) => out.push(findingSection(f, i + 1, known), ''));

  out.push('## Checks', '');
  for (const p of report.probes) {
    out.push(`### ${p.probe}`, '');
    if (p.checks.length === 0) {
      out.push(p.reason ? `${p.status}: ${p.reason}` : 'No checks recorded.', '');
      continue;
    }
    out.push('| Check | Result | Detail |', '| --- | --- | --- |');
    for (const c of p.checks) out.push(`| ${cell(c.name)} | ${c.status}${c.codes?.length ? ` (${c.codes.join(', ')})` : ''} | ${cell(c.message ?? '')} |`);
    out.push('');
  }

  out.push('## Cleanup', '');
  out.push(`${report.cleanup.created} test resources created, ${report.cleanup.deleted} removed.`);
  for (const f of report.cleanup.failed) out.push(`- Not removed: ${f.kind} \`${f.name}\`${f.id ? ` (id ${f.id})` : ''}: ${f.reason}. Run \`scim-workbench cleanup\`.`);
  out.push('');

  const cited = [...new Set(findings.flatMap((f) => f.evidence))].map((id) => byId.get(id)).filter((x): x is Exchange => x !== undefined);
  out.push('## Evidence', '', `The ${cited.length} exchanges the findings cite, of ${report.transcript.length} in the run (the JSON report holds them all).`, '');
  for (const x of cited) out.push(exchangeSection(x), '');
  return out.join('\n');
}

// JUnit XML from probe reports, for CI systems: a test suite per application and probe, a test case per check.
// A test case fails exactly when it carries an error-severity finding, the same rule that makes
// `scim-workbench probe` exit 1; warnings and information are printed in the case's output, not failed.
import { probeCodeInfo } from './codes';
import type { ProbeCheck, ProbeFinding, ProbeReport, ProbeResult } from './types';

/** XML 1.0 text: escaped, and without the control characters XML cannot carry at all. */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const attr = (name: string, value: string | number): string => ` ${name}="${xmlText(String(value))}"`;
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

interface Case {
  name: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  message?: string;
  type?: string;
  details?: string;
  output?: string;
}

function describeFinding(f: ProbeFinding): string {
  const ev = f.evidence.length ? ` [evidence: ${f.evidence.join(', ')}]` : '';
  return `${f.severity} ${f.code}: ${f.message}${ev}`;
}

function casesOf(result: ProbeResult): Case[] {
  if (result.status === 'skipped') return [{ name: result.probe, outcome: 'skipped', message: result.reason ?? 'skipped' }];
  const cases: Case[] = [];
  if (result.status === 'error') cases.push({ name: `${result.probe} ran`, outcome: 'error', message: result.reason ?? 'the probe failed', type: 'ProbeError' });
  const findingsOf = (codes: readonly string[]): ProbeFinding[] => result.findings.filter((f) => codes.includes(f.code));
  const covered = new Set<string>();
  for (const check of result.checks) {
    const findings = findingsOf(check.codes ?? []);
    for (const c of check.codes ?? []) covered.add(c);
    cases.push(caseOf(check, findings));
  }
  // Findings no check names (traffic noticed on the way, drift against the registry, claims contradicted).
  for (const f of result.findings.filter((x) => !covered.has(x.code))) {
    cases.push({
      name: `finding ${f.code}${f.field ? ` (${f.field.join('.')})` : ''}`,
      outcome: f.severity === 'error' ? 'failure' : 'pass',
      ...(f.severity === 'error' ? { message: f.message, type: f.code, details: describeFinding(f) } : { output: describeFinding(f) }),
    });
  }
  return cases;
}

function caseOf(check: ProbeCheck, findings: ProbeFinding[]): Case {
  if (check.status === 'skipped') return { name: check.name, outcome: 'skipped', message: check.message ?? 'skipped' };
  const severe = findings.filter((f) => f.severity === 'error');
  const codes = check.codes ?? [];
  // The findings' own severities decide; a check without findings falls back to its codes' default severity.
  const failed = check.status === 'fail' && (findings.length > 0 ? severe.length > 0 : codes.length === 0 || codes.some((c) => probeCodeInfo(c)?.severity === 'error'));
  const details = [check.message ?? '', ...findings.map(describeFinding), check.evidence?.length ? `evidence: ${check.evidence.join(', ')}` : ''].filter(Boolean).join('\n');
  if (failed) return { name: check.name, outcome: 'failure', message: check.message ?? check.name, type: (check.codes ?? []).join(' ') || 'fail', details };
  return { name: check.name, outcome: 'pass', ...(details ? { output: `${check.status}: ${details}` } : {}) };
}

function caseXml(c: Case, classname: string): string {
  const open = `    <testcase${attr('name', c.name)}${attr('classname', classname)}${attr('time', '0')}`;
  const body: string[] = [];
  if (c.outcome === 'failure') body.push(`      <failure${attr('message', c.message ?? '')}${attr('type', c.type ?? 'fail')}>${xmlText(c.details ?? '')}</failure>`);
  if (c.outcome === 'error') body.push(`      <error${attr('message', c.message ?? '')}${attr('type', c.type ?? 'error')}/>`);
  if (c.outcome === 'skipped') body.push(`      <skipped${attr('message', c.message ?? '')}/>`);
  if (c.output) body.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  return body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function reportsToJunit(reports: readonly ProbeReport[]): string {
  const suites: string[] = [];
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const report of reports) {
    for (const result of report.probes) {
      const cases = casesOf(result);
      const count = (o: Case['outcome']): number => cases.filter((c) => c.outcome === o).length;
      const t = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
      totals.tests += t.tests;
      totals.failures += t.failures;
      totals.errors += t.errors;
      totals.skipped += t.skipped;
      totals.ms += result.durationMs;
      const name = `${report.app}.${result.probe}`;
      suites.push([
        `  <testsuite${attr('name', name)}${attr('tests', t.tests)}${attr('failures', t.failures)}${attr('errors', t.errors)}${attr('skipped', t.skipped)}${attr('time', seconds(result.durationMs))}${attr('timestamp', result.startedAt)}>`,
        '    <properties>',
        ...[['app', report.app], ['baseUrl', report.baseUrl], ['probe', result.probe], ['status', result.status], ['summary', result.summary], ['runId', report.runId], ['idpProfile', report.idpProfile]]
          .map(([k, v]) => `      <property${attr('name', k as string)}${attr('value', v as string)}/>`),
        '    </properties>',
        ...cases.map((c) => caseXml(c, `scim-workbench.${name}`)),
        '  </testsuite>',
      ].join('\n'));
    }
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attr('name', 'scim-workbench probe')}${attr('tests', totals.tests)}${attr('failures', totals.failures)}${attr('errors', totals.errors)}${attr('skipped', totals.skipped)}${attr('time', seconds(totals.ms))}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

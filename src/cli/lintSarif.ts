// `scim-workbench lint --format sarif`: every lint finding as a SARIF 2.1.0 result located by line and column in
// its file, one run for the whole invocation, for code-scanning views.
import { findingCode } from '../core/registry/findingCodes';
import { REQUEST_FILE_CODES } from '../core/requestFile';
import { sarifLevel, sarifLog, sarifRegion, sarifRun, sarifUri, SarifRules, type SarifLog, type SarifResult } from '../core/sarif';
import { LineIndex } from '../core/text';
import type { FileReport } from './commands/lint';

export function lintReportsToSarif(reports: readonly FileReport[]): SarifLog {
  const severities = new Map<string, string>();
  for (const r of reports) for (const f of r.findings) if (!severities.has(f.code)) severities.set(f.code, f.severity);
  const rules = new SarifRules((code) => {
    const meaning = findingCode(code)?.meaning ?? (REQUEST_FILE_CODES as Record<string, string>)[code];
    return { severity: severities.get(code) ?? 'warning', ...(meaning ? { meaning } : {}) };
  });
  const results: SarifResult[] = [];
  for (const report of reports) {
    const index = new LineIndex(report.text ?? '');
    const uri = sarifUri(report.file);
    for (const f of report.findings) {
      results.push({
        ruleId: f.code,
        ruleIndex: rules.indexOf(f.code),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: sarifRegion(index, f.range) } }],
      });
    }
  }
  return sarifLog([sarifRun(rules, results, { automationDetails: { id: 'scim-workbench-lint/' } })]);
}

// SARIF 2.1.0 from probe reports: one run per application, a result per finding. A finding about a registry
// field (REGISTRY_DRIFT, a page cap that contradicts pagination.maxPageSize...) points at that field in the
// registry file; the rest point at the application's entry, so code-scanning views show them where a user acts.
import { parseRegistry } from '../registry';
import type { JsonPath } from '../registry/model';
import { sarifLevel, sarifLog, sarifRegion, sarifRun, sarifUri, SarifRules, type SarifLog, type SarifResult } from '../sarif';
import { LineIndex, type OffsetRange } from '../text';
import { probeCodeInfo } from './codes';
import { fieldName } from './drift';
import type { ProbeReport } from './types';

export interface SarifRegistry {
  /** The registry file as the SARIF reader sees it (relative to the repository root, forward slashes). */
  path: string;
  text: string;
}

/** The node a finding concerns: the field, else its nearest declared parent, else the application's id. */
function locate(parsed: ReturnType<typeof parseRegistry>, appIndex: number, field: JsonPath | undefined): OffsetRange | undefined {
  const app = parsed.applications[appIndex];
  if (!app) return undefined;
  for (let n = field?.length ?? 0; n > 0; n--) {
    const range = parsed.rangeOf(['applications', appIndex, ...(field as JsonPath).slice(0, n)], n === field?.length ? 'value' : 'key');
    if (range) return range;
  }
  return app.idRange ?? app.range;
}

export function reportsToSarif(reports: readonly ProbeReport[], registry: SarifRegistry): SarifLog {
  const parsed = parseRegistry(registry.text);
  const index = new LineIndex(registry.text);
  const uri = sarifUri(registry.path);
  const runs = reports.map((report) => {
    const rules = new SarifRules((code) => probeCodeInfo(code) ?? { severity: 'warning' });
    const appIndex = parsed.applications.find((a) => a.app.id === report.app)?.index ?? -1;
    const results: SarifResult[] = [];
    for (const probe of report.probes) {
      for (const f of probe.findings) {
        const range = locate(parsed, appIndex, f.field);
        const properties: Record<string, unknown> = { app: report.app, probe: f.probe, evidence: f.evidence };
        if (f.field) properties['field'] = fieldName(f.field);
        if (f.declared !== undefined) properties['declared'] = f.declared;
        if (f.observed !== undefined) properties['observed'] = f.observed;
        results.push({
          ruleId: f.code,
          ruleIndex: rules.indexOf(f.code),
          level: sarifLevel(f.severity),
          message: { text: `${report.app}: ${f.message}` },
          locations: [{ physicalLocation: { artifactLocation: { uri }, ...(range ? { region: sarifRegion(index, range) } : {}) } }],
          partialFingerprints: { scimWorkbenchFinding: `${report.app}/${f.probe}/${f.code}${f.field ? `/${fieldName(f.field)}` : ''}` },
          properties,
        });
      }
    }
    return sarifRun(rules, results, {
      automationDetails: { id: `scim-workbench-probe/${report.app}/` },
      invocations: [{ executionSuccessful: !report.probes.some((p) => p.status === 'error'), startTimeUtc: report.startedAt, endTimeUtc: report.finishedAt }],
      properties: { app: report.app, baseUrl: report.baseUrl, runId: report.runId, idpProfile: report.idpProfile, cancelled: report.cancelled },
    });
  });
  return sarifLog(runs);
}

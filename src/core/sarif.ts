// SARIF 2.1.0 (OASIS), the subset SCIM Workbench writes: one run per tool invocation (per application for the
// probes, one for lint), a rule per finding code, a result per finding located by line and column. Shared by
// `scim-workbench probe --sarif` and `scim-workbench lint --format sarif`, for code-scanning views.
import { findingCode } from './registry/findingCodes';
import type { LineIndex, OffsetRange } from './text';
import { version } from './version';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region?: SarifRegion };
  message?: { text: string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifRun {
  tool: { driver: { name: string; version: string; semanticVersion: string; rules: SarifRule[] } };
  automationDetails?: { id: string };
  invocations?: { executionSuccessful: boolean; startTimeUtc?: string; endTimeUtc?: string }[];
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export function sarifLevel(severity: string): SarifLevel {
  if (severity === 'error') return 'error';
  if (severity === 'warning') return 'warning';
  return 'note';
}

/** A path relative to the SARIF file's readers (forward slashes, URI-escaped), as code-scanning views expect. */
export function sarifUri(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** SARIF lines and columns are 1-based; the end column is the one after the region. */
export function sarifRegion(index: LineIndex, range: OffsetRange): SarifRegion {
  const r = index.rangeAt(range);
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Collects the rules a run's results refer to, in first-use order. */
export class SarifRules {
  readonly rules: SarifRule[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly describe: (code: string) => { meaning?: string; fix?: string; severity: string }) {}

  indexOf(code: string): number {
    const known = this.index.get(code);
    if (known !== undefined) return known;
    const info = this.describe(code);
    const meaning = info.meaning ?? findingCode(code)?.meaning ?? code;
    const rule: SarifRule = { id: code, shortDescription: { text: meaning }, defaultConfiguration: { level: sarifLevel(info.severity) } };
    if (info.fix) {
      rule.fullDescription = { text: `${meaning} What to do: ${info.fix}` };
      rule.help = { text: info.fix };
    }
    this.rules.push(rule);
    this.index.set(code, this.rules.length - 1);
    return this.rules.length - 1;
  }
}

export function sarifRun(rules: SarifRules, results: SarifResult[], extra: Omit<SarifRun, 'tool' | 'results'> = {}): SarifRun {
  return {
    tool: { driver: { name: 'SCIM Workbench', version, semanticVersion: version, rules: rules.rules } },
    ...extra,
    results,
  };
}

export function sarifLog(runs: SarifRun[]): SarifLog {
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs };
}

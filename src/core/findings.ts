// The one shape every rule in the core reports. Editors turn findings into diagnostics and quick fixes;
// the CLI prints them. Codes are stable strings documented in the README ("Finding codes").
import type { OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with "Fix all" / as the preferred quick fix. */
  preferred?: boolean;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  fixes?: Fix[];
}

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function sortFindings<T extends Finding>(findings: T[]): T[] {
  return findings.sort((a, b) => a.range.start - b.range.start || severityRank[a.severity] - severityRank[b.severity]);
}

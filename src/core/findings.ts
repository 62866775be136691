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

/** Applies non-overlapping edits (offsets into `text`) and returns the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Applied from the end; insertions at one offset land in the order given (a comma, then the property after it).
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.range.start - a.e.range.start || b.e.range.end - a.e.range.end || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept), if they differ. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { range: { start, end: before.length - tail }, newText: after.slice(start, after.length - tail) };
}

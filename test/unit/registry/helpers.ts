// Shared helpers for registry tests: find ranges by the text they cover, so tests read like the files.
import type { Finding } from '../../../src/core/findings';
import type { OffsetRange } from '../../../src/core/text';

/** The range of the n-th (0-based) occurrence of `needle` in `text`; throws if absent so tests fail loudly. */
export function rangeOf(text: string, needle: string, occurrence = 0): OffsetRange {
  let from = 0;
  for (let i = 0; ; i++) {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`${JSON.stringify(needle)} occurrence ${occurrence} not found`);
    if (i === occurrence) return { start, end: start + needle.length };
    from = start + 1;
  }
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

export function covered(text: string, f: { range: OffsetRange }): string {
  return text.slice(f.range.start, f.range.end);
}

/** A minimal valid registry around one application body (JSON text of the app's fields). */
export function registryWith(...apps: string[]): string {
  return `{\n  "applications": [\n${apps.map((a) => `    {\n${a}\n    }`).join(',\n')}\n  ]\n}\n`;
}

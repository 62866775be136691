// Shared by the request-file unit tests: marked texts, and findings printed with the text they cover.
import type { Finding } from '../../../src/core/findings';
import type { OffsetRange } from '../../../src/core/text';

/** `text` with the first `|` removed, and the offset where it stood. */
export function marked(text: string): { text: string; offset: number } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('no | in the text');
  return { text: text.slice(0, offset) + text.slice(offset + 1), offset };
}

export const cover = (text: string, r: OffsetRange): string => text.slice(r.start, r.end);

/** `CODE "covered text"`, one string per finding, for deepEqual assertions. */
export function described(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code} ${JSON.stringify(cover(text, f.range))}`);
}

/** The first offset of `needle` (its nth occurrence, 0-based) in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, nth = 0, delta = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return at + delta;
}

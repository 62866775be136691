// "Fix all SCIM quirks in file": the preferred fix of every vendor-quirk finding, applied together. Some fixes
// cannot be applied in one pass (two dotted keys under one prefix each wrap their member in a new `"name": {...}`,
// which would duplicate the key), so the document is re-analysed and fixed again until nothing is left to fix.
import { applyEdits, minimalEdit, type Finding, type Fix, type TextEdit } from '../findings';
import { analyzePayload, type PayloadOptions } from './payloadRules';

const MAX_PASSES = 8;

const unreadable = (f: Finding): boolean => f.code === 'SCIM_JSON_SYNTAX' || f.code === 'SCIM_JSON_TOO_DEEP';

/** The preferred fix of every QUIRK_* finding that can go into one pass without clashing with another. */
export function quirkFixEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const nestedUnder = new Set<string>();
  for (const f of findings) {
    if (!f.code.startsWith('QUIRK_')) continue;
    const fix: Fix | undefined = f.fixes?.find((x) => x.preferred) ?? (f.fixes?.length === 1 ? f.fixes[0] : undefined);
    if (!fix) continue;
    if (f.code === 'QUIRK_DOTTED_KEY') {
      // One dotted key per outer key per pass: the next pass merges the rest into the object this one creates.
      const outer = /^"((?:[^"\\]|\\.)*)"\s*:/.exec(fix.edits[0]?.newText ?? '')?.[1]?.toLowerCase();
      if (outer !== undefined) {
        if (nestedUnder.has(outer)) continue;
        nestedUnder.add(outer);
      }
    }
    const overlaps = fix.edits.some((e) => taken.some((t) => (e.range.start < t.range.end && t.range.start < e.range.end) || (e.range.start === t.range.start && e.range.end === t.range.end)));
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
}

export interface FixAllResult {
  text: string;
  /** One edit from the original text to the fixed one (undefined when nothing was fixable). */
  edit?: TextEdit;
  passes: number;
}

/** Applies every quirk fix, re-analysing between passes; stops when a pass fixes nothing or would break the JSON. */
export function fixAllQuirks(text: string, opts: PayloadOptions = {}, findings?: readonly Finding[]): FixAllResult {
  let current = text;
  let passes = 0;
  let pending = findings ?? analyzePayload(current, opts).findings;
  while (passes < MAX_PASSES) {
    const edits = quirkFixEdits(pending);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    const after = analyzePayload(next, opts).findings;
    // A fix must never turn a parseable document into a broken one.
    if (after.some(unreadable) && !pending.some(unreadable)) break;
    current = next;
    pending = after;
    passes++;
  }
  const edit = minimalEdit(text, current);
  return { text: current, passes, ...(edit ? { edit } : {}) };
}

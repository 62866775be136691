// The payload rules on each JSON body: the same codes and fixes as `.scim.json` files, ranges moved into the
// request file. References stand in as `null` (bare) or stay inside their string, and findings about a value a
// reference will supply are dropped: the rules would judge the stand-in, not the value.
import { visit } from 'jsonc-parser';
import type { Finding, Fix, TextEdit } from '../findings';
import type { SchemaCatalog } from '../scim/catalog';
import { fixAllQuirks } from '../scim/fixAllQuirks';
import { analyzePayload } from '../scim/payloadRules';
import type { OffsetRange } from '../text';
import { bodyView, type BodyView } from './body';
import type { ParsedRequest, RequestFile } from './model';
import { overlapsAny } from './variables';

function shift(r: OffsetRange, by: number): OffsetRange {
  return { start: r.start + by, end: r.end + by };
}

/** JSON.parse rejects comments that the payload rules' JSONC fallback accepts; a server would reject them too. */
function inlineComments(text: string): Finding[] {
  const out: Finding[] = [];
  visit(text, {
    onComment: (offset, length) => {
      out.push({ code: 'SCIM_JSON_SYNTAX', severity: 'error', message: 'Invalid JSON: a comment inside the body is sent to the server. Put it on a line of its own starting with `#`.', range: { start: offset, end: offset + length } });
    },
  });
  return out;
}

function isJsonBody(request: ParsedRequest): boolean {
  const type = request.headers.find((h) => h.name.toLowerCase() === 'content-type');
  return !type || /json|\{\{/i.test(type.value);
}

/** Body-relative ranges no fix may touch (references, comment lines), and whether a `null` stand-in is around. */
function guards(view: BodyView, request: ParsedRequest): { refs: OffsetRange[]; untouchable: OffsetRange[]; bareRefs: boolean } {
  const refs = view.refs.map((r) => shift(r.ref.range, -view.base));
  return { refs, untouchable: [...refs, ...(request.body?.comments ?? []).map((c) => shift(c, -view.base))], bareRefs: view.refs.some((r) => !r.inString) };
}

/** A fix must not rewrite a reference, nor copy a bare reference's `null` stand-in into the file. */
function safeEdit(e: TextEdit, g: ReturnType<typeof guards>): boolean {
  return !overlapsAny(e.range, g.untouchable) && !(g.bareRefs && e.newText.includes('null'));
}

export function bodyFindings(file: RequestFile, request: ParsedRequest, catalog: SchemaCatalog): Finding[] {
  const body = request.body;
  if (!body || !isJsonBody(request)) return [];
  const view = bodyView(file, body);
  const text = view.analysisText;
  let findings = analyzePayload(text, { catalog, direction: 'request' }).findings;
  if (!findings.some((f) => f.code === 'SCIM_JSON_SYNTAX' || f.code === 'SCIM_JSON_TOO_DEEP')) {
    try {
      JSON.parse(text);
    } catch {
      findings = [...inlineComments(text), ...findings];
    }
  }
  const g = guards(view, request);
  const out: Finding[] = [];
  for (const f of findings) {
    const structural = text[f.range.start] === '{' || text[f.range.start] === '[';
    if (!structural && overlapsAny(f.range, g.refs)) continue;
    const mapped: Finding = { ...f, range: shift(f.range, view.base) };
    delete mapped.fixes;
    const fixes: Fix[] = (f.fixes ?? []).filter((fix) => fix.edits.every((e) => safeEdit(e, g)));
    if (fixes.length > 0) mapped.fixes = fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ range: shift(e.range, view.base), newText: e.newText })) }));
    out.push(mapped);
  }
  return out;
}

/** "Fix all SCIM quirks" over every JSON body of the file: one edit per body that has quirks to fix. */
export function fixAllBodyQuirks(file: RequestFile, catalog?: SchemaCatalog): TextEdit[] {
  const out: TextEdit[] = [];
  for (const request of file.requests) {
    if (!request.body || !isJsonBody(request)) continue;
    const view = bodyView(file, request.body);
    const edit = fixAllQuirks(view.analysisText, { catalog, direction: 'request' }).edit;
    if (edit && safeEdit(edit, guards(view, request))) out.push({ range: shift(edit.range, view.base), newText: edit.newText });
  }
  return out;
}

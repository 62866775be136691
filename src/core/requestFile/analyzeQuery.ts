// The query of a request line: `filter=` values decoded as the server will decode them, parsed and checked with
// the same filter rules as payload filters (ranges mapped back through `%XX` and `+`), and parameter names that
// are near misses of SCIM's (servers ignore unknown parameters, so `filtr=` silently lists everyone).
import type { Finding, Fix } from '../findings';
import { substitutePlaceholders } from '../registry/filterRule';
import type { SchemaCatalog } from '../scim/catalog';
import { filterTextFindings } from '../scim/payloadRulesStrings';
import { closest } from '../suggest';
import type { OffsetRange } from '../text';
import type { ParsedRequest, QueryParam } from './model';
import { decodeQueryValue, rawRange } from './query';
import { overlapsAny } from './variables';
import { QUERY_PARAMETERS, schemasForPath } from './vocabulary';

/** Characters that mean something else once written raw into a query value. */
function forQuery(text: string): string {
  return text.replace(/[%+&]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Findings of one `filter=` value, with ranges (and fix edits) in the document. */
export function queryFilterFindings(param: QueryParam, path: string, catalog: SchemaCatalog): Finding[] {
  const decoded = decodeQueryValue(param.value, param.valueRange.start);
  const placeholders: OffsetRange[] = [];
  for (const m of decoded.text.matchAll(/\{\{[^{}]*\}\}/g)) placeholders.push({ start: m.index, end: m.index + m[0].length });
  const text = substitutePlaceholders(decoded.text);
  const out: Finding[] = [];
  for (const f of filterTextFindings(catalog, text, schemasForPath(path, catalog))) {
    // Checks on a stand-in value would judge the stand-in, not what the variable will hold.
    if (f.code !== 'FILTER_SYNTAX' && overlapsAny(f.range, placeholders)) continue;
    const mapped: Finding = { ...f, range: rawRange(decoded, f.range) };
    delete mapped.fixes;
    const fixes: Fix[] = [];
    for (const fix of f.fixes ?? []) {
      const edits = fix.edits.map((e) => ({ decoded: e.range, range: rawRange(decoded, e.range), newText: forQuery(e.newText) }));
      // Only where the written text is the decoded text: an edit across `%XX` would have to re-encode its neighbours.
      if (edits.every((e) => e.range.end - e.range.start === e.decoded.end - e.decoded.start)) {
        fixes.push({ ...fix, edits: edits.map(({ range, newText }) => ({ range, newText })) });
      }
    }
    if (fixes.length > 0) mapped.fixes = fixes;
    out.push(mapped);
  }
  return out;
}

function parameterNameFindings(param: QueryParam): Finding[] {
  const names = QUERY_PARAMETERS.map((p) => p.name);
  if (names.includes(param.name) || param.name.includes('{{') || param.name === '') return [];
  const best = closest(param.name, names);
  if (!best) return [];
  return [{
    code: 'REQUEST_UNKNOWN_QUERY_PARAMETER',
    severity: 'warning',
    message: `Unknown query parameter \`${param.name}\`; did you mean \`${best}\`? Servers ignore parameters they do not know.`,
    range: param.nameRange,
    fixes: [{ title: `Change to ${best}`, edits: [{ range: param.nameRange, newText: best }], preferred: true }],
  }];
}

export function queryFindings(request: ParsedRequest, catalog: SchemaCatalog): Finding[] {
  const out: Finding[] = [];
  for (const param of request.requestLine.query) {
    out.push(...parameterNameFindings(param));
    if (param.name === 'filter' && param.hasEquals) out.push(...queryFilterFindings(param, request.requestLine.path, catalog));
  }
  return out;
}

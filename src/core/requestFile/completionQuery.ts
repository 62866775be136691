// Completion on the request target: resource paths, query parameter names, and query values (filter expressions
// through the payload language's filter completion, attribute lists, sort orders). Items are in document offsets.
import { completeFilterText } from '../payloadLanguage/filterCompletion';
import { pathCandidates } from '../payloadLanguage/candidates';
import { attributeSummary } from '../payloadLanguage/attributeDocs';
import type { PayloadCompletionItem } from '../payloadLanguage/types';
import type { SchemaCatalog } from '../scim/catalog';
import type { OffsetRange } from '../text';
import type { QueryParam, RequestLine } from './model';
import { decodeQueryValue, rawRange } from './query';
import { QUERY_PARAMETERS, RESOURCE_PATHS, SORT_ORDERS, schemasForPath } from './vocabulary';

function pathItems(line: RequestLine, offset: number): PayloadCompletionItem[] {
  const range = { start: line.pathRange.start, end: Math.max(offset, line.pathRange.end) };
  const typed = line.path.slice(0, offset - line.pathRange.start);
  if (typed !== '' && !typed.startsWith('/')) return [];
  return RESOURCE_PATHS.map((p, i) => ({ label: p.name, kind: 'value' as const, detail: 'SCIM endpoint', documentation: p.description, insertText: p.name, range, sortText: String(i).padStart(2, '0') }));
}

function nameItems(line: RequestLine, range: OffsetRange, hasEquals: boolean): PayloadCompletionItem[] {
  // Parameters written elsewhere in the query are not offered again; the one being edited may be renamed.
  const present = new Set(line.query.filter((q) => q.nameRange.start !== range.start).map((q) => q.name));
  return QUERY_PARAMETERS.filter((p) => !present.has(p.name)).map((p, i) => ({
    label: p.name,
    kind: 'property' as const,
    detail: 'query parameter',
    documentation: p.description,
    insertText: hasEquals ? p.name : `${p.name}=`,
    range,
    sortText: String(i),
  }));
}

function attributeListItems(param: QueryParam, offset: number, path: string, catalog: SchemaCatalog): PayloadCompletionItem[] {
  const before = param.value.slice(0, offset - param.valueRange.start);
  const start = param.valueRange.start + before.lastIndexOf(',') + 1;
  const rest = param.value.slice(offset - param.valueRange.start);
  const end = offset + (/^[^,]*/.exec(rest)?.[0].length ?? 0);
  const range = { start, end };
  return pathCandidates(schemasForPath(path, catalog), catalog).map((c) => ({
    label: c.label,
    kind: 'property' as const,
    detail: attributeSummary(c.attribute),
    documentation: c.attribute.description,
    insertText: c.path,
    range,
    filterText: c.label,
    sortText: `${c.nested ? 1 : 0}${c.path !== c.label ? 1 : 0}${c.label}`,
  }));
}

function filterItems(param: QueryParam, offset: number, path: string, catalog: SchemaCatalog): PayloadCompletionItem[] {
  const decoded = decodeQueryValue(param.value, param.valueRange.start);
  let at = decoded.rawOffsets.findIndex((r) => r >= offset);
  if (at < 0) at = decoded.text.length;
  return completeFilterText(decoded.text, at, 'filter', schemasForPath(path, catalog), catalog).map((c) => ({ ...c, range: rawRange(decoded, c.range) }));
}

function valueItems(param: QueryParam, offset: number, path: string, catalog: SchemaCatalog): PayloadCompletionItem[] {
  switch (param.name) {
    case 'filter':
      return filterItems(param, offset, path, catalog);
    case 'attributes':
    case 'excludedAttributes':
    case 'sortBy':
      return attributeListItems(param, offset, path, catalog);
    case 'sortOrder':
      return SORT_ORDERS.map((o) => ({ label: o, kind: 'enum' as const, insertText: o, range: param.valueRange }));
    default:
      return [];
  }
}

/** Completion at `offset` inside the target of `line` (after the method). */
export function targetCompletions(text: string, line: RequestLine, offset: number, catalog: SchemaCatalog): PayloadCompletionItem[] {
  const firstPart = line.targetParts[0];
  const inFirstPath = firstPart !== undefined && offset >= line.pathRange.start && offset <= line.pathRange.end && !firstPart.text.slice(0, offset - firstPart.range.start).includes('?');
  if (inFirstPath || (line.targetParts.length === 0 && offset >= line.methodRange.end)) return pathItems(line, offset);
  const param = line.query.find((q) => offset >= q.range.start && offset <= q.range.end);
  if (param) {
    if (param.hasEquals && offset >= param.valueRange.start) return valueItems(param, offset, line.path, catalog);
    return nameItems(line, { start: param.nameRange.start, end: param.nameRange.end }, param.hasEquals);
  }
  const prev = text[offset - 1];
  if (prev === '?' || prev === '&') return nameItems(line, { start: offset, end: offset }, false);
  return [];
}

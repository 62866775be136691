// Completion in a SCIM JSON payload: keys valid at the cursor, schema URNs, canonical values, PATCH ops,
// PATCH paths and filters (inside their strings). jsonc-parser's getLocation finds where the cursor is; the frame
// (frame.ts) says which schemas apply there.
import { SchemaCatalog } from '../scim/catalog';
import type { AttributeDefinition } from '../scim/types';
import type { OffsetRange } from '../text';
import { attributeMarkdown, attributeSummary, schemaMarkdown } from './attributeDocs';
import { keyCandidates, type KeyCandidate } from './candidates';
import { frameAt, type Frame } from './frame';
import { completeFilterText } from './filterCompletion';
import { locateCursor, type CursorLocation } from './cursor';
import { decodeJsonString, escapeJsonStringContent, escapeSnippetForJsonString, snippetLiteral } from './jsonStringText';
import { stringRole } from './stringRole';
import type { PayloadCompletionItem, PayloadLanguageOptions } from './types';

function valueSnippet(c: KeyCandidate): string {
  if (c.extensionKey) return '{\n\t$0\n}';
  if (c.name === 'schemas') return '["$1"]';
  const a = c.attribute;
  if (!a) return '$1';
  const scalar = (x: AttributeDefinition): string => {
    if (x.canonicalValues?.length) return `"\${1|${x.canonicalValues.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"`;
    switch (x.type) {
      case 'boolean': return '${1|true,false|}';
      case 'integer':
      case 'decimal': return '${1:0}';
      case 'complex': return '{$1}';
      default: return '"$1"';
    }
  };
  if (a.multiValued) return a.type === 'complex' ? '[\n\t{$1}\n]' : `[${scalar(a)}]`;
  return scalar(a);
}

/** Whether the static JSON Schema (jsonValidation) already offers this key at this place. */
function staticallyCovered(frame: Frame, c: KeyCandidate, catalog: SchemaCatalog): boolean {
  if (frame.openContent) return false;
  if (c.name === 'schemas') return true;
  const id = c.schemaUrn ? catalog.getSchema(c.schemaUrn) : undefined;
  return SchemaCatalog.standard().getSchema(c.schemaUrn ?? '') !== undefined && (id?.source ?? 'rfc') === 'rfc';
}

function keyItems(text: string, offset: number, loc: CursorLocation, catalog: SchemaCatalog, opts: PayloadLanguageOptions): PayloadCompletionItem[] {
  const frame = frameAt(text, loc.path.slice(0, -1), catalog, loc.members);
  const node = loc.previousNode;
  let range: OffsetRange = { start: offset, end: offset };
  if (node && node.offset <= offset && offset <= node.offset + node.length) {
    const closed = node.length >= 2 && text[node.offset + node.length - 1] === '"';
    range = { start: node.offset, end: closed ? node.offset + node.length : offset };
  }
  const rest = text.slice(range.end, range.end + 200);
  const hasColon = /^\s*:/.test(rest);
  const items: PayloadCompletionItem[] = [];
  for (const c of keyCandidates(frame, catalog)) {
    if (opts.jsonSchemaCovered && staticallyCovered(frame, c, catalog)) continue;
    const key = JSON.stringify(c.name);
    const insertText = hasColon ? snippetLiteral(key) : `${snippetLiteral(key)}: ${valueSnippet(c)}`;
    const schema = c.schemaUrn ? catalog.getSchema(c.schemaUrn) : undefined;
    items.push({
      label: c.name,
      kind: c.extensionKey ? 'schema' : 'property',
      detail: c.attribute ? attributeSummary(c.attribute) : c.extensionKey ? `extension: ${schema?.name ?? ''}` : 'schema URNs of this document',
      documentation: c.attribute ? attributeMarkdown(c.attribute, schema, c.name) : schema ? schemaMarkdown(schema) : undefined,
      insertText,
      snippet: true,
      range,
      filterText: key,
      sortText: `${c.name === 'schemas' ? 0 : c.extensionKey ? 2 : 1}${c.name}`,
    });
  }
  return items;
}

function quotedValueItems(values: { value: string; detail?: string; documentation?: string; kind: PayloadCompletionItem['kind'] }[], range: OffsetRange): PayloadCompletionItem[] {
  return values.map((v) => ({ label: v.value, kind: v.kind, detail: v.detail, documentation: v.documentation, insertText: JSON.stringify(v.value), range, filterText: JSON.stringify(v.value) }));
}

function valueItems(text: string, offset: number, loc: CursorLocation, catalog: SchemaCatalog, opts: PayloadLanguageOptions): PayloadCompletionItem[] {
  const node = loc.previousNode;
  const inString = node?.type === 'string' && node.offset < offset && offset <= node.offset + node.length;
  if (node && !inString && offset > node.offset + node.length - 1 && node.type === 'string') return []; // after a finished value
  const range: OffsetRange = inString && node ? { start: node.offset, end: node.offset + node.length } : wordRange(text, offset);
  if (inString && node && text[node.offset + node.length - 1] !== '"') range.end = offset;
  const role = stringRole(text, loc.path, catalog, loc.members);
  if (role.kind === 'schemas') {
    if (opts.jsonSchemaCovered && !role.frame.openContent) {
      return quotedValueItems(catalog.allSchemas().filter((s) => s.source === 'server' || s.source === 'workspace').map((s) => ({ value: s.id, detail: s.name, documentation: schemaMarkdown(s), kind: 'schema' })), range);
    }
    return quotedValueItems(catalog.allSchemas().map((s) => ({ value: s.id, detail: s.name, documentation: schemaMarkdown(s), kind: 'schema' })), range);
  }
  if ((role.kind === 'filter' || role.kind === 'patchPath') && inString && node) {
    return filterItems(text, offset, node.offset, role.kind, role.resourceSchemas, catalog);
  }
  const a = role.attribute;
  if (!a) return [];
  if (opts.jsonSchemaCovered && !role.frame.openContent) return [];
  if (a.type === 'boolean' && !inString) return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, range }));
  if (a.canonicalValues?.length) return quotedValueItems(a.canonicalValues.map((v) => ({ value: v, detail: `canonical ${a.name}`, kind: 'enum' })), range);
  return [];
}

function wordRange(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1] ?? '')) start--;
  return { start, end: offset };
}

function filterItems(text: string, offset: number, quote: number, mode: 'filter' | 'patchPath', schemas: readonly string[], catalog: SchemaCatalog): PayloadCompletionItem[] {
  const decoded = decodeJsonString(text, quote);
  const cursor = decoded.rawOffsets.findIndex((r) => r >= offset);
  const at = cursor < 0 ? decoded.text.length : cursor;
  const raw = (i: number): number => decoded.rawOffsets[i] ?? decoded.rawOffsets[decoded.rawOffsets.length - 1] ?? offset;
  return completeFilterText(decoded.text, at, mode, schemas, catalog).map((c) => {
    const insertText = c.snippet ? escapeSnippetForJsonString(c.insertText) : escapeJsonStringContent(c.insertText);
    const item: PayloadCompletionItem = { label: c.label, kind: c.kind, insertText, range: { start: raw(c.range.start), end: raw(c.range.end) } };
    if (c.snippet) item.snippet = true;
    if (c.detail !== undefined) item.detail = c.detail;
    if (c.documentation !== undefined) item.documentation = c.documentation;
    if (c.sortText !== undefined) item.sortText = c.sortText;
    item.filterText = escapeJsonStringContent(c.filterText ?? c.label);
    return item;
  });
}

/** Completion items at `offset` in the JSON/JSONC `text` of a SCIM payload. Never throws. */
export function payloadCompletions(text: string, offset: number, opts: PayloadLanguageOptions = {}): PayloadCompletionItem[] {
  const catalog = opts.catalog ?? SchemaCatalog.standard();
  try {
    const loc = locateCursor(text, offset);
    if (loc.isAtPropertyKey) return keyItems(text, offset, loc, catalog, opts);
    return valueItems(text, offset, loc, catalog, opts);
  } catch {
    return [];
  }
}



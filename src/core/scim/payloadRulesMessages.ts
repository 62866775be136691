// ListResponse, Error, Bulk and SearchRequest messages (RFC 7644 §3.4.2, §3.12, §3.7, §3.4.3). Nested
// documents (Resources, bulk data and responses) go back to the dispatcher through `analyzeNested`.
import { SCIM_TYPES } from './types';
import { BULK_REQUEST_SCHEMA, BULK_RESPONSE_SCHEMA, ERROR_SCHEMA, LIST_RESPONSE_SCHEMA, SEARCH_REQUEST_SCHEMA } from './schemas';
import type { SchemaDefinition } from './types';
import type { JsonPath } from './payloadLocate';
import { describeType, findKey, isObject, jsonText, member, type Json, type JsonObject, type PayloadKind, type RuleContext } from './payloadModel';
import { checkAttributeValue, reportUnknown, type ValueScope } from './payloadRulesValue';
import { checkFilterString } from './payloadRulesStrings';

/** `lenientSchemas`: a missing `schemas` is a warning (RFC 7644 §3.4.2's own ListResponse example omits it). */
export type AnalyzeNested = (ctx: RuleContext, doc: JsonObject, path: JsonPath, direction: 'request' | 'response', expected?: PayloadKind, lenientSchemas?: boolean) => void;

/** Members of a message checked against its schema, plus unknown-member and required checks. */
// Message attributes have no readOnly/never characteristics that matter, so they are checked as a response.
const MESSAGE_SCOPE: ValueScope = { direction: 'response', partial: false };

function checkMembers(ctx: RuleContext, schema: SchemaDefinition, doc: JsonObject, path: JsonPath, skip: string[] = []): void {
  const scope = MESSAGE_SCOPE;
  for (const key of Object.keys(doc)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || skip.includes(lower)) continue;
    const def = schema.attributes.find((a) => a.name.toLowerCase() === lower);
    if (def) checkAttributeValue(ctx, def, doc[key] as Json, path, key, def.name, scope);
    else reportUnknown(ctx, key, [...path, key], `a ${schema.name}`, schema.attributes.map((a) => a.name));
  }
}

function anchor(doc: JsonObject, path: JsonPath): { path: JsonPath; part: 'key' | 'open' } {
  const k = findKey(doc, 'schemas');
  return k !== undefined ? { path: [...path, k], part: 'key' } : { path, part: 'open' };
}

export function checkListResponse(ctx: RuleContext, doc: JsonObject, path: JsonPath, nested: AnalyzeNested): void {
  checkMembers(ctx, LIST_RESPONSE_SCHEMA, doc, path, ['resources']);
  const total = member(doc, 'totalResults');
  const resources = member(doc, 'Resources');
  const perPage = member(doc, 'itemsPerPage');
  const start = member(doc, 'startIndex');
  const cursorPaged = member(doc, 'nextCursor') !== undefined || member(doc, 'previousCursor') !== undefined;
  if (!total && !cursorPaged) ctx.report('REQUIRED_MISSING', 'error', '"totalResults" is required in a ListResponse (only cursor-paged responses may omit it).', anchor(doc, path));
  if (resources && !Array.isArray(resources.value) && resources.value !== null) {
    ctx.report('ATTRIBUTE_TYPE', 'error', `"Resources" must be an array, found ${describeType(resources.value)}.`, { path: [...path, resources.key], part: 'value' });
  }
  const items = resources && Array.isArray(resources.value) ? resources.value : undefined;
  const count = items?.length ?? 0;
  if (perPage && typeof perPage.value === 'number' && Number.isInteger(perPage.value) && perPage.value !== count) {
    const at = { path: [...path, perPage.key], part: 'value' as const };
    ctx.report('LIST_ITEMS_PER_PAGE_MISMATCH', 'warning', `"itemsPerPage" is ${perPage.value} but the page holds ${count} resource${count === 1 ? '' : 's'} (itemsPerPage is the returned count, not the requested one).`, at, [
      { title: `Set itemsPerPage to ${count}`, preferred: true, ops: [{ op: 'replace', at, text: String(count) }] },
    ]);
  }
  if (total && typeof total.value === 'number' && total.value < count) {
    ctx.report('LIST_TOTAL_LESS_THAN_ITEMS', 'error', `"totalResults" is ${total.value} but the page already holds ${count} resources.`, { path: [...path, total.key], part: 'value' });
  }
  if (start && typeof start.value === 'number' && start.value < 1) {
    ctx.report('LIST_START_INDEX_INVALID', 'warning', `"startIndex" is ${start.value}: SCIM indexes are 1-based, so the first page starts at 1.`, { path: [...path, start.key], part: 'value' });
  }
  if (items && resources) {
    for (let i = 0; i < items.length; i++) {
      const r = items[i];
      const rPath = [...path, resources.key, i];
      if (isObject(r)) nested(ctx, r, rPath, 'response', undefined, true);
      else ctx.report('ATTRIBUTE_TYPE', 'error', `Each resource must be an object, found ${describeType(r as Json)}.`, { path: rPath, part: 'value' });
    }
  }
}

export function checkError(ctx: RuleContext, doc: JsonObject, path: JsonPath): void {
  checkMembers(ctx, ERROR_SCHEMA, doc, path, ['status', 'scimtype']);
  const status = member(doc, 'status');
  if (!status) ctx.report('REQUIRED_MISSING', 'error', 'An Error body needs "status", the HTTP status code as a string.', anchor(doc, path));
  else checkStatus(ctx, status.value, [...path, status.key]);
  const scimType = member(doc, 'scimType');
  if (!scimType) {
    // RFC 7644 §3.3: a uniqueness conflict is 409 with scimType "uniqueness"; IdPs (Okta, Entra) match on it.
    if (status && String(status.value) === '409') {
      ctx.report('ERROR_SCIMTYPE_MISSING', 'warning', 'A 409 conflict should carry "scimType": "uniqueness" (RFC 7644 §3.3); clients use it to tell a duplicate from other conflicts.', { path: [...path, status.key], part: 'value' }, [
        { title: 'Add "scimType": "uniqueness"', preferred: true, ops: [{ op: 'insertMember', object: path, key: 'scimType', value: '"uniqueness"', position: 'end' }] },
      ]);
    }
    return;
  }
  const at = { path: [...path, scimType.key], part: 'value' as const };
  if (typeof scimType.value !== 'string') {
    if (scimType.value !== null) ctx.report('ATTRIBUTE_TYPE', 'error', `"scimType" must be a string, found ${describeType(scimType.value)}.`, at);
    return;
  }
  const value = scimType.value;
  const known = Object.keys(SCIM_TYPES);
  if (known.includes(value)) return;
  const close = known.find((k) => k.toLowerCase() === value.toLowerCase()) ?? ctx.catalog.suggest(value, known);
  ctx.report(
    'ERROR_SCIMTYPE_UNKNOWN',
    'warning',
    `Unknown scimType ${jsonText(value)}${close ? `. Did you mean "${close}"?` : `; RFC 7644 defines ${known.join(', ')}.`}`,
    at,
    close ? [{ title: `Use "${close}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(close) }] }] : undefined,
  );
}

function checkStatus(ctx: RuleContext, value: Json, path: JsonPath): void {
  const at = { path, part: 'value' as const };
  if (typeof value === 'number') {
    ctx.report('ERROR_STATUS_NOT_STRING', 'error', `"status" must be a string ("${value}"), not the number ${value} (RFC 7644 §3.12).`, at, [
      { title: `Quote it: "${value}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(String(value)) }] },
    ]);
  } else if (typeof value !== 'string') {
    ctx.report('ATTRIBUTE_TYPE', 'error', `"status" must be a string such as "400", found ${describeType(value)}.`, at);
  } else if (!/^[1-5]\d\d$/.test(value)) {
    ctx.report('ATTRIBUTE_TYPE', 'warning', `"status" should be a three-digit HTTP status code, found ${jsonText(value)}.`, at);
  }
}

function operations(ctx: RuleContext, doc: JsonObject, path: JsonPath, what: string): { ops: Json[]; opsPath: JsonPath } | undefined {
  const ops = member(doc, 'Operations');
  if (!ops) {
    ctx.report('REQUIRED_MISSING', 'error', `A ${what} needs an "Operations" array.`, anchor(doc, path));
    return undefined;
  }
  if (!Array.isArray(ops.value)) {
    ctx.report('ATTRIBUTE_TYPE', 'error', `"Operations" must be an array, found ${describeType(ops.value)}.`, { path: [...path, ops.key], part: 'value' });
    return undefined;
  }
  return { ops: ops.value, opsPath: [...path, ops.key] };
}

export function checkBulk(ctx: RuleContext, doc: JsonObject, path: JsonPath, response: boolean, nested: AnalyzeNested): void {
  const schema = response ? BULK_RESPONSE_SCHEMA : BULK_REQUEST_SCHEMA;
  checkMembers(ctx, schema, doc, path, ['operations']);
  const found = operations(ctx, doc, path, schema.name);
  if (!found) return;
  const opDef = schema.attributes.find((a) => a.name === 'Operations');
  const subs = opDef?.subAttributes ?? [];
  found.ops.forEach((op, i) => {
    const opPath = [...found.opsPath, i];
    if (!isObject(op)) {
      ctx.report('ATTRIBUTE_TYPE', 'error', `A bulk operation must be an object, found ${describeType(op)}.`, { path: opPath, part: 'value' });
      return;
    }
    for (const key of Object.keys(op)) {
      const lower = key.toLowerCase();
      const def = subs.find((s) => s.name.toLowerCase() === lower);
      if (!def) reportUnknown(ctx, key, [...opPath, key], 'a bulk operation', subs.map((s) => s.name));
      else if (lower === 'status') checkStatus(ctx, op[key] as Json, [...opPath, key]);
      else checkAttributeValue(ctx, def, op[key] as Json, opPath, key, `Operations.${def.name}`, MESSAGE_SCOPE);
    }
    for (const s of subs) if (s.required && findKey(op, s.name) === undefined) ctx.report('REQUIRED_MISSING', 'error', `A bulk operation needs "${s.name}".`, { path: opPath, part: 'open' });
    const method = typeof member(op, 'method')?.value === 'string' ? (member(op, 'method')?.value as string).toUpperCase() : undefined;
    if (!response) {
      const data = member(op, 'data');
      if (!data && (method === 'POST' || method === 'PUT' || method === 'PATCH')) ctx.report('REQUIRED_MISSING', 'error', `A bulk ${method} needs "data".`, { path: opPath, part: 'open' });
      if (method === 'POST' && !member(op, 'bulkId')) ctx.report('REQUIRED_MISSING', 'warning', 'A bulk POST should carry a "bulkId" so other operations and the response can refer to it.', { path: opPath, part: 'open' });
      if (data && isObject(data.value)) nested(ctx, data.value, [...opPath, data.key], 'request', method === 'PATCH' ? 'patchOp' : undefined);
    } else {
      const body = member(op, 'response');
      if (body && isObject(body.value)) nested(ctx, body.value, [...opPath, body.key], 'response');
    }
  });
}

export function checkSearchRequest(ctx: RuleContext, doc: JsonObject, path: JsonPath): void {
  checkMembers(ctx, SEARCH_REQUEST_SCHEMA, doc, path);
  const schemas = ctx.catalog.allResourceTypes().flatMap((rt) => [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)]);
  const filter = member(doc, 'filter');
  if (filter && typeof filter.value === 'string') checkFilterString(ctx, filter.value, [...path, filter.key], schemas);
  const start = member(doc, 'startIndex');
  if (start && typeof start.value === 'number' && start.value < 1) {
    ctx.report('LIST_START_INDEX_INVALID', 'warning', `"startIndex" is ${start.value}: SCIM indexes are 1-based (values below 1 are treated as 1).`, { path: [...path, start.key], part: 'value' });
  }
  const names = (key: string): void => {
    const m = member(doc, key);
    if (!m) return;
    const values: [Json, JsonPath][] = Array.isArray(m.value) ? m.value.map((v, i) => [v, [...path, m.key, i]]) : [[m.value, [...path, m.key]]];
    for (const [v, p] of values) {
      if (typeof v !== 'string') continue;
      for (const name of v.split(',')) {
        const trimmed = name.trim();
        if (trimmed === '' || ctx.catalog.resolveAttribute(trimmed, { schemas }) || ctx.catalog.getSchema(trimmed)) continue;
        const offset = v.indexOf(trimmed);
        const candidates = ctx.catalog.attributesAt(schemas).map((a) => a.attribute.name);
        const close = ctx.catalog.suggest(trimmed, candidates);
        ctx.report('UNKNOWN_ATTRIBUTE', 'warning', `Unknown attribute "${trimmed}" in "${m.key}"${close ? `. Did you mean "${close}"?` : '.'}`, { path: p, part: 'inner', inner: { start: offset, end: offset + trimmed.length } });
      }
    }
  };
  names('attributes');
  names('excludedAttributes');
  names('sortBy');
}

// Decides what a document is from its `schemas` (or, when those are missing, from its content) and checks
// the `schemas` member itself.
import { URN } from './types';
import type { SchemaCatalog } from './catalog';
import type { JsonPath } from './payloadLocate';
import { describeType, isObject, jsonText, member, type Direction, type Json, type JsonObject, type PayloadKind, type RuleContext } from './payloadModel';

const KIND_BY_URN: Record<string, PayloadKind> = {
  [URN.user.toLowerCase()]: 'user',
  [URN.group.toLowerCase()]: 'group',
  [URN.patchOp.toLowerCase()]: 'patchOp',
  [URN.bulkRequest.toLowerCase()]: 'bulkRequest',
  [URN.bulkResponse.toLowerCase()]: 'bulkResponse',
  [URN.listResponse.toLowerCase()]: 'listResponse',
  [URN.searchRequest.toLowerCase()]: 'searchRequest',
  [URN.error.toLowerCase()]: 'error',
  [URN.serviceProviderConfig.toLowerCase()]: 'serviceProviderConfig',
  [URN.resourceType.toLowerCase()]: 'resourceType',
  [URN.schema.toLowerCase()]: 'schema',
};

export const URN_BY_KIND: Partial<Record<PayloadKind, string>> = {
  user: URN.user,
  enterpriseUser: URN.user,
  group: URN.group,
  patchOp: URN.patchOp,
  bulkRequest: URN.bulkRequest,
  bulkResponse: URN.bulkResponse,
  listResponse: URN.listResponse,
  searchRequest: URN.searchRequest,
  error: URN.error,
  serviceProviderConfig: URN.serviceProviderConfig,
  resourceType: URN.resourceType,
  schema: URN.schema,
};

export function schemaUrnsOf(doc: JsonObject): string[] {
  const m = member(doc, 'schemas');
  if (!m) return [];
  if (Array.isArray(m.value)) return m.value.filter((v): v is string => typeof v === 'string');
  return typeof m.value === 'string' ? [m.value] : [];
}

export function kindFromSchemas(urns: readonly string[], catalog: SchemaCatalog): PayloadKind | undefined {
  let kind: PayloadKind | undefined;
  for (const u of urns) {
    const k = KIND_BY_URN[u.toLowerCase()];
    if (k && !kind) kind = k;
  }
  if (kind === 'user' && urns.some((u) => u.toLowerCase() === URN.enterpriseUser.toLowerCase())) return 'enterpriseUser';
  if (kind) return kind;
  if (catalog.resourceTypeFor(urns)) return 'resource';
  return undefined;
}

const has = (doc: JsonObject, name: string): boolean => member(doc, name) !== undefined;

/** A best guess from content, used when `schemas` is missing: it picks the URN the SCHEMAS_MISSING fix inserts. */
export function kindFromContent(doc: JsonObject): PayloadKind {
  const ops = member(doc, 'Operations')?.value;
  if (Array.isArray(ops)) {
    const first = ops.find(isObject);
    if (first && has(first, 'op')) return 'patchOp';
    if (first && has(first, 'status')) return 'bulkResponse';
    return first && has(first, 'method') ? 'bulkRequest' : 'patchOp';
  }
  if (has(doc, 'Resources') || has(doc, 'totalResults')) return 'listResponse';
  if (has(doc, 'userName')) return has(doc, URN.enterpriseUser) ? 'enterpriseUser' : 'user';
  if (has(doc, 'members') || (has(doc, 'displayName') && !has(doc, 'name') && !has(doc, 'emails'))) return 'group';
  if (has(doc, 'status') && (has(doc, 'detail') || has(doc, 'scimType'))) return 'error';
  if (has(doc, 'filter') || has(doc, 'sortBy') || has(doc, 'excludedAttributes')) return 'searchRequest';
  if (has(doc, 'patch') && has(doc, 'bulk')) return 'serviceProviderConfig';
  if (has(doc, 'endpoint') && has(doc, 'schema')) return 'resourceType';
  if (has(doc, 'attributes') && typeof member(doc, 'id')?.value === 'string') return 'schema';
  return 'unknown';
}

/**
 * Direction when the caller does not know it: a document with `id` or `meta` reads as a server's response,
 * anything else as a client's request (POST body). Messages have a fixed direction.
 */
export function guessDirection(doc: JsonObject, kind: PayloadKind, given: Direction): 'request' | 'response' {
  if (given !== 'unknown') return given;
  switch (kind) {
    case 'patchOp':
    case 'bulkRequest':
    case 'searchRequest':
      return 'request';
    case 'listResponse':
    case 'bulkResponse':
    case 'error':
    case 'serviceProviderConfig':
    case 'resourceType':
    case 'schema':
      return 'response';
    default:
      return has(doc, 'id') || has(doc, 'meta') ? 'response' : 'request';
  }
}

function knownUrns(ctx: RuleContext): Set<string> {
  return ctx.cached('knownUrns', () => new Set(ctx.catalog.allSchemas().map((s) => s.id)));
}

/** SCHEMAS_MISSING, SCHEMAS_UNKNOWN_URN and a non-array `schemas`. */
export function checkSchemasMember(ctx: RuleContext, doc: JsonObject, path: JsonPath, inferred: PayloadKind, missingSeverity: 'error' | 'warning' = 'error'): void {
  const m = member(doc, 'schemas');
  if (!m) {
    const urn = URN_BY_KIND[inferred];
    const extra = inferred === 'enterpriseUser' ? `, ${jsonText(URN.enterpriseUser)}` : '';
    ctx.report(
      'SCHEMAS_MISSING',
      missingSeverity,
      urn ? `Missing "schemas"; this looks like a ${inferred === 'enterpriseUser' ? 'user' : inferred} (${urn}).` : 'Missing "schemas": every SCIM resource and message lists its schema URNs.',
      { path, part: 'open' },
      urn ? [{ title: `Add "schemas": [${jsonText(urn)}${extra}]`, preferred: true, ops: [{ op: 'insertMember', object: path, key: 'schemas', value: `[${jsonText(urn)}${extra}]`, position: 'start' }] }] : undefined,
    );
    return;
  }
  const spath = [...path, m.key];
  if (!Array.isArray(m.value)) {
    const fixes = typeof m.value === 'string' ? [{ title: 'Wrap in an array', preferred: true, ops: [{ op: 'wrapValue' as const, path: spath, before: '[', after: ']' }] }] : undefined;
    ctx.report('ATTRIBUTE_TYPE', 'error', `"schemas" must be an array of URN strings, not ${describeType(m.value)}.`, { path: spath, part: 'value' }, fixes);
    return;
  }
  if (m.value.length === 0) ctx.report('SCHEMAS_MISSING', 'error', '"schemas" is empty: list the schema URNs of this document.', { path: spath, part: 'value' });
  const known = knownUrns(ctx);
  // Most documents list only known URNs: check that without a closure per element.
  let allKnown = true;
  for (const v of m.value) if (typeof v !== 'string' || !known.has(v)) allKnown = false;
  if (allKnown) return;
  m.value.forEach((v: Json, i) => {
    if (typeof v === 'string' && known.has(v)) return;
    const at = { path: [...spath, i], part: 'value' as const };
    if (typeof v !== 'string') {
      ctx.report('ATTRIBUTE_TYPE', 'error', `Schema URNs are strings, not ${describeType(v)}.`, at);
      return;
    }
    const caseOnly = [...known].find((k) => k.toLowerCase() === v.toLowerCase());
    if (caseOnly) {
      ctx.report('SCHEMAS_UNKNOWN_URN', 'warning', `"${v}" differs in case from the standard URN "${caseOnly}"; servers compare URNs case-sensitively.`, at, [
        { title: `Use "${caseOnly}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(caseOnly) }] },
      ]);
      return;
    }
    const close = ctx.catalog.suggest(v, known);
    ctx.report(
      'SCHEMAS_UNKNOWN_URN',
      'warning',
      close ? `Unknown schema URN "${v}". Did you mean "${close}"?` : `Unknown schema URN "${v}" (not in the catalog; load the server's /Schemas to check its attributes).`,
      at,
      close ? [{ title: `Use "${close}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(close) }] }] : undefined,
    );
  });
}

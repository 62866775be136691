// Rules for a resource document (User, Group, a server's custom type, discovery documents): unknown and
// misplaced attributes, extension URNs, required attributes, then per-value checks.
import type { AttributeDefinition, SchemaDefinition } from './types';
import { COMMON_ATTRIBUTES } from './schemas';
import type { JsonPath } from './payloadLocate';
import { describeType, findKey, isObject, jsonText, type FixOp, type Json, type JsonObject, type RuleContext, type Target } from './payloadModel';
import { checkAttributeValue, reportUnknown, type ValueScope } from './payloadRulesValue';

interface Hit {
  def: AttributeDefinition;
  schemaUrn: string;
}

interface ResourceShape {
  base?: SchemaDefinition;
  /** Lower-cased URNs listed in `schemas`. */
  listed: Set<string>;
  top: Map<string, Hit>;
  /** `top` by the exact spelling of each name: the common case, found without lower-casing the key. */
  topExact: Map<string, Hit>;
  /** Attributes of extensions the resource type allows (or `schemas` lists), by lower-cased name. */
  ext: Map<string, Hit>;
  requiredExtensions: string[];
  withCommon: boolean;
  required: AttributeDefinition[];
  /** The base schema defines its own `id` (discovery documents do). */
  definesId: boolean;
  /** Attribute index of each extension, by exact and by lower-cased name. */
  extIndex: Map<string, Map<string, AttributeDefinition>>;
}

const shapeCache = new WeakMap<RuleContext, Map<string, ResourceShape>>();
/** By URN array: the analyzer hands every resource of a page the same array when their `schemas` match. */
const shapeByUrnArray = new WeakMap<readonly string[], ResourceShape>();

function shapeFor(ctx: RuleContext, urns: readonly string[]): ResourceShape {
  const known = shapeByUrnArray.get(urns);
  if (known) return known;
  const shape = buildShape(ctx, urns);
  shapeByUrnArray.set(urns, shape);
  return shape;
}

function buildShape(ctx: RuleContext, urns: readonly string[]): ResourceShape {
  let cache = shapeCache.get(ctx);
  if (!cache) {
    cache = new Map();
    shapeCache.set(ctx, cache);
  }
  const sig = urns.join('\n');
  const cached = cache.get(sig);
  if (cached) return cached;
  const catalog = ctx.catalog;
  const listed = new Set(urns.map((u) => u.toLowerCase()));
  const rt = catalog.resourceTypeFor(urns);
  const base = rt ? catalog.getSchema(rt.schema) : urns.map((u) => catalog.getSchema(u)).find((s) => s && !catalog.isMessageSchema(s.id));
  const top = new Map<string, Hit>();
  const ext = new Map<string, Hit>();
  // Discovery documents (ServiceProviderConfig, ResourceType, Schema) carry `meta` but define their own `id`.
  const withCommon = base !== undefined;
  if (base) {
    if (withCommon) for (const a of COMMON_ATTRIBUTES) top.set(a.name.toLowerCase(), { def: a, schemaUrn: base.id });
    for (const a of base.attributes) top.set(a.name.toLowerCase(), { def: a, schemaUrn: base.id });
  }
  const extUrns = new Set<string>([...(rt?.schemaExtensions.map((e) => e.schema) ?? []), ...urns]);
  for (const u of extUrns) {
    const s = catalog.getSchema(u);
    if (!s || s === base || catalog.isMessageSchema(s.id)) continue;
    for (const a of s.attributes) if (!top.has(a.name.toLowerCase())) ext.set(a.name.toLowerCase(), { def: a, schemaUrn: s.id });
  }
  const shape: ResourceShape = {
    listed,
    top,
    topExact: new Map([...top.values()].map((h) => [h.def.name, h])),
    ext,
    requiredExtensions: rt?.schemaExtensions.filter((e) => e.required).map((e) => e.schema) ?? [],
    withCommon,
    required: base?.attributes.filter((a) => a.required) ?? [],
    definesId: base?.attributes.some((a) => a.name === 'id') ?? false,
    extIndex: new Map(),
  };
  if (base) shape.base = base;
  cache.set(sig, shape);
  return shape;
}

function has(obj: JsonObject, name: string): boolean {
  return findKey(obj, name) !== undefined;
}

const REQUEST_SCOPE: ValueScope = { direction: 'request', partial: false };
const RESPONSE_SCOPE: ValueScope = { direction: 'response', partial: false };

export function checkResource(ctx: RuleContext, doc: JsonObject, path: JsonPath, urns: readonly string[], direction: 'request' | 'response'): void {
  const shape = shapeFor(ctx, urns);
  const base = shape.base;
  if (!base) return; // a resource type we have no schema for: nothing to check against
  const scope = direction === 'request' ? REQUEST_SCOPE : RESPONSE_SCOPE;
  const schemasKey = findKey(doc, 'schemas');
  for (const key in doc) {
    const hit = shape.topExact.get(key);
    if (hit) {
      checkAttributeValue(ctx, hit.def, doc[key] as Json, path, key, hit.def.name, scope);
      continue;
    }
    const lower = key.toLowerCase();
    if (lower === 'schemas') continue;
    const value = doc[key] as Json;
    const folded = shape.top.get(lower);
    if (folded) {
      checkAttributeValue(ctx, folded.def, value, path, key, folded.def.name, scope);
      continue;
    }
    if (lower.startsWith('urn:')) {
      checkUrnKey(ctx, doc, key, path, shape, urns, scope, schemasKey);
      continue;
    }
    const misplaced = shape.ext.get(lower);
    if (misplaced) {
      reportNotNested(ctx, doc, key, path, misplaced, shape, schemasKey);
      continue;
    }
    reportUnknown(ctx, key, [...path, key], `the ${base.name} resource`, [...shape.top.values()].map((h) => h.def.name));
  }
  const anchor = (): Target => (schemasKey !== undefined ? { path: [...path, schemasKey], part: 'key' } : { path, part: 'open' });
  for (const a of shape.required) {
    if ((direction === 'request' && a.mutability === 'readOnly') || has(doc, a.name)) continue;
    ctx.report('REQUIRED_MISSING', direction === 'request' ? 'error' : 'warning', `"${a.name}" is required on a ${base.name}.`, anchor());
  }
  if (direction === 'response' && shape.withCommon && !shape.definesId && !has(doc, 'id') && !isDiscovery(base)) {
    ctx.report('REQUIRED_MISSING', 'warning', '"id" is returned "always": a resource in a response carries its id.', anchor());
  }
  for (const urn of shape.requiredExtensions) {
    if (!has(doc, urn)) ctx.report('REQUIRED_MISSING', direction === 'request' ? 'error' : 'warning', `The resource type requires the extension "${urn}".`, anchor());
  }
}

function isDiscovery(s: SchemaDefinition): boolean {
  return /:core:2\.0:(ServiceProviderConfig|ResourceType|Schema)$/i.test(s.id);
}

function addUrnOps(doc: JsonObject, path: JsonPath, urn: string, shape: ResourceShape, schemasKey: string | undefined): FixOp[] {
  if (shape.listed.has(urn.toLowerCase()) || schemasKey === undefined || !Array.isArray(doc[schemasKey])) return [];
  return [{ op: 'appendElement', array: [...path, schemasKey], value: jsonText(urn) }];
}

function checkUrnKey(
  ctx: RuleContext,
  doc: JsonObject,
  key: string,
  path: JsonPath,
  shape: ResourceShape,
  urns: readonly string[],
  scope: ValueScope,
  schemasKey: string | undefined,
): void {
  const catalog = ctx.catalog;
  const childPath = [...path, key];
  const value = doc[key] as Json;
  const prefix = ctx.schemaPrefix(key);
  if (prefix && prefix.rest !== '') {
    // A URN-qualified attribute name at the top level, e.g. "urn:...:core:2.0:User:userName".
    const r = catalog.resolveAttribute(key, { schemas: urns });
    if (r) checkAttributeValue(ctx, r.attribute, value, path, key, key, scope);
    else reportUnknown(ctx, key, childPath, `schema ${prefix.urn}`, []);
    return;
  }
  const urn = prefix?.urn ?? key;
  if (!shape.listed.has(urn.toLowerCase())) {
    const add = addUrnOps(doc, path, urn, shape, schemasKey);
    ctx.report(
      'EXTENSION_URN_MISSING',
      'error',
      `Extension data "${key}" is present but "${urn}" is not listed in "schemas".`,
      { path: childPath, part: 'key' },
      add.length ? [{ title: `Add "${urn}" to "schemas"`, preferred: true, ops: add }] : undefined,
    );
  }
  const ext = prefix ? catalog.getSchema(prefix.urn) : undefined;
  if (!ext) return;
  if (!isObject(value)) {
    if (value !== null) ctx.report('ATTRIBUTE_TYPE', 'error', `Extension "${ext.name}" data must be an object, found ${describeType(value)}.`, { path: childPath, part: 'value' });
    return;
  }
  let index = shape.extIndex.get(ext.id);
  // Keyed by the exact and the lower-cased name: names are case-insensitive, but usually spelled as defined.
  if (!index) shape.extIndex.set(ext.id, (index = new Map(ext.attributes.flatMap((a) => [[a.name, a], [a.name.toLowerCase(), a]]))));
  for (const k in value) {
    const def = index.get(k) ?? index.get(k.toLowerCase());
    if (def) checkAttributeValue(ctx, def, value[k] as Json, childPath, k, def.name, scope);
    else reportUnknown(ctx, k, [...childPath, k], `extension ${ext.name}`, ext.attributes.map((a) => a.name));
  }
  for (const a of ext.attributes) {
    if (a.required && !has(value, a.name)) {
      ctx.report('REQUIRED_MISSING', scope.direction === 'request' ? 'error' : 'warning', `"${a.name}" is required in extension ${ext.name}.`, { path: childPath, part: 'key' });
    }
  }
}

function reportNotNested(ctx: RuleContext, doc: JsonObject, key: string, path: JsonPath, hit: Hit, shape: ResourceShape, schemasKey: string | undefined): void {
  const childPath = [...path, key];
  const urnKey = findKey(doc, hit.schemaUrn);
  let ops: FixOp[];
  if (urnKey !== undefined && isObject(doc[urnKey])) {
    ops = [
      { op: 'removeMember', path: childPath },
      { op: 'insertMember', object: [...path, urnKey], key: hit.def.name, value: { copyOf: childPath }, position: 'end' },
    ];
  } else if (urnKey === undefined) {
    ops = [{ op: 'wrapMember', path: childPath, outerKey: hit.schemaUrn, innerKey: key }, ...addUrnOps(doc, path, hit.schemaUrn, shape, schemasKey)];
  } else {
    ops = [];
  }
  ctx.report(
    'EXTENSION_NOT_NESTED',
    'warning',
    `"${key}" belongs to the extension ${hit.schemaUrn}: nest it in an object under that URN key.`,
    { path: childPath, part: 'key' },
    ops.length ? [{ title: `Move "${key}" under "${hit.schemaUrn}"`, preferred: true, ops }] : undefined,
  );
}

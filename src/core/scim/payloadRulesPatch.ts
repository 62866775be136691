// RFC 7644 §3.5.2 PatchOp bodies, with the Microsoft Entra quirks (capitalised ops, string booleans, dotted
// keys in path-less values) and targets that reject filtered paths (GitHub).
import type { AttributeDefinition } from './types';
import type { PatchPath } from '../filter';
import type { JsonPath } from './payloadLocate';
import { describeType, findKey, isObject, jsonText, member, type FixOp, type Json, type JsonObject, type RuleContext } from './payloadModel';
import { checkAttributeValue, reportUnknown, subAttributeOf, type ValueScope } from './payloadRulesValue';
import { checkPatchPathString } from './payloadRulesStrings';

const OPS = ['add', 'remove', 'replace'];
const SCOPE: ValueScope = { direction: 'request', partial: true };

/** Resource schemas a PATCH may target when the document does not say which (all known resource types). */
function patchSchemas(ctx: RuleContext): string[] {
  const out: string[] = [];
  for (const rt of ctx.catalog.allResourceTypes()) out.push(rt.schema, ...rt.schemaExtensions.map((e) => e.schema));
  return [...new Set(out)];
}

export function checkPatchOp(ctx: RuleContext, doc: JsonObject, path: JsonPath): void {
  const ops = member(doc, 'Operations');
  if (!ops) {
    const schemasKey = findKey(doc, 'schemas');
    ctx.report('REQUIRED_MISSING', 'error', 'A PatchOp needs an "Operations" array.', schemasKey ? { path: [...path, schemasKey], part: 'key' } : { path, part: 'open' });
    return;
  }
  const opsPath = [...path, ops.key];
  if (!Array.isArray(ops.value)) {
    ctx.report('ATTRIBUTE_TYPE', 'error', `"Operations" must be an array, found ${describeType(ops.value)}.`, { path: opsPath, part: 'value' });
    return;
  }
  const schemas = patchSchemas(ctx);
  ops.value.forEach((el, i) => {
    const elPath = [...opsPath, i];
    if (!isObject(el)) ctx.report('ATTRIBUTE_TYPE', 'error', `A PATCH operation must be an object, found ${describeType(el)}.`, { path: elPath, part: 'value' });
    else checkOperation(ctx, el, elPath, schemas);
  });
}

function checkOperation(ctx: RuleContext, op: JsonObject, path: JsonPath, schemas: string[]): void {
  const opM = member(op, 'op');
  let name: string | undefined;
  if (!opM) {
    ctx.report('REQUIRED_MISSING', 'error', 'A PATCH operation needs "op" ("add", "remove" or "replace").', { path, part: 'open' });
  } else {
    const at = { path: [...path, opM.key], part: 'value' as const };
    if (typeof opM.value === 'string' && OPS.includes(opM.value)) name = opM.value;
    else if (typeof opM.value === 'string' && OPS.includes(opM.value.toLowerCase())) {
      name = opM.value.toLowerCase();
      ctx.report('QUIRK_CAPITALISED_OP', 'warning', `PATCH op ${jsonText(opM.value)} is not lower case (Microsoft Entra sends it so by default); strict servers reject it. Use "${name}".`, at, [
        { title: `Use "${name}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(name) }] },
      ]);
    } else {
      const close = typeof opM.value === 'string' ? ctx.catalog.suggest(opM.value, OPS) : undefined;
      ctx.report(
        'PATCH_OP_INVALID',
        'error',
        `Invalid PATCH op ${jsonText(opM.value)}: expected "add", "remove" or "replace"${close ? `. Did you mean "${close}"?` : '.'}`,
        at,
        close ? [{ title: `Use "${close}"`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(close) }] }] : undefined,
      );
    }
  }
  const pathM = member(op, 'path');
  const valueM = member(op, 'value');
  let ast: PatchPath | undefined;
  let extensionUrn: string | undefined;
  if (pathM) {
    const pathPath = [...path, pathM.key];
    if (typeof pathM.value !== 'string') {
      ctx.report('ATTRIBUTE_TYPE', 'error', `"path" must be a string, found ${describeType(pathM.value)}.`, { path: pathPath, part: 'value' });
    } else {
      const bare = ctx.catalog.schemaPrefixOf(pathM.value);
      if (bare && bare.rest === '') extensionUrn = bare.urn; // the whole extension object as target
      else ast = checkPatchPathString(ctx, pathM.value, pathPath, schemas);
      if (ast?.filter && ctx.options.target?.supportsFilteredPatchPaths === false) {
        ctx.report('QUIRK_FILTERED_PATH_UNSUPPORTED', 'warning', `The target does not support value filters in PATCH paths (${jsonText(pathM.value)}); send the whole multi-valued attribute with a path-less replace instead.`, { path: pathPath, part: 'value' });
      }
    }
  }
  if (name === 'remove' && !pathM) {
    const at = opM ? { path: [...path, opM.key], part: 'value' as const } : { path, part: 'open' as const };
    ctx.report('PATCH_REMOVE_WITHOUT_PATH', 'error', 'A "remove" operation needs a "path" (RFC 7644 §3.5.2.2); the server answers 400 noTarget.', at);
  }
  if (name !== 'add' && name !== 'replace') return;
  if (!valueM) {
    ctx.report('REQUIRED_MISSING', 'error', `An "${name}" operation needs a "value".`, { path, part: 'open' });
    return;
  }
  const valuePath = [...path, valueM.key];
  if (!pathM) {
    if (!isObject(valueM.value)) {
      ctx.report('PATCH_VALUE_NOT_OBJECT', 'error', `Without "path", the "${name}" value must be an object of attributes, found ${describeType(valueM.value)}.`, { path: valuePath, part: 'value' });
      return;
    }
    checkPathlessValue(ctx, valueM.value, valuePath, schemas);
    return;
  }
  if (extensionUrn) {
    const ext = ctx.catalog.getSchema(extensionUrn);
    if (ext && isObject(valueM.value)) checkObjectAgainst(ctx, ext.attributes, valueM.value, valuePath, ext.name);
    return;
  }
  if (ast) checkTargetValue(ctx, ast, valueM.value, valuePath, [...path, pathM.key], schemas);
}

function checkObjectAgainst(ctx: RuleContext, attrs: AttributeDefinition[], obj: JsonObject, path: JsonPath, where: string): void {
  for (const k of Object.keys(obj)) {
    const def = attrs.find((a) => a.name.toLowerCase() === k.toLowerCase());
    if (def) checkAttributeValue(ctx, def, obj[k] as Json, path, k, def.name, SCOPE);
    else reportUnknown(ctx, k, [...path, k], where, attrs.map((a) => a.name));
  }
}

/** The value of an operation with a path: checked against the attribute (or element, or sub-attribute) it targets. */
function checkTargetValue(ctx: RuleContext, ast: PatchPath, value: Json, valuePath: JsonPath, pathPath: JsonPath, schemas: string[]): void {
  const a = ast.attr;
  const text = `${a.uri ? `${a.uri}:` : ''}${a.name}${a.subAttr !== undefined ? `.${a.subAttr}` : ''}`;
  const r = ctx.catalog.resolveAttribute(text, { schemas });
  if (!r) return; // unknown attributes are reported on the path by the filter module
  let def: AttributeDefinition | undefined = r.attribute;
  if (ast.filter) def = { ...def, multiValued: false };
  if (ast.subAttr !== undefined) def = subAttributeOf(r.attribute, ast.subAttr);
  if (!def) return;
  if (def.mutability === 'readOnly') {
    ctx.report('READONLY_IN_REQUEST', 'warning', `"${text}" is readOnly: a PATCH cannot change it.`, { path: pathPath, part: 'value' });
    return;
  }
  // Many clients send one value for a multi-valued target ("add" one email); RFC 7644 accepts either.
  if (def.multiValued && !Array.isArray(value)) def = { ...def, multiValued: false };
  // Entra sends the enterprise manager as a bare id string; servers differ on accepting it.
  if (!def.multiValued && def.type === 'complex' && typeof value === 'string' && def.subAttributes?.some((s) => s.name === 'value')) {
    ctx.report('ATTRIBUTE_TYPE', 'warning', `"${text}" is complex: RFC 7644 expects {"value": ${jsonText(value)}}, not a bare string (Microsoft Entra sends the manager id this way).`, { path: valuePath, part: 'value' }, [
      { title: 'Wrap as {"value": ...}', preferred: true, ops: [{ op: 'wrapValue', path: valuePath, before: '{"value": ', after: '}' }] },
    ]);
    return;
  }
  checkAttributeValue(ctx, def, value, valuePath.slice(0, -1), valuePath[valuePath.length - 1] ?? 'value', text, SCOPE);
}

/** A path-less add/replace value: attribute names (possibly URN-qualified) as keys; Entra also sends dotted keys. */
function checkPathlessValue(ctx: RuleContext, obj: JsonObject, path: JsonPath, schemas: string[]): void {
  const catalog = ctx.catalog;
  for (const key of Object.keys(obj)) {
    const childPath = [...path, key];
    const value = obj[key] as Json;
    const prefix = catalog.schemaPrefixOf(key);
    if (prefix && prefix.rest === '') {
      const ext = catalog.getSchema(prefix.urn);
      if (ext && isObject(value)) checkObjectAgainst(ctx, ext.attributes, value, childPath, ext.name);
      continue;
    }
    const r = catalog.resolveAttribute(key, { schemas });
    if (!r) {
      const names = new Set<string>();
      for (const u of schemas) for (const a of catalog.getSchema(u)?.attributes ?? []) names.add(a.name);
      reportUnknown(ctx, key, childPath, 'the PATCH value', [...names]);
      continue;
    }
    const rest = prefix ? prefix.rest : key;
    const dot = rest.indexOf('.');
    if (r.parent && dot > 0) reportDottedKey(ctx, obj, key, path, prefix ? `${prefix.urn}:${rest.slice(0, dot)}` : rest.slice(0, dot), rest.slice(dot + 1));
    checkAttributeValue(ctx, r.attribute, value, path, key, key, SCOPE);
  }
}

function reportDottedKey(ctx: RuleContext, obj: JsonObject, key: string, path: JsonPath, parentKey: string, subKey: string): void {
  const childPath = [...path, key];
  const sibling = findKey(obj, parentKey);
  let ops: FixOp[] = [];
  if (sibling === undefined) ops = [{ op: 'wrapMember', path: childPath, outerKey: parentKey, innerKey: subKey }];
  else if (isObject(obj[sibling])) {
    ops = [
      { op: 'removeMember', path: childPath },
      { op: 'insertMember', object: [...path, sibling], key: subKey, value: { copyOf: childPath }, position: 'end' },
    ];
  }
  ctx.report(
    'QUIRK_DOTTED_KEY',
    'warning',
    `Dotted key "${key}" in a path-less value (a Microsoft Entra habit): RFC 7644 expects nested objects, {"${parentKey}": {"${subKey}": ...}}.`,
    { path: childPath, part: 'key' },
    ops.length ? [{ title: `Nest as "${parentKey}": {"${subKey}": ...}`, preferred: true, ops }] : undefined,
  );
}

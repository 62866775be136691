// Checks one attribute value against its definition: type, mutability for the direction, canonical values,
// multi-valued shape, `primary` uniqueness and sub-attributes. Shared by resources, PATCH values and messages.
import type { AttributeDefinition, AttributeExtras } from './types';
import type { JsonPath } from './payloadLocate';
import { describeType, findKey, isObject, jsonText, type Json, type JsonObject, type PendingFix, type RuleContext } from './payloadModel';

export interface ValueScope {
  direction: 'request' | 'response';
  /** PATCH values are partial: no required checks. */
  partial: boolean;
}

type Def = AttributeDefinition & AttributeExtras;

const subIndex = new WeakMap<AttributeDefinition, Map<string, AttributeDefinition>>();

/** Keyed by the exact and the lower-cased name: names are case-insensitive, but usually spelled as defined. */
export function subAttributeOf(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  let idx = subIndex.get(parent);
  if (!idx) {
    idx = new Map((parent.subAttributes ?? []).flatMap((s) => [[s.name, s], [s.name.toLowerCase(), s]]));
    subIndex.set(parent, idx);
  }
  return idx.get(name) ?? idx.get(name.toLowerCase());
}

function removeFix(path: JsonPath, what: string): PendingFix {
  return { title: `Remove "${what}"`, preferred: true, ops: [{ op: 'removeMember', path }] };
}

/**
 * Checks `value` of attribute `def`, the member `seg` of the container at `parent`. `label` is the dotted name
 * for messages. The member's own path is only built when something is reported or a container is entered:
 * on a ListResponse of thousands of resources that keeps allocation (and GC) down.
 */
export function checkAttributeValue(ctx: RuleContext, def: Def, value: Json, parent: JsonPath, seg: string | number, label: string, scope: ValueScope): void {
  if (value === null) return; // RFC 7643 §2.5: null is "unassigned"
  if (scope.direction === 'request' && def.mutability === 'readOnly') {
    const path = [...parent, seg];
    ctx.report('READONLY_IN_REQUEST', 'warning', `"${label}" is readOnly: the service provider sets it and ignores (or rejects) it in a request.`, { path, part: 'key' }, [removeFix(path, label)]);
    return;
  }
  if (scope.direction === 'response' && def.returned === 'never') {
    const path = [...parent, seg];
    ctx.report('NEVER_RETURNED_IN_RESPONSE', 'warning', `"${label}" has returned "never": a response must not contain it.`, { path, part: 'key' }, [removeFix(path, label)]);
    return;
  }
  if (def.anyValue) return;
  if (def.multiValued) {
    if (!Array.isArray(value)) {
      const path = [...parent, seg];
      ctx.report('ATTRIBUTE_TYPE', 'error', `"${label}" is multi-valued: expected an array, found ${describeType(value)}.`, { path, part: 'value' }, [
        { title: 'Wrap the value in an array', preferred: true, ops: [{ op: 'wrapValue', path, before: '[', after: ']' }] },
      ]);
      return;
    }
    const path = [...parent, seg];
    for (let i = 0; i < value.length; i++) checkSingle(ctx, def, value[i] as Json, path, i, label, scope);
    if (def.type === 'complex') checkPrimary(ctx, value, path, label);
    return;
  }
  if (Array.isArray(value) && def.type !== 'complex') {
    ctx.report('ATTRIBUTE_TYPE', 'error', `"${label}" is single-valued: expected ${typeWord(def)}, found an array.`, { path: [...parent, seg], part: 'value' });
    return;
  }
  checkSingle(ctx, def, value, parent, seg, label, scope);
}

function typeWord(def: AttributeDefinition): string {
  switch (def.type) {
    case 'complex':
      return 'an object';
    case 'integer':
      return 'an integer';
    case 'decimal':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'dateTime':
      return 'a dateTime string';
    default:
      return `a ${def.type === 'string' ? 'string' : `${def.type} string`}`;
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function checkSingle(ctx: RuleContext, def: Def, v: Json, parent: JsonPath, seg: string | number, label: string, scope: ValueScope): void {
  if (v === null) return;
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
    case 'dateTime':
      if (typeof v !== 'string') {
        wrongType(ctx, def, v, [...parent, seg], label, typeof v === 'number' || typeof v === 'boolean' ? { title: 'Quote the value', preferred: true, ops: [{ op: 'replace', at: { path: [...parent, seg], part: 'value' }, text: jsonText(String(v)) }] } : undefined);
        return;
      }
      if (def.type === 'dateTime' && !DATE_TIME.test(v)) {
        ctx.report('ATTRIBUTE_TYPE', 'warning', `"${label}" should be an xsd:dateTime such as "2015-09-23T12:00:00Z", found ${jsonText(v)}.`, { path: [...parent, seg], part: 'value' });
      }
      checkCanonical(ctx, def, v, parent, seg, label);
      return;
    case 'boolean':
      if (typeof v === 'boolean') return;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) {
        const literal = v.toLowerCase();
        const at = { path: [...parent, seg], part: 'value' as const };
        ctx.report('QUIRK_STRING_BOOLEAN', 'warning', `"${label}" is a boolean written as the string ${jsonText(v)} (Microsoft Entra does this by default); use ${literal}.`, at, [
          { title: `Use ${literal}`, preferred: true, ops: [{ op: 'replace', at: { path: [...parent, seg], part: 'value' }, text: literal }] },
        ]);
        return;
      }
      wrongType(ctx, def, v, [...parent, seg], label);
      return;
    case 'integer':
    case 'decimal': {
      const ok = def.type === 'integer' ? Number.isInteger(v) : typeof v === 'number';
      if (ok) return;
      const numeric = typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) && (def.type === 'decimal' || Number.isInteger(Number(v)));
      wrongType(ctx, def, v, [...parent, seg], label, numeric ? { title: `Use the number ${Number(v)}`, preferred: true, ops: [{ op: 'replace', at: { path: [...parent, seg], part: 'value' }, text: String(Number(v)) }] } : undefined);
      return;
    }
    case 'complex':
      if (!isObject(v)) {
        wrongType(ctx, def, v, [...parent, seg], label);
        return;
      }
      checkComplex(ctx, def, v, parent, seg, label, scope);
      return;
  }
}

function wrongType(ctx: RuleContext, def: Def, v: Json, path: JsonPath, label: string, fix?: PendingFix): void {
  const shown = typeof v === 'string' || typeof v === 'number' ? ` (${jsonText(v)})` : '';
  ctx.report('ATTRIBUTE_TYPE', 'error', `"${label}" must be ${typeWord(def)}, found ${describeType(v)}${shown}.`, { path, part: 'value' }, fix ? [fix] : undefined);
}

const requiredSubs = new WeakMap<AttributeDefinition, AttributeDefinition[]>();

/**
 * True when checking `v` against `def` would report nothing and enter nothing: a simple value of the right type
 * (and a canonical one, where there are canonical values). Sub-attributes of every complex value of a large list
 * go through here, so the common case builds no path and no label.
 */
function plainlyValid(def: Def, v: Json, scope: ValueScope): boolean {
  if (v === null) return true;
  // The same order as checkAttributeValue: the direction's checks apply even to a value of any shape.
  if (scope.direction === 'request' ? def.mutability === 'readOnly' : def.returned === 'never') return false;
  if (def.anyValue) return true;
  if (def.multiValued) return false;
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return typeof v === 'string' && (!def.canonicalValues || def.canonicalValues.length === 0 || def.canonicalValues.includes(v));
    case 'dateTime':
      return typeof v === 'string' && DATE_TIME.test(v) && (!def.canonicalValues || def.canonicalValues.length === 0 || def.canonicalValues.includes(v));
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return Number.isInteger(v);
    case 'decimal':
      return typeof v === 'number';
    default:
      return false;
  }
}

function checkComplex(ctx: RuleContext, def: Def, obj: JsonObject, parent: JsonPath, seg: string | number, label: string, scope: ValueScope): void {
  const subs = def.subAttributes;
  if (!subs || subs.length === 0) return;
  let path: JsonPath | undefined;
  for (const key in obj) {
    const sub = subAttributeOf(def, key);
    if (sub && plainlyValid(sub, obj[key] as Json, scope)) continue;
    path ??= [...parent, seg];
    if (!sub) {
      reportUnknown(ctx, key, [...path, key], `${label}`, subs.map((s) => s.name));
      continue;
    }
    checkAttributeValue(ctx, sub, obj[key] as Json, path, key, label + '.' + sub.name, scope);
  }
  if (scope.partial) return;
  let required = requiredSubs.get(def);
  if (!required) {
    required = subs.filter((s) => s.required);
    requiredSubs.set(def, required);
  }
  for (const sub of required) {
    if (scope.direction === 'request' && sub.mutability === 'readOnly') continue;
    if (findKey(obj, sub.name) !== undefined) continue;
    ctx.report('REQUIRED_MISSING', scope.direction === 'request' ? 'error' : 'warning', `"${label}.${sub.name}" is required.`, { path: [...parent, seg], part: 'open' });
  }
}

export function reportUnknown(ctx: RuleContext, key: string, path: JsonPath, where: string, candidates: string[]): void {
  const close = ctx.catalog.suggest(key, candidates);
  ctx.report(
    'UNKNOWN_ATTRIBUTE',
    'warning',
    close ? `Unknown attribute "${key}" in ${where}. Did you mean "${close}"?` : `Unknown attribute "${key}" in ${where}.`,
    { path, part: 'key' },
    close ? [{ title: `Rename to "${close}"`, preferred: true, ops: [{ op: 'replace', at: { path, part: 'key' }, text: jsonText(close) }] }] : undefined,
  );
}

function checkCanonical(ctx: RuleContext, def: Def, v: string, parent: JsonPath, seg: string | number, label: string): void {
  const canon = def.canonicalValues;
  if (!canon || canon.length === 0 || canon.includes(v)) return;
  const at = { path: [...parent, seg], part: 'value' as const };
  const caseOnly = canon.find((c) => c.toLowerCase() === v.toLowerCase());
  if (caseOnly) {
    ctx.report('CANONICAL_VALUE', def.closedValues ? 'error' : 'warning', `"${label}" value ${jsonText(v)} should be spelled ${jsonText(caseOnly)}.`, at, [
      { title: `Use ${jsonText(caseOnly)}`, preferred: true, ops: [{ op: 'replace', at, text: jsonText(caseOnly) }] },
    ]);
    return;
  }
  const close = ctx.catalog.suggest(v, canon);
  const list = canon.map((c) => jsonText(c)).join(', ');
  ctx.report(
    'CANONICAL_VALUE',
    def.closedValues ? 'error' : 'info',
    def.closedValues ? `"${label}" must be one of ${list}.` : `"${label}" value ${jsonText(v)} is not one of the canonical values ${list}.`,
    at,
    close ? [{ title: `Use ${jsonText(close)}`, ops: [{ op: 'replace', at, text: jsonText(close) }] }] : undefined,
  );
}

function checkPrimary(ctx: RuleContext, values: Json[], path: JsonPath, label: string): void {
  let seen = false;
  values.forEach((el, i) => {
    if (!isObject(el)) return;
    const key = findKey(el, 'primary');
    if (key === undefined || el[key] !== true) return;
    if (seen) {
      ctx.report('MULTIPLE_PRIMARY', 'error', `Only one "${label}" value may have "primary": true.`, { path: [...path, i, key], part: 'value' }, [
        { title: 'Set "primary" to false', ops: [{ op: 'replace', at: { path: [...path, i, key], part: 'value' }, text: 'false' }] },
      ]);
    }
    seen = true;
  });
}

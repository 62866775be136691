// Does a SCIM resource match a filter (RFC 7644 §3.4.2.2)? Used by the sandbox and the probes, so it follows
// the RFC rather than any one server: attribute names are case-insensitive, a multi-valued attribute matches
// when any of its values matches, strings compare case-insensitively unless the attribute is caseExact.
import type { AttrPath, AttributeInfo, AttributeLookup, CompareOp, FilterNode, Literal } from './ast';
import { dateTimeToEpoch } from './dateTime';

type Json = unknown;
type JsonObject = Record<string, unknown>;

interface Scope {
  obj: JsonObject;
  /** The attribute whose value `obj` is, inside valuePath brackets. */
  parent?: AttrPath;
  /** The whole resource, to find extension objects by URN. */
  root: JsonObject;
  lookup?: AttributeLookup;
}

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Own property `key` of `obj`, matched case-insensitively (exact spelling first). */
export function getCaseInsensitive(obj: JsonObject, key: string): Json {
  if (hasOwn(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

function baseFor(path: AttrPath, scope: Scope): JsonObject | undefined {
  if (path.uri === undefined) return scope.obj;
  const ext = getCaseInsensitive(scope.root, path.uri);
  if (isObject(ext)) return ext;
  // Core schema URNs prefix top-level attributes (`urn:...:core:2.0:User:userName`).
  const uri = path.uri.toLowerCase();
  const schemas = getCaseInsensitive(scope.root, 'schemas');
  const first = Array.isArray(schemas) && typeof schemas[0] === 'string' ? schemas[0].toLowerCase() : undefined;
  if (uri.startsWith('urn:ietf:params:scim:schemas:core:') || uri === first) return scope.root;
  return undefined;
}

/** Every value `path` reaches: arrays are flattened, so a multi-valued attribute yields its elements. */
function resolve(path: AttrPath, scope: Scope): Json[] {
  const base = baseFor(path, scope);
  if (!base) return [];
  const v = getCaseInsensitive(base, path.name);
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (path.subAttr === undefined) return list;
  const sub = path.subAttr;
  const out: Json[] = [];
  for (const el of list) {
    if (!isObject(el)) continue;
    const s = getCaseInsensitive(el, sub);
    if (Array.isArray(s)) out.push(...s);
    else if (s !== undefined) out.push(s);
  }
  return out;
}

function isPresent(v: Json): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(isPresent);
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function info(path: AttrPath, scope: Scope): AttributeInfo | undefined {
  return scope.lookup?.(path, scope.parent);
}

function compareOrdered(a: number | string, b: number | string, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    default:
      return false;
  }
}

let lastLiteral: string | undefined;
let lastLiteralEpoch: number | undefined;

/** The literal of one filter is compared with every record's value: parse it once, not per record. */
function literalEpoch(literal: string): number | undefined {
  if (literal !== lastLiteral) {
    lastLiteral = literal;
    lastLiteralEpoch = dateTimeToEpoch(literal);
  }
  return lastLiteralEpoch;
}

function compareOne(v: Json, literal: string | number | boolean, op: CompareOp, attr: AttributeInfo | undefined): boolean {
  if (typeof v === 'string' && typeof literal === 'string') {
    const type = attr?.type;
    if (op !== 'co' && op !== 'sw' && op !== 'ew') {
      if (type === 'binary' && op !== 'eq' && op !== 'ne') return false;
      if (type === undefined || type === 'dateTime') {
        const a = dateTimeToEpoch(v);
        const b = a === undefined ? undefined : literalEpoch(literal);
        if (a !== undefined && b !== undefined) return compareOrdered(a, b, op);
      }
    }
    const exact = attr?.caseExact ?? false;
    const a = exact ? v : v.toLowerCase();
    const b = exact ? literal : literal.toLowerCase();
    if (op === 'co') return a.includes(b);
    if (op === 'sw') return a.startsWith(b);
    if (op === 'ew') return a.endsWith(b);
    return compareOrdered(a, b, op);
  }
  if (typeof v === 'number' && typeof literal === 'number') return compareOrdered(v, literal, op);
  if (typeof v === 'boolean' && typeof literal === 'boolean') {
    // RFC 7644: gt/ge/lt/le on booleans fail; they never match here.
    if (op === 'eq') return v === literal;
    if (op === 'ne') return v !== literal;
    return false;
  }
  // Different JSON types are never equal.
  return op === 'ne';
}

// The evaluator runs once per record for every node (the sandbox filters 100k users): no per-record arrays here.
function compare(node: Extract<FilterNode, { kind: 'compare' }>, scope: Scope): boolean {
  const values = resolve(node.path, scope);
  const lit: Literal['value'] = node.value.value;
  // A complex value compared without a sub-attribute stands for its `value` (`emails co "example.com"`).
  const viaValue = node.path.subAttr === undefined;
  let valueAttr: AttributeInfo | undefined | null = null; // null: not looked up yet
  let anyPresent = false;
  for (const raw of values) {
    const v = viaValue && isObject(raw) ? getCaseInsensitive(raw, 'value') : raw;
    if (!isPresent(v)) continue;
    anyPresent = true;
    // RFC 7643 §2.5: unassigned, null and empty are the same state, so a null literal asks about presence only.
    if (lit === null) break;
    if (valueAttr === null) {
      const attr = info(node.path, scope);
      valueAttr = attr && attr.type === 'complex' && viaValue ? valueInfo(attr) : attr;
    }
    if (compareOne(v, lit, node.op, valueAttr)) return true;
  }
  if (lit === null) {
    if (node.op === 'eq') return !anyPresent;
    return node.op === 'ne' && anyPresent;
  }
  return !anyPresent && node.op === 'ne';
}

const valueInfos = new WeakMap<AttributeInfo, AttributeInfo | undefined>();

function valueInfo(attr: AttributeInfo): AttributeInfo | undefined {
  if (valueInfos.has(attr)) return valueInfos.get(attr);
  const def = attr.subAttributes?.find((s) => s.name.toLowerCase() === 'value');
  const v = def ? { type: def.type, caseExact: def.caseExact, multiValued: def.multiValued } : undefined;
  valueInfos.set(attr, v);
  return v;
}

function evaluate(node: FilterNode, scope: Scope): boolean {
  switch (node.kind) {
    case 'group':
      return evaluate(node.inner, scope);
    case 'not':
      return !evaluate(node.operand, scope);
    case 'present':
      return resolve(node.path, scope).some(isPresent);
    case 'compare':
      return compare(node, scope);
    case 'valuePath': {
      const elements = resolve(node.path, scope);
      return elements.some((el) => {
        // A simple multi-valued attribute's element is addressed as `value` inside the brackets.
        const obj = isObject(el) ? el : { value: el };
        return evaluate(node.filter, { obj, parent: node.path, root: scope.root, lookup: scope.lookup });
      });
    }
    case 'logical': {
      // Iterate the left spine: long `a and b and c ...` chains are deep on the left.
      const operands: FilterNode[] = [];
      let head: FilterNode = node;
      while (head.kind === 'logical' && head.op === node.op) {
        operands.push(head.right);
        head = head.left;
      }
      operands.push(head);
      for (let i = operands.length - 1; i >= 0; i--) {
        const r = evaluate(operands[i] as FilterNode, scope);
        if (node.op === 'and' ? !r : r) return r;
      }
      return node.op === 'and';
    }
  }
}

export function matchesFilter(resource: Record<string, unknown>, filter: FilterNode, lookup?: AttributeLookup): boolean {
  const scope: Scope = { obj: resource, root: resource };
  if (lookup) scope.lookup = lookup;
  return evaluate(filter, scope);
}

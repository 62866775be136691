// REGISTRY_SCHEMA: validates the parsed value with ajv against the generated schema and locates only the
// nodes that carry errors (the STYLE note: validate the value, look nodes up lazily).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Node } from 'jsonc-parser';
import type { Finding, Fix } from '../findings';
import type { OffsetRange } from '../text';
import { closest } from '../suggest';
import { registrySpec } from './fieldDocs';
import { specAt } from './fieldSpec';
import { EDITOR_KEYWORDS, buildRegistrySchema } from './jsonSchema';
import { atPath, childValue, keyNodeOf, nodeRange } from './jsonText';
import type { JsonPath } from './model';
import type { RegistryDocument } from './parse';

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword(keyword);
    validator = ajv.compile(buildRegistrySchema());
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** ajv's instancePath is a JSON pointer; jsonc-parser wants property names and numeric indexes. */
function pointerToPath(root: Node | undefined, pointer: string): JsonPath {
  if (!pointer) return [];
  const path: JsonPath = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.type === 'array' && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      node = node.children?.[Number(segment)];
    } else {
      path.push(segment);
      node = childValue(node, segment);
    }
  }
  return path;
}

/** `auth.type` or `filters[2].expression`, relative to the application when inside one. */
export function label(path: JsonPath): string {
  const rel = path[0] === 'applications' && typeof path[1] === 'number' ? path.slice(2) : path;
  let out = '';
  for (const seg of rel) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out || (path[0] === 'applications' ? `applications[${String(path[1] ?? '')}]` : 'the registry');
}

/** Where to point at an object that lacks a field: its key, else its id, else its opening brace. */
function objectAnchor(node: Node): OffsetRange {
  const key = keyNodeOf(node);
  if (key) return nodeRange(key);
  const id = childValue(node, 'id');
  if (id) return nodeRange(id);
  return { start: node.offset, end: node.offset + 1 };
}


function replaceFix(title: string, range: OffsetRange, newText: string): Fix {
  return { title, edits: [{ range, newText }], preferred: true };
}

function toFinding(doc: RegistryDocument, error: ErrorObject): Finding | undefined {
  if (error.keyword === 'if') return undefined;
  const path = pointerToPath(doc.root, error.instancePath);
  const node = atPath(doc.root, path) ?? doc.root;
  if (!node) return undefined;
  const spec = specAt(registrySpec, path);
  const where = label(path);
  const base = { code: 'REGISTRY_SCHEMA', severity: 'error' as const };
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const prop = node.children?.find((p) => p.children?.[0]?.value === key);
      const keyNode = prop?.children?.[0];
      const known = Object.keys(spec?.properties ?? {});
      const guess = closest(key, known);
      const finding: Finding = {
        ...base,
        severity: 'warning',
        message: `Unknown field "${key}" in ${where}${guess ? ` (did you mean "${guess}"?)` : ''}. Custom fields must start with "x-".`,
        range: keyNode ? nodeRange(keyNode) : objectAnchor(node),
      };
      if (guess && keyNode) finding.fixes = [replaceFix(`Rename to "${guess}"`, nodeRange(keyNode), JSON.stringify(guess))];
      return finding;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const conditional = spec?.requiredWhen && Object.entries(spec.requiredWhen).find(([sibling]) => childValue(node, sibling));
      const because = conditional ? ` when ${conditional[0]} is "${String(childValue(node, conditional[0])?.value)}"` : '';
      return { ...base, message: `${where} is missing the required field "${missing}"${because}.`, range: objectAnchor(node) };
    }
    case 'enum': {
      const options = (params.allowedValues as (string | number)[] | undefined) ?? [];
      const finding: Finding = {
        ...base,
        message: `${JSON.stringify(node.value)} is not a valid ${where}: use one of ${options.map((o) => JSON.stringify(o)).join(', ')}.`,
        range: nodeRange(node),
      };
      const guess = typeof node.value === 'string' ? closest(node.value, options) : undefined;
      if (guess !== undefined) finding.fixes = [replaceFix(`Change to ${JSON.stringify(guess)}`, nodeRange(node), JSON.stringify(guess))];
      return finding;
    }
    case 'type': {
      const expected = String(params.type);
      const finding: Finding = { ...base, message: `${where} must be ${article(expected)}, not ${describe(node)}.`, range: nodeRange(node) };
      const literal = typeof node.value === 'string' ? node.value.trim() : undefined;
      if (literal !== undefined && /integer|number/.test(expected) && literal !== '' && Number.isFinite(Number(literal))) {
        finding.fixes = [replaceFix(`Change to the number ${Number(literal)}`, nodeRange(node), String(Number(literal)))];
      } else if (literal !== undefined && expected.includes('boolean') && /^(true|false)$/i.test(literal)) {
        finding.fixes = [replaceFix(`Change to ${literal.toLowerCase()}`, nodeRange(node), literal.toLowerCase())];
      }
      return finding;
    }
    case 'pattern':
      return { ...base, message: `${where}: ${spec?.patternErrorMessage ?? `must match ${String(params.pattern)}`}`, range: nodeRange(node) };
    case 'format':
      return { ...base, message: `${where} must be a valid ${String(params.format)}${params.format === 'uri' ? ' (absolute, e.g. https://...)' : ''}.`, range: nodeRange(node) };
    case 'uniqueItems': {
      const later = node.children?.[Number(params.i)];
      return { ...base, severity: 'warning', message: `${where} lists the same value twice.`, range: later ? nodeRange(later) : nodeRange(node) };
    }
    default:
      return { ...base, message: `${where} ${error.message ?? 'does not match the registry schema'}.`, range: rangeForValue(node) };
  }
}

function rangeForValue(node: Node): OffsetRange {
  // Multi-line objects would underline whole blocks; point at the key instead.
  if (node.type === 'object' || node.type === 'array') return objectAnchor(node);
  return nodeRange(node);
}

function article(type: string): string {
  return type.split(',').map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ');
}

function describe(node: Node): string {
  if (node.type === 'number' && !Number.isInteger(node.value)) return 'a fractional number';
  return article(node.type);
}

export function schemaFindings(doc: RegistryDocument): Finding[] {
  if (doc.value === undefined) return [];
  const out: Finding[] = [];
  let errors: ErrorObject[];
  try {
    errors = validate(doc.value);
  } catch (e) {
    // A schema bug must not take the whole lint down; say so instead of failing silently.
    return [{ code: 'REGISTRY_SCHEMA', severity: 'info', message: `Schema validation is unavailable: ${(e as Error).message}`, range: { start: 0, end: 0 } }];
  }
  for (const error of errors) {
    const finding = toFinding(doc, error);
    if (finding) out.push(finding);
  }
  return out;
}

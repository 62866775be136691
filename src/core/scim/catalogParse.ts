// Reads schema and resource-type documents from servers and workspace files. Servers publish all sorts of
// near-misses (missing characteristics, wrong types, a bare array instead of a ListResponse), so this keeps
// whatever is usable, fills RFC 7643 §2.2 defaults, and lists what it had to skip. It never throws.
import type {
  AttributeDefinition,
  AttributeType,
  Mutability,
  ResourceTypeDefinition,
  Returned,
  SchemaDefinition,
  Uniqueness,
} from './types';

export interface CatalogProblem {
  source: string;
  message: string;
}

const TYPES: readonly AttributeType[] = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'binary', 'reference', 'complex'];
const MUTABILITY: readonly Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED: readonly Returned[] = ['always', 'never', 'default', 'request'];
const UNIQUENESS: readonly Uniqueness[] = ['none', 'server', 'global'];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Case-insensitive member access: servers write `Resources`, `resources`, `subattributes`... */
function get(o: Obj, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function pick<T extends string>(v: unknown, allowed: readonly T[], fallback: T): T {
  if (typeof v !== 'string') return fallback;
  const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  return hit ?? fallback;
}

/** A ListResponse's Resources, a bare array, or one document. */
function documentsOf(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc;
  if (isObj(doc)) {
    const resources = get(doc, 'Resources');
    if (Array.isArray(resources)) return resources;
    return [doc];
  }
  return [];
}

function parseAttribute(raw: unknown, where: string, source: string, problems: CatalogProblem[]): AttributeDefinition | undefined {
  if (!isObj(raw)) {
    problems.push({ source, message: `${where}: an attribute definition must be an object.` });
    return undefined;
  }
  const name = get(raw, 'name');
  if (typeof name !== 'string' || name === '') {
    problems.push({ source, message: `${where}: attribute without a "name"; skipped.` });
    return undefined;
  }
  const rawType = get(raw, 'type');
  const type = pick(rawType, TYPES, 'string');
  if (typeof rawType !== 'string' || !TYPES.some((t) => t.toLowerCase() === rawType.toLowerCase())) {
    problems.push({ source, message: `${where}.${name}: unknown type ${JSON.stringify(rawType)}; treated as "string".` });
  }
  const def: AttributeDefinition = {
    name,
    type,
    multiValued: get(raw, 'multiValued') === true,
    description: typeof get(raw, 'description') === 'string' ? (get(raw, 'description') as string) : '',
    required: get(raw, 'required') === true,
    caseExact: get(raw, 'caseExact') === true,
    mutability: pick(get(raw, 'mutability'), MUTABILITY, 'readWrite'),
    returned: pick(get(raw, 'returned'), RETURNED, 'default'),
    uniqueness: pick(get(raw, 'uniqueness'), UNIQUENESS, 'none'),
  };
  const canonical = get(raw, 'canonicalValues');
  if (Array.isArray(canonical) && canonical.length > 0) def.canonicalValues = canonical.filter((c): c is string => typeof c === 'string');
  const refTypes = get(raw, 'referenceTypes');
  if (Array.isArray(refTypes)) def.referenceTypes = refTypes.filter((c): c is string => typeof c === 'string');
  const subs = get(raw, 'subAttributes');
  if (Array.isArray(subs)) {
    def.subAttributes = subs
      .map((s, i) => parseAttribute(s, `${where}.${name}.subAttributes[${i}]`, source, problems))
      .filter((s): s is AttributeDefinition => s !== undefined);
  } else if (type === 'complex' && subs !== undefined) {
    problems.push({ source, message: `${where}.${name}: "subAttributes" must be an array.` });
  }
  return def;
}

export function parseSchemaDocuments(doc: unknown, source: string): { schemas: SchemaDefinition[]; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const schemas: SchemaDefinition[] = [];
  const docs = documentsOf(doc);
  if (docs.length === 0) problems.push({ source, message: 'No schema documents found (expected a ListResponse, an array or a Schema).' });
  docs.forEach((d, i) => {
    const where = `schema[${i}]`;
    if (!isObj(d)) {
      problems.push({ source, message: `${where}: not an object; skipped.` });
      return;
    }
    const id = get(d, 'id');
    if (typeof id !== 'string' || !id.toLowerCase().startsWith('urn:')) {
      problems.push({ source, message: `${where}: "id" must be the schema URN; skipped.` });
      return;
    }
    const attrs = get(d, 'attributes');
    if (!Array.isArray(attrs)) problems.push({ source, message: `${id}: "attributes" must be an array.` });
    const name = get(d, 'name');
    const description = get(d, 'description');
    schemas.push({
      id,
      name: typeof name === 'string' ? name : id.slice(id.lastIndexOf(':') + 1),
      description: typeof description === 'string' ? description : '',
      attributes: (Array.isArray(attrs) ? attrs : [])
        .map((a, j) => parseAttribute(a, `${id}.attributes[${j}]`, source, problems))
        .filter((a): a is AttributeDefinition => a !== undefined),
      source: source === 'workspace' ? 'workspace' : 'server',
    });
  });
  return { schemas, problems };
}

export function parseResourceTypeDocuments(
  doc: unknown,
  source: string,
): { resourceTypes: ResourceTypeDefinition[]; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const resourceTypes: ResourceTypeDefinition[] = [];
  const docs = documentsOf(doc);
  if (docs.length === 0) problems.push({ source, message: 'No resource type documents found (expected a ListResponse, an array or a ResourceType).' });
  docs.forEach((d, i) => {
    const where = `resourceType[${i}]`;
    if (!isObj(d)) {
      problems.push({ source, message: `${where}: not an object; skipped.` });
      return;
    }
    const name = get(d, 'name');
    const schema = get(d, 'schema');
    if (typeof name !== 'string' || typeof schema !== 'string') {
      problems.push({ source, message: `${where}: "name" and "schema" are required strings; skipped.` });
      return;
    }
    const endpoint = get(d, 'endpoint');
    const id = get(d, 'id');
    const description = get(d, 'description');
    const exts = get(d, 'schemaExtensions');
    const rt: ResourceTypeDefinition = {
      id: typeof id === 'string' ? id : name,
      name,
      endpoint: typeof endpoint === 'string' ? endpoint : `/${name}s`,
      schema,
      schemaExtensions: (Array.isArray(exts) ? exts : []).flatMap((e) => {
        if (isObj(e) && typeof get(e, 'schema') === 'string') return [{ schema: get(e, 'schema') as string, required: get(e, 'required') === true }];
        problems.push({ source, message: `${name}: a schemaExtensions entry without a "schema" string; skipped.` });
        return [];
      }),
    };
    if (typeof description === 'string') rt.description = description;
    resourceTypes.push(rt);
  });
  return { resourceTypes, problems };
}

// Generates the JSON Schemas in schemas/ from the schema data, for VS Code's jsonValidation (completion,
// hover) and any other JSON Schema consumer.
//
// Layering: these schemas describe; they do not judge. They carry structure, descriptions, canonical values
// as `examples` and `defaultSnippets`, but no `type`, `enum`, `required` or `additionalProperties` keyword,
// because SCIM attribute names are case-insensitive (a JSON Schema can only match one spelling) and our payload
// rules already report every problem with a stable code and a fix. So the editor never shows one problem twice.
import type { AttributeDefinition, SchemaDefinition } from './types';
import { URN } from './types';
import type { AttributeExtras } from './types';
import {
  BULK_REQUEST_SCHEMA,
  BULK_RESPONSE_SCHEMA,
  COMMON_ATTRIBUTES,
  ENTERPRISE_USER_SCHEMA,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SEARCH_REQUEST_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './schemas';

export type JsonSchema = { [key: string]: unknown };

const DRAFT = 'http://json-schema.org/draft-07/schema#';
const BASE_ID = 'https://scim-workbench.dev/schemas/';

function characteristics(a: AttributeDefinition): string {
  const bits = [a.multiValued ? `multi-valued ${a.type}` : a.type, a.mutability, `returned ${a.returned}`];
  if (a.required) bits.push('required');
  if (a.caseExact) bits.push('caseExact');
  if (a.uniqueness !== 'none') bits.push(`uniqueness ${a.uniqueness}`);
  return bits.join(', ');
}

function snippetFor(a: AttributeDefinition): JsonSchema | undefined {
  if (a.multiValued) return { label: '[]', body: a.type === 'complex' ? [{}] : [] };
  if (a.type === 'complex') return { label: '{}', body: {} };
  if (a.type === 'boolean') return undefined; // VS Code proposes true/false from `examples`.
  return undefined;
}

export function attributeSchema(a: AttributeDefinition & AttributeExtras): JsonSchema {
  const s: JsonSchema = {
    description: a.description,
    markdownDescription: `${a.description}\n\n*${characteristics(a)}*${a.rfcSection ? ` (${a.rfcSection})` : ''}`,
  };
  if (a.anyValue) return s;
  const value: JsonSchema = {};
  if (a.canonicalValues && a.canonicalValues.length > 0) value.examples = [...a.canonicalValues];
  else if (a.type === 'boolean') value.examples = [true, false];
  if (a.type === 'complex' && a.subAttributes) value.properties = properties(a.subAttributes);
  const snippet = snippetFor(a);
  if (snippet) s.defaultSnippets = [snippet];
  if (a.multiValued) s.items = value;
  else Object.assign(s, value);
  return s;
}

function properties(attrs: readonly AttributeDefinition[]): JsonSchema {
  const p: JsonSchema = {};
  for (const a of attrs) p[a.name] = attributeSchema(a);
  return p;
}

function schemasProperty(urns: string[]): JsonSchema {
  return {
    description: 'The schema URIs of this document: its base schema first, then any extensions it carries.',
    defaultSnippets: [{ label: 'schemas', body: [urns[0] ?? ''] }],
    items: { examples: urns },
  };
}

/** The JSON Schema for one SCIM document kind: base schema, extensions nested under their URN. */
export function documentSchema(base: SchemaDefinition, extensions: SchemaDefinition[] = [], withCommon = true): JsonSchema {
  const props: JsonSchema = { schemas: schemasProperty([base.id, ...extensions.map((e) => e.id)]) };
  if (withCommon) Object.assign(props, properties(COMMON_ATTRIBUTES));
  Object.assign(props, properties(base.attributes));
  for (const ext of extensions) {
    props[ext.id] = { description: `${ext.description} (${ext.id})`, properties: properties(ext.attributes), defaultSnippets: [{ label: '{}', body: {} }] };
  }
  return { title: `SCIM ${base.name}`, description: `${base.description} (${base.id}).`, properties: props };
}

function dispatch(cases: [string, string][]): JsonSchema[] {
  return cases.map(([urn, def]) => ({
    if: { properties: { schemas: { contains: { const: urn } } }, required: ['schemas'] },
    then: { $ref: `#/definitions/${def}` },
  }));
}

const RESOURCE_DEFS: [string, string, () => JsonSchema][] = [
  [URN.user, 'user', () => documentSchema(USER_SCHEMA, [ENTERPRISE_USER_SCHEMA])],
  [URN.group, 'group', () => documentSchema(GROUP_SCHEMA)],
  [URN.serviceProviderConfig, 'serviceProviderConfig', () => documentSchema(SERVICE_PROVIDER_CONFIG_SCHEMA)],
  [URN.resourceType, 'resourceType', () => documentSchema(RESOURCE_TYPE_SCHEMA)],
  [URN.schema, 'schema', () => documentSchema(SCHEMA_SCHEMA)],
];

const MESSAGE_DEFS: [string, string, () => JsonSchema][] = [
  [URN.patchOp, 'patchOp', () => documentSchema(PATCH_OP_SCHEMA, [], false)],
  [URN.bulkRequest, 'bulkRequest', () => documentSchema(BULK_REQUEST_SCHEMA, [], false)],
  [URN.bulkResponse, 'bulkResponse', () => documentSchema(BULK_RESPONSE_SCHEMA, [], false)],
  [URN.searchRequest, 'searchRequest', () => documentSchema(SEARCH_REQUEST_SCHEMA, [], false)],
  [URN.error, 'error', () => documentSchema(ERROR_SCHEMA, [], false)],
  [URN.listResponse, 'listResponse', () => listResponse()],
];

/** Resources of a ListResponse are any resource, told apart by their own `schemas`. */
function listResponse(): JsonSchema {
  const s = documentSchema(LIST_RESPONSE_SCHEMA, [], false);
  const props = s.properties as JsonSchema;
  props.Resources = { ...(props.Resources as JsonSchema), items: { allOf: dispatch(RESOURCE_DEFS.map(([u, d]) => [u, d])) } };
  return s;
}

function file(name: string, title: string, root: JsonSchema, definitions: JsonSchema): JsonSchema {
  const out: JsonSchema = { $schema: DRAFT, $id: `${BASE_ID}${name}`, title, ...root };
  if (Object.keys(definitions).length > 0) out.definitions = definitions;
  return out;
}

function resourceDefinitions(): JsonSchema {
  const d: JsonSchema = {};
  for (const [, name, make] of RESOURCE_DEFS) d[name] = make();
  return d;
}

/** Every generated file, keyed by file name in schemas/. */
export function generateJsonSchemas(): Record<string, JsonSchema> {
  const single = (fileName: string, urn: string): JsonSchema => {
    const entry = [...RESOURCE_DEFS, ...MESSAGE_DEFS].find(([u]) => u === urn);
    if (!entry) throw new Error(`no generator for ${urn}`);
    const root = entry[2]();
    return file(fileName, root.title as string, root, urn === URN.listResponse ? resourceDefinitions() : {});
  };
  const all: JsonSchema = resourceDefinitions();
  for (const [, name, make] of MESSAGE_DEFS) all[name] = make();
  return {
    'scim-user.schema.json': single('scim-user.schema.json', URN.user),
    'scim-group.schema.json': single('scim-group.schema.json', URN.group),
    'scim-patchop.schema.json': single('scim-patchop.schema.json', URN.patchOp),
    'scim-listresponse.schema.json': single('scim-listresponse.schema.json', URN.listResponse),
    'scim-bulkrequest.schema.json': single('scim-bulkrequest.schema.json', URN.bulkRequest),
    'scim-error.schema.json': single('scim-error.schema.json', URN.error),
    'scim-searchrequest.schema.json': single('scim-searchrequest.schema.json', URN.searchRequest),
    'scim-payload.schema.json': file(
      'scim-payload.schema.json',
      'SCIM 2.0 payload',
      {
        description: 'Any SCIM 2.0 resource or message, recognised by its `schemas` URNs (RFC 7643, RFC 7644).',
        properties: { schemas: schemasProperty([...RESOURCE_DEFS, ...MESSAGE_DEFS].map(([u]) => u)) },
        allOf: dispatch([...RESOURCE_DEFS, ...MESSAGE_DEFS].map(([u, d]) => [u, d])),
      },
      all,
    ),
  };
}

/** Stable text for a generated file (2-space indent, trailing newline) so regeneration is byte-identical. */
export function serializeJsonSchema(schema: JsonSchema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

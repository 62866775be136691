// One tree describes the registry format: its shape and what every field means for an integration.
// The JSON schema (jsonSchema.ts -> schemas/scim-registry.schema.json), hover and completion all read it,
// so the docs cannot drift apart.
import type { JsonPath } from './model';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface FieldSpec {
  type: FieldType | readonly FieldType[];
  /** One or two plain sentences (editors without markdown, JSON schema `description`). */
  description: string;
  /** Longer markdown: what the field means for an integration. Falls back to `description`. */
  markdown?: string;
  enum?: readonly (string | number)[];
  /** Markdown per enum value, same order as `enum` when emitted to the schema. */
  enumDocs?: Readonly<Record<string, string>>;
  default?: JsonValue;
  examples?: readonly JsonValue[];
  /** ajv-formats format name. */
  format?: 'uri' | 'date-time' | 'email';
  pattern?: string;
  /** Shown by VS Code instead of the raw pattern. */
  patternErrorMessage?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  uniqueItems?: boolean;
  properties?: Readonly<Record<string, FieldSpec>>;
  required?: readonly string[];
  /** For maps (e.g. `observed`): the spec of every value. `false`/absent: only `properties` (and `x-*`). */
  additionalProperties?: FieldSpec | boolean;
  items?: FieldSpec;
  /** Completion insert text for the value (snippet syntax), when the type-based default is not right. */
  valueSnippet?: string;
  /** auth.*: the auth types for which this property means something. */
  appliesTo?: readonly string[];
  /** The value is the NAME of a secret (see secrets.ts). */
  secretName?: boolean;
  /** Completion values that are not a closed enum (scimType, extension URNs, finding codes). */
  suggestions?: 'findingCodes' | 'schemaExtensions' | 'scimTypes';
  /** Conditionally required properties, keyed by a sibling's value: `{ type: { apiKey: ['header'] } }`. */
  requiredWhen?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** Walks a spec tree along a JSON path (array indexes and map keys included). */
export function specAt(root: FieldSpec, path: JsonPath): FieldSpec | undefined {
  let spec: FieldSpec | undefined = root;
  for (const segment of path) {
    if (!spec) return undefined;
    if (typeof segment === 'number') {
      spec = spec.items;
    } else {
      const named: FieldSpec | undefined = spec.properties?.[segment];
      spec = named ?? (typeof spec.additionalProperties === 'object' ? spec.additionalProperties : undefined);
    }
  }
  return spec;
}

/** `applications[].auth.type` style key for a path, map keys as `*`; used by tests and docs tables. */
export function docKey(root: FieldSpec, path: JsonPath): string {
  let spec: FieldSpec | undefined = root;
  let key = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      key += '[]';
      spec = spec?.items;
    } else if (spec?.properties?.[segment]) {
      key += key ? `.${segment}` : segment;
      spec = spec.properties[segment];
    } else {
      key += key ? '.*' : '*';
      spec = typeof spec?.additionalProperties === 'object' ? spec.additionalProperties : undefined;
    }
  }
  return key;
}

/** Every documented field as [docKey, spec], depth first. */
export function allFields(root: FieldSpec): [string, FieldSpec][] {
  const out: [string, FieldSpec][] = [];
  const visit = (spec: FieldSpec, key: string): void => {
    for (const [name, child] of Object.entries(spec.properties ?? {})) {
      const childKey = key ? `${key}.${name}` : name;
      out.push([childKey, child]);
      visit(child, childKey);
    }
    if (typeof spec.additionalProperties === 'object') {
      const childKey = key ? `${key}.*` : '*';
      out.push([childKey, spec.additionalProperties]);
      visit(spec.additionalProperties, childKey);
    }
    if (spec.items) visit(spec.items, `${key}[]`);
  };
  visit(root, '');
  return out;
}

export function markdownOf(spec: FieldSpec): string {
  return spec.markdown ?? spec.description;
}

// Builds the draft-07 JSON schema from the field specs. schemas/scim-registry.schema.json is this output
// (regenerate with `node --import tsx scripts/generateSchemas.ts`); a unit test fails when they differ.
import type { FieldSpec, JsonValue } from './fieldSpec';
import { registrySpec } from './fieldDocs';

type Schema = { [key: string]: JsonValue };

/** Custom fields are allowed anywhere as `x-...`, so teams can extend the format without warnings. */
const EXTENSION_FIELDS = '^x-';

function toSchema(spec: FieldSpec): Schema {
  const out: Schema = {};
  out.type = Array.isArray(spec.type) ? [...spec.type] : (spec.type as string);
  out.description = spec.description;
  if (spec.markdown !== undefined) out.markdownDescription = spec.markdown;
  if (spec.enum) {
    out.enum = [...spec.enum];
    if (spec.enumDocs) {
      const docs = spec.enumDocs;
      out.markdownEnumDescriptions = spec.enum.map((v) => docs[String(v)] ?? '');
      out.enumDescriptions = spec.enum.map((v) => plain(docs[String(v)] ?? ''));
    }
  }
  if (spec.default !== undefined) out.default = spec.default;
  if (spec.examples) out.examples = [...spec.examples];
  if (spec.format) out.format = spec.format;
  if (spec.pattern) out.pattern = spec.pattern;
  if (spec.patternErrorMessage) out.patternErrorMessage = spec.patternErrorMessage;
  if (spec.minimum !== undefined) out.minimum = spec.minimum;
  if (spec.maximum !== undefined) out.maximum = spec.maximum;
  if (spec.exclusiveMinimum !== undefined) out.exclusiveMinimum = spec.exclusiveMinimum;
  if (spec.minLength !== undefined) out.minLength = spec.minLength;
  if (spec.uniqueItems) out.uniqueItems = true;
  if (spec.items) out.items = toSchema(spec.items);
  const isObject = spec.type === 'object';
  if (isObject) {
    if (spec.properties) {
      const props: Schema = {};
      for (const [name, child] of Object.entries(spec.properties)) props[name] = toSchema(child);
      out.properties = props;
    }
    if (spec.required?.length) out.required = [...spec.required];
    if (typeof spec.additionalProperties === 'object') {
      out.additionalProperties = toSchema(spec.additionalProperties);
    } else if (spec.additionalProperties === true) {
      out.additionalProperties = true;
    } else {
      out.patternProperties = { [EXTENSION_FIELDS]: {} };
      out.additionalProperties = false;
    }
    if (spec.requiredWhen) out.allOf = conditionals(spec.requiredWhen);
  }
  return out;
}

function conditionals(requiredWhen: NonNullable<FieldSpec['requiredWhen']>): JsonValue[] {
  const out: JsonValue[] = [];
  for (const [sibling, byValue] of Object.entries(requiredWhen)) {
    for (const [value, required] of Object.entries(byValue)) {
      out.push({
        if: { properties: { [sibling]: { const: value } }, required: [sibling] },
        then: { required: [...required] },
      });
    }
  }
  return out;
}

/** Strips the markdown we use (code spans, bold) for editors that show plain text. */
export function plain(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

export function buildRegistrySchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'SCIM Workbench integration registry',
    // VS Code's JSON service: registry files are JSONC, trailing commas included.
    allowTrailingCommas: true,
    ...toSchema(registrySpec),
  };
}

export function registrySchemaText(): string {
  return JSON.stringify(buildRegistrySchema(), null, 2) + '\n';
}

/** Keywords VS Code understands that ajv must be told about (ajv strict mode rejects unknown keywords). */
export const EDITOR_KEYWORDS = ['allowTrailingCommas', 'markdownDescription', 'markdownEnumDescriptions', 'enumDescriptions', 'patternErrorMessage'];

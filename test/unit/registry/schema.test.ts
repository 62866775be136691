import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'jsonc-parser';
import { registrySpec } from '../../../src/core/registry/fieldDocs';
import { allFields } from '../../../src/core/registry/fieldSpec';
import { EDITOR_KEYWORDS, buildRegistrySchema, registrySchemaText } from '../../../src/core/registry/jsonSchema';

const root = new URL('../../../', import.meta.url);

test('the committed JSON schema is exactly what fieldDocs generates (no drift)', () => {
  const committed = readFileSync(new URL('schemas/scim-registry.schema.json', root), 'utf8');
  assert.equal(committed, registrySchemaText(), 'run: node --import tsx scripts/generateSchemas.ts');
});

test('every schema property carries the description and markdown of its field doc', () => {
  const schema = JSON.parse(readFileSync(new URL('schemas/scim-registry.schema.json', root), 'utf8')) as Record<string, unknown>;
  type S = { properties?: Record<string, S>; items?: S; additionalProperties?: S | boolean; description?: string; markdownDescription?: string };
  const walk = (s: S, key: string, out: Map<string, S>): void => {
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      const k = key ? `${key}.${name}` : name;
      out.set(k, child);
      walk(child, k, out);
    }
    if (typeof s.additionalProperties === 'object') {
      const k = key ? `${key}.*` : '*';
      out.set(k, s.additionalProperties);
      walk(s.additionalProperties, k, out);
    }
    if (s.items) walk(s.items, `${key}[]`, out);
  };
  const bySchema = new Map<string, S>();
  walk(schema as S, '', bySchema);
  const docs = allFields(registrySpec);
  assert.deepEqual([...bySchema.keys()].sort(), docs.map(([k]) => k).sort());
  for (const [key, spec] of docs) {
    assert.ok(spec.description.length > 10, `${key} needs a real description`);
    assert.equal(bySchema.get(key)?.description, spec.description, key);
    assert.equal(bySchema.get(key)?.markdownDescription, spec.markdown, key);
    if (spec.enum) for (const v of spec.enum) assert.ok(spec.enumDocs?.[String(v)], `${key}: enum value ${String(v)} needs a doc`);
  }
});

test('the schema compiles in ajv strict mode and accepts the example registry', () => {
  const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const k of EDITOR_KEYWORDS) ajv.addKeyword(k);
  const validate = ajv.compile(buildRegistrySchema());
  const example = parse(readFileSync(new URL('examples/workspace/scim-registry.jsonc', root), 'utf8'), [], { allowTrailingComma: true });
  assert.ok(validate(example), JSON.stringify(validate.errors));
});

test('the example registry uses every documented field', () => {
  const example = parse(readFileSync(new URL('examples/workspace/scim-registry.jsonc', root), 'utf8'), [], { allowTrailingComma: true }) as unknown;
  const used = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, `${key}[]`));
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const isMap = key.endsWith('observed') || key.endsWith('figures');
        const childKey = `${key ? `${key}.` : ''}${isMap ? '*' : k}`;
        used.add(childKey);
        walk(child, childKey);
      }
    }
  };
  walk(example, '');
  // auth.header and auth.username belong to apiKey/basic, which the sandbox does not serve; the example
  // shows them in comments instead.
  const shownInComments = new Set(['applications[].auth.header', 'applications[].auth.username']);
  const missing = allFields(registrySpec).map(([k]) => k).filter((k) => !used.has(k) && !shownInComments.has(k));
  assert.deepEqual(missing, []);
});

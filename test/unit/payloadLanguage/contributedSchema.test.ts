// Layering: the JSON Schema contributed through jsonValidation describes (hover, completion) but judges nothing,
// because our payload rules report every problem with a code and a fix; a validating keyword there would show
// the same problem twice. This guards SCIM-core's generated schemas as the editor uses them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const VALIDATING = new Set([
  'type', 'enum', 'const', 'required', 'additionalProperties', 'patternProperties', 'propertyNames', 'pattern', 'format',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems',
  'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'contains', 'not', 'oneOf', 'anyOf', 'dependencies',
  'dependentRequired', 'unevaluatedProperties', 'deprecationMessage', 'errorMessage', 'doNotSuggest',
]);

/** Keyword paths that validate. `if` subschemas only select a branch (they never raise an error) and are skipped. */
function validatingKeywords(schema: unknown, at: string, out: string[]): string[] {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => validatingKeywords(s, `${at}/${i}`, out));
    return out;
  }
  if (typeof schema !== 'object' || schema === null) return out;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'if' || k === 'examples' || k === 'defaultSnippets' || k === 'default') continue;
    if (k === 'properties' || k === 'definitions' || k === '$defs') {
      for (const [name, sub] of Object.entries(v as Record<string, unknown>)) validatingKeywords(sub, `${at}/${k}/${name}`, out);
      continue;
    }
    if (VALIDATING.has(k)) out.push(`${at}/${k}`);
    validatingKeywords(v, `${at}/${k}`, out);
  }
  return out;
}

describe('the JSON Schema contributed for *.scim.json', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string[]; url: string }[] } };
  const entry = pkg.contributes.jsonValidation.find((j) => j.fileMatch.includes('*.scim.json'));

  test('is contributed for *.scim.json and *.scim.jsonc', () => {
    assert.ok(entry);
    assert.deepEqual(entry.fileMatch, ['*.scim.json', '*.scim.jsonc']);
  });

  test('carries descriptions but no validating keyword outside `if`', () => {
    assert.ok(entry);
    const schema = JSON.parse(readFileSync(join(root, entry.url), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(validatingKeywords(schema, '#', []), []);
    const user = (schema.definitions as Record<string, { properties: Record<string, { markdownDescription?: string }> }>).user;
    assert.match(user?.properties.userName?.markdownDescription ?? '', /Unique identifier/);
  });

  test('the guard can fail', () => {
    assert.deepEqual(validatingKeywords({ properties: { a: { type: 'string' } }, if: { required: ['x'] } }, '#', []), ['#/properties/a/type']);
  });
});

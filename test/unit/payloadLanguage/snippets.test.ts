import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSnippetDefaults, parseSnippetFile } from '../../../src/core/payloadLanguage/snippets';
import { analyzePayload } from '../../../src/core/scim/payloadRules';

const root = join(import.meta.dirname, '..', '..', '..');
const snippets = parseSnippetFile(readFileSync(join(root, 'snippets/scim-payloads.code-snippets'), 'utf8'));

describe('payload snippets', () => {
  test('cover every kind the New Payload command offers', () => {
    const names = snippets.map((s) => s.name).join('\n');
    for (const want of [/Create User \(core \+ enterprise\)/, /Create Group/, /Deactivate User \(RFC/, /Deactivate User \(path-less/, /Add Group Members/, /Remove Group Members/, /Replace Attributes/, /Bulk Request/, /Search Request/, /Error Response/]) {
      assert.match(names, want);
    }
    for (const s of snippets) assert.ok(s.prefixes.every((p) => p.startsWith('scim-')), s.name);
  });

  for (const s of snippets) {
    test(`"${s.name}" expands to a payload the core rules accept`, () => {
      const text = expandSnippetDefaults(s.body);
      assert.doesNotMatch(text, /\$\{?\d/, 'no tab stop left');
      JSON.parse(text);
      const direction = /Error/.test(s.name) ? 'response' : 'request';
      const { kind, findings } = analyzePayload(text, { direction });
      assert.notEqual(kind, 'unknown');
      assert.deepEqual(findings.map((f) => `${f.code} ${f.severity}: ${f.message}`), []);
    });
  }

  test('expansion: defaults, choices, mirrors, escapes', () => {
    assert.equal(expandSnippetDefaults('"${1:a}" ${2|x,y|} $1 ${1} \\$ref $0'), '"a" x a a $ref ');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, minimalEdit } from '../../../src/core/findings';
import { fixAllQuirks } from '../../../src/core/scim/fixAllQuirks';
import { analyzePayload } from '../../../src/core/scim/payloadRules';

const entra = `{
  "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  "Operations": [
    { "op": "Replace", "path": "active", "value": "False" },
    { "op": "Replace", "value": { "name.givenName": "Barbara", "name.familyName": "Jensen", "displayName": "Babs" } }
  ]
}`;

describe('fix all SCIM quirks', () => {
  test('fixes every quirk, nesting sibling dotted keys into one object over several passes', () => {
    const r = fixAllQuirks(entra);
    assert.ok(r.passes >= 2, `passes: ${r.passes}`);
    const quirks = analyzePayload(r.text).findings.filter((f) => f.code.startsWith('QUIRK_'));
    assert.deepEqual(quirks, []);
    const doc = JSON.parse(r.text) as { Operations: { op: string; value: unknown }[] };
    assert.deepEqual(doc.Operations.map((o) => o.op), ['replace', 'replace']);
    assert.equal(doc.Operations[0]?.value, false);
    assert.deepEqual(doc.Operations[1]?.value, { name: { givenName: 'Barbara', familyName: 'Jensen' }, displayName: 'Babs' });
    assert.equal((r.text.match(/"name"/g) ?? []).length, 1, 'no duplicate "name" key');
  });

  test('its single edit turns the original text into the fixed one and keeps untouched text', () => {
    const r = fixAllQuirks(entra);
    assert.ok(r.edit);
    assert.equal(applyEdits(entra, [r.edit]), r.text);
    assert.ok(r.edit.range.start > entra.indexOf('"Operations"'), 'the schemas line is outside the edit');
  });

  test('nothing to fix: no edit, no pass', () => {
    const clean = '{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "replace", "path": "active", "value": false}]}';
    assert.deepEqual(fixAllQuirks(clean), { text: clean, passes: 0 });
  });
});

describe('minimalEdit', () => {
  test('keeps the common prefix and suffix', () => {
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { range: { start: 3, end: 4 }, newText: 'YY' });
    assert.deepEqual(minimalEdit('aaa', 'aaaa'), { range: { start: 3, end: 3 }, newText: 'a' });
    assert.equal(minimalEdit('same', 'same'), undefined);
    for (const [a, b] of [['', 'x'], ['x', ''], ['abab', 'ab'], ['ab', 'abab'], ['xyz', 'abc']] as const) {
      const e = minimalEdit(a, b);
      assert.ok(e);
      assert.equal(applyEdits(a, [e]), b, `${a} -> ${b}`);
    }
  });
});

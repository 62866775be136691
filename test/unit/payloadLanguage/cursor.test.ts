import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLocation } from 'jsonc-parser';
import { locateCursor } from '../../../src/core/payloadLanguage/cursor';

const DOCS = [
  '{ "schemas": ["urn:a"], "name": { "givenName": "B\\"x", "n": 1 }, "emails": [ { "type": "work", "v": true } ], "a": [1, 2, "x"] }',
  '{\n  "a": 1,\n  \n  "b": { "c": [ 1 ] },\n  // c\n  "d": "x" /* y */\n}',
  '{ "schemas": ["urn"], "na }',
  '{ "a": { "b": "c", ',
  '{ "a": [ { "b": "',
  '{ "x": /* } */ { "y": [ "]" ] }, "active": tr }',
];

describe('cursor location', () => {
  test('agrees with jsonc-parser getLocation on path and key position at every offset', () => {
    for (const d of DOCS) {
      for (let o = 0; o <= d.length; o++) {
        const a = getLocation(d, o);
        const b = locateCursor(d, o);
        const where = `${JSON.stringify(d.slice(0, o))}|${JSON.stringify(d.slice(o))}`;
        assert.deepEqual(b.path, a.path, where);
        assert.equal(b.isAtPropertyKey, a.isAtPropertyKey, where);
      }
    }
  });

  test('gives the string token under the cursor and the schemas of the objects around it', () => {
    const text = '{ "schemas": ["urn:a"], "Resources": [ { "schemas": ["urn:b"], "id": "x" }, { "schemas": ["urn:c"], "userName": "bjensen" } ] }';
    const at = text.indexOf('bjensen') + 2;
    const loc = locateCursor(text, at);
    assert.deepEqual(loc.path, ['Resources', 1, 'userName']);
    assert.deepEqual(loc.previousNode, { type: 'string', offset: text.indexOf('"bjensen"'), length: 9 });
    const members = [...loc.members].map(([k, r]) => [k, text.slice(r.start, r.end)]);
    assert.deepEqual(members, [['["schemas"]', '["urn:a"]'], ['["Resources",1,"schemas"]', '["urn:c"]']]);
  });
});

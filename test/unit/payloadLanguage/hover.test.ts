import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { payloadHover } from '../../../src/core/payloadLanguage';
import { URN } from '../../../src/core/scim/types';

function hover(withCursor: string, opts = {}) {
  const offset = withCursor.indexOf('|');
  const text = withCursor.replace('|', '');
  const h = payloadHover(text, offset, opts);
  return { h, text, covered: h ? text.slice(h.range.start, h.range.end) : undefined };
}

describe('payload hover', () => {
  test('an attribute key shows its full definition', () => {
    const { h, covered } = hover(`{ "schemas": ["${URN.user}"], "emails": [{ "ty|pe": "work" }] }`);
    assert.equal(covered, '"type"');
    assert.match(h?.markdown ?? '', /\*\*emails\.type\*\*/);
    for (const k of ['type', 'multiValued', 'required', 'mutability', 'returned', 'uniqueness', 'caseExact', 'canonical values']) assert.match(h?.markdown ?? '', new RegExp(`${k} \``));
    assert.match(h?.markdown ?? '', /RFC 7643/);
  });

  test('enterprise attributes inside the extension object, and the extension key itself', () => {
    const doc = `{ "schemas": ["${URN.user}", "${URN.enterpriseUser}"], "${URN.enterpriseUser}": { "employee|Number": "1" } }`;
    assert.match(hover(doc).h?.markdown ?? '', /employeeNumber[\s\S]*EnterpriseUser/);
    const key = hover(`{ "schemas": ["${URN.user}"], "urn:ietf:params:scim:schemas:extension:enterprise:2.0:U|ser": {} }`);
    assert.match(key.h?.markdown ?? '', /\*\*EnterpriseUser\*\* schema/);
  });

  test('schemas URN, scimType, filter tree, PATCH path, syntax error', () => {
    assert.match(hover(`{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Gr|oup"] }`).h?.markdown ?? '', /\*\*Group\*\* schema/);
    assert.match(hover(`{ "schemas": ["${URN.error}"], "status": "409", "scimType": "uniq|ueness" }`).h?.markdown ?? '', /already in use/);
    assert.match(hover(`{ "schemas": ["${URN.error}"], "scimType": "Uniq|ueness" }`).h?.markdown ?? '', /case-sensitive/);
    const tree = hover(`{ "schemas": ["${URN.searchRequest}"], "filter": "a eq 1 or b| eq 2 and c pr" }`).h?.markdown ?? '';
    assert.match(tree, /or\n├─ a eq 1\n└─ and\n {3}├─ b eq 2\n {3}└─ c pr/);
    const path = hover(`{ "schemas": ["${URN.patchOp}"], "Operations": [{ "op": "replace", "path": "addresses[type eq \\"work\\"].street|Address" }] }`).h?.markdown ?? '';
    assert.match(path, /attribute: addresses[\s\S]*type eq "work"[\s\S]*sub-attribute: streetAddress/);
    const err = hover(`{ "schemas": ["${URN.searchRequest}"], "filter": "userName e|q" }`).h?.markdown ?? '';
    assert.match(err, /Syntax error/);
  });

  test('standard keys in files the JSON Schema covers are left to its hover; case variants are not', () => {
    const opts = { jsonSchemaCovered: true };
    assert.equal(hover(`{ "schemas": ["${URN.user}"], "user|Name": "x" }`, opts).h, undefined);
    assert.ok(hover(`{ "schemas": ["${URN.user}"], "User|name": "x" }`, opts).h);
    assert.ok(hover(`{ "schemas": ["${URN.patchOp}"], "Operations": [{ "op": "replace", "value": { "act|ive": false } }] }`, opts).h);
  });

  test('nothing on punctuation or unknown keys; never throws', () => {
    assert.equal(hover(`{ "schemas": ["${URN.user}"], "bogus|": 1 }`).h, undefined);
    assert.equal(hover(`{| "schemas": [] }`).h, undefined);
    for (const t of ['', '{', '{"filter": "(((', '{"schemas": ["urn:']) for (let i = 0; i <= t.length; i++) payloadHover(t, i);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { payloadCompletions } from '../../../src/core/payloadLanguage';
import { SchemaCatalog } from '../../../src/core/scim/catalog';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, GROUP_SCHEMA } from '../../../src/core/scim/schemas';
import { URN } from '../../../src/core/scim/types';

/** `|` marks the cursor. */
function complete(withCursor: string, opts = {}) {
  const offset = withCursor.indexOf('|');
  const text = withCursor.replace('|', '');
  const items = payloadCompletions(text, offset, opts);
  return { text, items, labels: items.map((i) => i.label) };
}

const user = `"schemas": ["${URN.user}", "${URN.enterpriseUser}"]`;
const patch = `"schemas": ["${URN.patchOp}"]`;
const search = `"schemas": ["${URN.searchRequest}"]`;

describe('payload completion', () => {
  test('every User attribute and the enterprise extension key at a User root', () => {
    const { labels } = complete(`{ ${user}, "| }`);
    for (const a of USER_SCHEMA.attributes) assert.ok(labels.includes(a.name), a.name);
    for (const n of ['id', 'externalId', 'meta', URN.enterpriseUser]) assert.ok(labels.includes(n), n);
    assert.ok(!labels.includes('members'), 'no Group attribute on a User');
  });

  test('every enterprise attribute inside the extension object, nothing else', () => {
    const { labels } = complete(`{ ${user}, "${URN.enterpriseUser}": { | } }`);
    assert.deepEqual([...labels].sort(), ENTERPRISE_USER_SCHEMA.attributes.map((a) => a.name).sort());
  });

  test('sub-attributes of a complex attribute, and a key insert with a value skeleton', () => {
    const { items } = complete(`{ ${user}, "name": { "gi| } }`);
    const given = items.find((i) => i.label === 'givenName');
    assert.ok(given);
    assert.equal(given.insertText, '"givenName": "$1"');
    const { items: emails } = complete(`{ ${user}, |}`);
    assert.equal(emails.find((i) => i.label === 'emails')?.insertText, '"emails": [\n\t{$1}\n]');
    assert.equal(emails.find((i) => i.label === 'active')?.insertText, '"active": ${1|true,false|}');
  });

  test('only the key when the colon is already there', () => {
    const { text, items } = complete(`{ ${user}, "disp|": "x" }`);
    const item = items.find((i) => i.label === 'displayName');
    assert.equal(item?.insertText, '"displayName"');
    assert.equal(text.slice(item?.range.start, item?.range.end), '"disp"');
  });

  test('canonical values, op values and schema URNs', () => {
    assert.deepEqual(complete(`{ ${user}, "emails": [{ "type": "|" }] }`).labels, ['work', 'home', 'other']);
    assert.deepEqual(complete(`{ ${user}, "phoneNumbers": [{ "type": "m|" }] }`).labels.includes('mobile'), true);
    assert.deepEqual(complete(`{ ${patch}, "Operations": [{ "op": "|" }] }`).labels, ['add', 'remove', 'replace']);
    const urns = complete(`{ "schemas": ["|"] }`).labels;
    for (const u of [URN.user, URN.group, URN.enterpriseUser, URN.patchOp, URN.error]) assert.ok(urns.includes(u), u);
    assert.deepEqual(complete(`{ ${user}, "active": | }`).labels, ['true', 'false']);
  });

  test('PATCH path: attribute paths and filter skeletons, escaped for JSON', () => {
    const { text, items } = complete(`{ ${patch}, "Operations": [{ "op": "replace", "path": "em|" }] }`);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('emails'));
    assert.ok(labels.includes('name.familyName'));
    assert.ok(labels.includes('members'));
    const skeleton = items.find((i) => i.label === 'emails[type eq "…"].value');
    assert.ok(skeleton?.snippet);
    assert.equal(skeleton.insertText, 'emails[type eq \\\\"${1|work,home,other|}\\\\"].${2:value}');
    assert.equal(text.slice(skeleton.range.start, skeleton.range.end), 'em');
    const manager = items.find((i) => i.label === 'manager');
    assert.equal(manager?.insertText, `${URN.enterpriseUser}:manager`);
  });

  test('PATCH path: inside a value filter and after it', () => {
    const inside = complete(`{ ${patch}, "Operations": [{ "op": "remove", "path": "emails[|" }] }`).labels;
    assert.deepEqual([...inside].filter((l) => l !== 'not').sort(), ['display', 'primary', 'type', 'value']);
    const value = complete(`{ ${patch}, "Operations": [{ "op": "remove", "path": "emails[type eq \\"|" }] }`);
    assert.deepEqual(value.labels, ['"work"', '"home"', '"other"']);
    assert.equal(value.items[0]?.insertText, '\\"work\\"');
    const after = complete(`{ ${patch}, "Operations": [{ "op": "replace", "path": "addresses[type eq \\"work\\"].|" }] }`).labels;
    assert.ok(after.includes('.streetAddress'));
  });

  test('path-less PATCH value: resource attributes; with a path: that attribute\'s sub-attributes', () => {
    const pathless = complete(`{ ${patch}, "Operations": [{ "op": "replace", "value": { "|" } }] }`).labels;
    assert.ok(pathless.includes('active') && pathless.includes('displayName') && pathless.includes(URN.enterpriseUser));
    const members = complete(`{ ${patch}, "Operations": [{ "op": "add", "path": "members", "value": [{ "|" }] }] }`).labels;
    assert.deepEqual([...members].sort(), GROUP_SCHEMA.attributes.find((a) => a.name === 'members')?.subAttributes?.map((s) => s.name).sort());
  });

  test('filter strings: attributes, operators after an attribute, and/or after a comparison', () => {
    assert.ok(complete(`{ ${search}, "filter": "|" }`).labels.includes('userName'));
    assert.deepEqual(complete(`{ ${search}, "filter": "userName |" }`).labels, ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
    assert.deepEqual(complete(`{ ${search}, "filter": "userName eq \\"x\\" |" }`).labels, ['and', 'or']);
    assert.deepEqual(complete(`{ ${search}, "filter": "active eq |" }`).labels, ['true', 'false']);
    assert.ok(complete(`{ ${search}, "filter": "title pr and emails[ty|" }`).labels.includes('type'));
  });

  test('server schemas added to the catalog are offered', () => {
    const custom = 'urn:example:params:scim:schemas:extension:acme:2.0:User';
    const catalog = SchemaCatalog.standard().withServerDocuments({
      schemas: { id: custom, name: 'AcmeUser', description: 'Acme', attributes: [{ name: 'badgeNumber', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', description: 'Badge' }] },
      resourceTypes: { id: 'User', name: 'User', endpoint: '/Users', schema: URN.user, schemaExtensions: [{ schema: custom, required: false }] },
    });
    assert.ok(complete(`{ "schemas": ["|"] }`, { catalog }).labels.includes(custom));
    assert.ok(complete(`{ "schemas": ["${URN.user}"], "| }`, { catalog }).labels.includes(custom));
    assert.deepEqual(complete(`{ "schemas": ["${URN.user}", "${custom}"], "${custom}": { "| } }`, { catalog }).labels, ['badgeNumber']);
  });

  test('in files the JSON Schema covers, standard keys and values are left to it', () => {
    const covered = { jsonSchemaCovered: true };
    assert.deepEqual(complete(`{ ${user}, "| }`, covered).labels, []);
    assert.deepEqual(complete(`{ ${user}, "emails": [{ "type": "|" }] }`, covered).labels, []);
    // Open content (PATCH values) and string languages stay ours.
    assert.ok(complete(`{ ${patch}, "Operations": [{ "op": "replace", "value": { "|" } }] }`, covered).labels.includes('active'));
    assert.ok(complete(`{ ${patch}, "Operations": [{ "op": "replace", "path": "|" }] }`, covered).labels.includes('emails'));
  });

  test('never throws on broken text', () => {
    for (const t of ['', '{', '{"schemas": [', '"', '{"a": "\\', '[[[[', '{"filter": "(((']) {
      for (let i = 0; i <= t.length; i++) payloadCompletions(t, i);
    }
  });
});

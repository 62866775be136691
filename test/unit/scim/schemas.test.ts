import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { SchemaCatalog } from '../../../src/core/scim/catalog';
import { generateJsonSchemas, serializeJsonSchema } from '../../../src/core/scim/jsonSchemaGen';
import { STANDARD_SCHEMAS } from '../../../src/core/scim/schemas';
import { URN, type AttributeDefinition } from '../../../src/core/scim/types';

const catalog = SchemaCatalog.standard();
const user = { schemas: [URN.user, URN.enterpriseUser] };
function attr(path: string, schemas: string[] = user.schemas): AttributeDefinition {
  const r = catalog.resolveAttribute(path, { schemas });
  assert.ok(r, `${path} should resolve`);
  return r.attribute;
}

describe('RFC 7643 schemas as data', () => {
  test('User.userName: required, server-unique, case-insensitive', () => {
    const a = attr('userName');
    assert.equal(a.required, true);
    assert.equal(a.uniqueness, 'server');
    assert.equal(a.caseExact, false);
    assert.equal(a.mutability, 'readWrite');
  });

  test('common id: readOnly, returned always, caseExact, server-unique', () => {
    const a = attr('id');
    assert.deepEqual([a.mutability, a.returned, a.caseExact, a.uniqueness], ['readOnly', 'always', true, 'server']);
    assert.equal(attr('meta').mutability, 'readOnly');
    assert.equal(attr('meta.lastModified').type, 'dateTime');
    assert.equal(attr('externalId').caseExact, true);
  });

  test('groups is readOnly down to its sub-attributes; password writeOnly returned never', () => {
    assert.equal(attr('groups').mutability, 'readOnly');
    assert.equal(attr('groups.value').mutability, 'readOnly');
    assert.deepEqual(attr('groups.type').canonicalValues, ['direct', 'indirect']);
    const p = attr('password');
    assert.deepEqual([p.mutability, p.returned], ['writeOnly', 'never']);
  });

  test('canonical type values of multi-valued attributes', () => {
    assert.deepEqual(attr('emails.type').canonicalValues, ['work', 'home', 'other']);
    assert.deepEqual(attr('phoneNumbers.type').canonicalValues, ['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    assert.deepEqual(attr('photos.type').canonicalValues, ['photo', 'thumbnail']);
    assert.equal(attr('photos.value').type, 'reference');
    assert.equal(attr('x509Certificates.value').type, 'binary');
    assert.equal(attr('emails').multiValued, true);
    assert.equal(attr('emails.primary').type, 'boolean');
  });

  test('Group members and the enterprise manager', () => {
    const g = [URN.group];
    assert.equal(attr('members', g).multiValued, true);
    assert.equal(attr('members.value', g).mutability, 'immutable');
    assert.deepEqual(attr('members.$ref', g).referenceTypes, ['User', 'Group']);
    assert.equal(attr('manager.displayName').mutability, 'readOnly');
    assert.equal(attr(`${URN.enterpriseUser}:manager.value`).type, 'string');
  });

  test('ServiceProviderConfig, ResourceType and Schema', () => {
    const spc = [URN.serviceProviderConfig];
    assert.equal(attr('bulk.maxPayloadSize', spc).type, 'integer');
    assert.equal(attr('bulk.maxPayloadSize', spc).required, true);
    assert.equal(attr('patch', spc).mutability, 'readOnly');
    assert.equal(attr('pagination.cursor', spc).type, 'boolean');
    assert.deepEqual(attr('pagination.defaultPaginationMethod', spc).canonicalValues, ['cursor', 'index']);
    assert.equal(attr('schema', [URN.resourceType]).caseExact, true);
    assert.equal(attr('attributes.subAttributes.name', [URN.schema]).required, true);
  });

  test('message schemas (RFC 7644 §3)', () => {
    assert.deepEqual(attr('Operations.op', [URN.patchOp]).canonicalValues, ['add', 'remove', 'replace']);
    assert.equal(attr('totalResults', [URN.listResponse]).type, 'integer');
    assert.equal(attr('nextCursor', [URN.listResponse]).type, 'string');
    assert.equal(attr('status', [URN.error]).type, 'string');
    assert.ok(attr('scimType', [URN.error]).canonicalValues?.includes('invalidCursor'));
    assert.equal(attr('cursor', [URN.searchRequest]).type, 'string');
    assert.deepEqual(attr('Operations.method', [URN.bulkRequest]).canonicalValues, ['POST', 'PUT', 'PATCH', 'DELETE']);
  });

  test('every attribute carries all characteristics and an RFC section', () => {
    const walk = (a: AttributeDefinition, where: string): void => {
      for (const k of ['name', 'type', 'multiValued', 'description', 'required', 'caseExact', 'mutability', 'returned', 'uniqueness'] as const) {
        assert.notEqual(a[k], undefined, `${where}.${a.name}: ${k}`);
      }
      assert.ok(a.rfcSection, `${where}.${a.name}: rfcSection`);
      if (a.type === 'complex' && !(a as { anyValue?: boolean }).anyValue) assert.ok(a.subAttributes?.length, `${where}.${a.name}: sub-attributes`);
      for (const s of a.subAttributes ?? []) walk(s, `${where}.${a.name}`);
    };
    for (const s of STANDARD_SCHEMAS) for (const a of s.attributes) walk(a, s.name);
  });
});

describe('generated JSON Schemas', () => {
  const generated = generateJsonSchemas();

  test('schemas/*.schema.json are up to date (regenerate with scripts/generateSchemas.ts)', () => {
    for (const [name, schema] of Object.entries(generated)) {
      const onDisk = readFileSync(join(import.meta.dirname, '../../../schemas', name), 'utf8');
      assert.equal(onDisk, serializeJsonSchema(schema), `${name} drifted from src/core/scim`);
    }
  });

  test('draft-07, compile with ajv, and judge nothing (our rules report problems)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const [name, schema] of Object.entries(generated)) {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', name);
      const text = JSON.stringify(schema);
      assert.ok(!/"required":\s*\[(?!"schemas"\])/.test(text), `${name}: no required lists outside the if-conditions`);
      assert.ok(!text.includes('additionalProperties'), name);
      const validate = ajv.compile(schema);
      assert.equal(validate({ schemas: [URN.user], userName: 42, unknownThing: true }), true, `${name} should not judge`);
    }
  });

  test('carry descriptions and canonical values for completion', () => {
    const userSchema = generated['scim-user.schema.json'] as { properties: Record<string, { description?: string; items?: { properties?: Record<string, { examples?: unknown[] }> } }> };
    assert.match(userSchema.properties.userName?.description ?? '', /Unique identifier/);
    assert.deepEqual(userSchema.properties.emails?.items?.properties?.type?.examples, ['work', 'home', 'other']);
    assert.ok(userSchema.properties[URN.enterpriseUser]);
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCatalog } from '../../../src/core/scim/catalog';
import { filterLookup } from '../../../src/core/scim/filterLookup';
import { editDistance, suggest } from '../../../src/core/scim/suggest';
import { URN } from '../../../src/core/scim/types';
import { parseFilter, checkFilter } from '../../../src/core/filter';

const std = SchemaCatalog.standard();
const userCtx = { schemas: [URN.user, URN.enterpriseUser] };

describe('SchemaCatalog.resolveAttribute', () => {
  test('case-insensitive, with or without URN prefix, across extensions and sub-attributes', () => {
    const cases: [string, string, string, string | undefined][] = [
      ['userName', URN.user, 'userName', undefined],
      ['USERNAME', URN.user, 'userName', undefined],
      ['name.givenName', URN.user, 'givenName', 'name'],
      ['Name.GIVENNAME', URN.user, 'givenName', 'name'],
      ['emails.value', URN.user, 'value', 'emails'],
      [`${URN.user}:name.familyName`, URN.user, 'familyName', 'name'],
      [`${URN.enterpriseUser}:manager.value`, URN.enterpriseUser, 'value', 'manager'],
      [`${URN.enterpriseUser.toLowerCase()}:EmployeeNumber`, URN.enterpriseUser, 'employeeNumber', undefined],
      ['employeeNumber', URN.enterpriseUser, 'employeeNumber', undefined],
      ['meta.created', URN.user, 'created', 'meta'],
    ];
    for (const [path, urn, name, parent] of cases) {
      const r = std.resolveAttribute(path, userCtx);
      assert.ok(r, path);
      assert.equal(r.schemaUrn, urn, path);
      assert.equal(r.attribute.name, name, path);
      assert.equal(r.parent?.name, parent, path);
    }
  });

  test('unknown names, unknown sub-attributes and bare URNs do not resolve', () => {
    for (const p of ['nope', 'name.nope', 'userName.x', URN.enterpriseUser, 'urn:example:unknown:1.0:Thing:attr', '']) {
      assert.equal(std.resolveAttribute(p, userCtx), undefined, p);
    }
  });

  test('the document schemas scope the lookup', () => {
    assert.equal(std.resolveAttribute('members', { schemas: [URN.user] }), undefined);
    assert.ok(std.resolveAttribute('members', { schemas: [URN.group] }));
    assert.ok(std.resolveAttribute('members', { schemas: [] }), 'an empty context searches every resource schema');
  });

  test('resourceTypeFor, attributesAt, getSchema', () => {
    assert.equal(std.resourceTypeFor([URN.user.toUpperCase()])?.endpoint, '/Users');
    assert.equal(std.resourceTypeFor([URN.patchOp]), undefined);
    const top = std.attributesAt(userCtx.schemas).map((a) => a.attribute.name);
    assert.ok(top.includes('userName') && top.includes('employeeNumber') && top.includes('id'));
    assert.deepEqual(std.attributesAt(userCtx.schemas, 'name').map((a) => a.attribute.name).slice(0, 3), ['formatted', 'familyName', 'givenName']);
    assert.equal(std.getSchema(URN.group.toLowerCase())?.name, 'Group');
  });
});

describe('server documents', () => {
  const schemasResponse = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 2,
    Resources: [
      {
        id: 'urn:example:params:scim:schemas:extension:acme:2.0:User',
        name: 'AcmeUser',
        attributes: [
          { name: 'badgeNumber', type: 'integer', multiValued: false, required: true },
          { name: 'clearance', type: 'complex', subAttributes: [{ name: 'level', type: 'string', canonicalValues: ['low', 'high'] }] },
          { name: 'weird', type: 'quantum' },
          { type: 'string' },
        ],
      },
      'not a schema',
    ],
  };
  const resourceTypes = [{ name: 'User', endpoint: '/Users', schema: URN.user, schemaExtensions: [{ schema: 'urn:example:params:scim:schemas:extension:acme:2.0:User', required: false }] }];

  test('adds custom schemas and extensions, keeps the standard catalog untouched', () => {
    const c = std.withServerDocuments({ schemas: schemasResponse, resourceTypes }, 'https://scim.example.com');
    const r = c.resolveAttribute('clearance.level', { schemas: [URN.user, 'urn:example:params:scim:schemas:extension:acme:2.0:User'] });
    assert.deepEqual(r?.attribute.canonicalValues, ['low', 'high']);
    assert.equal(c.resolveAttribute('badgeNumber', { schemas: ['urn:example:params:scim:schemas:extension:acme:2.0:User'] })?.attribute.type, 'integer');
    assert.equal(c.extensionsFor([URN.user])[0], 'urn:example:params:scim:schemas:extension:acme:2.0:User');
    assert.equal(std.getSchema('urn:example:params:scim:schemas:extension:acme:2.0:User'), undefined);
    assert.equal(c.resolveAttribute('weird', { schemas: ['urn:example:params:scim:schemas:extension:acme:2.0:User'] })?.attribute.type, 'string');
    const messages = c.problems.map((p) => p.message).join('\n');
    assert.match(messages, /unknown type "quantum"/);
    assert.match(messages, /without a "name"/);
    assert.match(messages, /not an object/);
  });

  test('never throws on garbage', () => {
    for (const junk of [null, 42, 'x', [], {}, { Resources: 'no' }, [null, 1, { id: 5 }], { id: 'urn:x', attributes: 'no' }]) {
      const c = std.withServerDocuments({ schemas: junk, resourceTypes: junk });
      assert.ok(c.problems.length > 0, JSON.stringify(junk));
    }
  });

  test('the shared standard catalog refuses changes', () => {
    const problems = std.addSchemaDocument({ id: 'urn:x:y', attributes: [] }, 'test');
    assert.equal(problems.length, 1);
    assert.equal(std.getSchema('urn:x:y'), undefined);
  });
});

describe('suggest', () => {
  test('edit distance with transpositions, case-insensitive', () => {
    assert.equal(editDistance('userName', 'usrName'), 1);
    assert.equal(editDistance('userName', 'uesrName'), 1);
    assert.equal(editDistance('USERNAME', 'userName'), 0);
  });
  test('suggests close names only', () => {
    assert.equal(suggest('displayNme', ['displayName', 'nickName']), 'displayName');
    assert.equal(suggest('zzz', ['displayName', 'nickName']), undefined);
  });
});

describe('filterLookup', () => {
  test('feeds the filter checker with the catalog', () => {
    const lookup = filterLookup(std, userCtx.schemas);
    const parsed = parseFilter('emails[type eq "work"] and usrName eq "x" and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr');
    assert.ok(parsed.ast);
    const findings = checkFilter(parsed.ast, lookup);
    assert.deepEqual(findings.map((f) => f.code), ['FILTER_UNKNOWN_ATTRIBUTE']);
    const emails = lookup({ kind: 'attrPath', name: 'emails', range: { start: 0, end: 6 } });
    assert.equal(emails?.multiValued, true);
    const type = lookup({ kind: 'attrPath', name: 'TYPE', range: { start: 0, end: 4 } }, { kind: 'attrPath', name: 'emails', range: { start: 0, end: 6 } });
    assert.equal(type?.type, 'string');
  });
});

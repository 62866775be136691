import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { directionFromFileName, isRequestFileName, isSandboxConfigFileName, lintDocument } from '../../../src/cli/lintDocument';

describe('lintDocument dispatch by file name', () => {
  test('registry files go to the registry rules', () => {
    for (const name of ['scim-registry.json', 'scim-registry.jsonc', 'dir/team.scim-registry.jsonc']) {
      assert.equal(lintDocument(name, '{}').kind, 'registry', name);
    }
  });

  test('sandbox configs go to the sandbox rules', () => {
    assert.ok(isSandboxConfigFileName('/x/estate.scim-sandbox.jsonc'));
    assert.equal(lintDocument('estate.scim-sandbox.json', '{}').kind, 'sandboxConfig');
  });

  test('request files (*.scim, *.scim.http) go to the request-file rules, with the applications given', () => {
    for (const name of ['a.scim', 'dir/b.SCIM', 'c.scim.http']) assert.ok(isRequestFileName(name), name);
    for (const name of ['a.http', 'a.scim.json', 'scim', 'a.scim.https']) assert.ok(!isRequestFileName(name), name);
    const text = '# @app acmee\nGET /Users\n';
    assert.equal(lintDocument('x.scim', text).kind, 'requestFile');
    assert.deepEqual(lintDocument('x.scim', text).findings, [], 'no applications given: @app ids are not checked');
    const f = lintDocument('x.scim.http', text, { apps: [{ id: 'acme', source: 'scim-registry.jsonc' }] }).findings;
    assert.deepEqual(f.map((x) => [x.code, text.slice(x.range.start, x.range.end)]), [['REQUEST_UNKNOWN_APP', 'acmee']]);
  });

  test('everything else is a payload; the name can fix the direction', () => {
    const body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"a"}';
    assert.equal(directionFromFileName('create.request.scim.json'), 'request');
    assert.equal(directionFromFileName('get.res.scim.jsonc'), 'response');
    assert.equal(directionFromFileName('user.scim.json'), 'unknown');
    assert.deepEqual(lintDocument('user.scim.json', body).findings, []);
    assert.deepEqual(lintDocument('put.request.scim.json', body).findings.map((f) => f.code), ['READONLY_IN_REQUEST']);
    assert.equal(lintDocument('user.scim.json', body).kind, 'user');
  });

  test('PATCH paths naming unknown attributes are reported inside the string', () => {
    const text = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.givenNme","value":"B"}]}';
    const f = lintDocument('p.scim.json', text).findings;
    assert.equal(f.length, 1, JSON.stringify(f));
    assert.match(f[0]!.code, /^FILTER_UNKNOWN_ATTRIBUTE$/);
    assert.equal(text.slice(f[0]!.range.start, f[0]!.range.end), 'givenNme');
  });
});

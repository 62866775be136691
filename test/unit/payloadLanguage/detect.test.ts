import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { directionFromFileName, hasScimSchemas, isScimPayloadFileName, DETECT_PREFIX_CHARS } from '../../../src/core/payloadLanguage/detect';

describe('payload document detection', () => {
  test('by name', () => {
    assert.ok(isScimPayloadFileName('/a/b/user.scim.json'));
    assert.ok(isScimPayloadFileName('C:\\x\\Patch.SCIM.JSONC'));
    assert.ok(!isScimPayloadFileName('/a/scim.json'));
    assert.ok(!isScimPayloadFileName('/a/user.scim.json.bak'));
  });

  test('direction by name', () => {
    assert.equal(directionFromFileName('/p/create.request.scim.json'), 'request');
    assert.equal(directionFromFileName('/p/get.Response.scim.jsonc'), 'response');
    assert.equal(directionFromFileName('/p/user.scim.json'), 'unknown');
    assert.equal(directionFromFileName('/p/request.json'), 'unknown');
  });

  test('by content: top-level schemas with a SCIM URN', () => {
    assert.ok(hasScimSchemas('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"x"}'));
    assert.ok(hasScimSchemas('// c\n{ "id": "1", "Schemas": [ /* x */ "URN:IETF:PARAMS:SCIM:api:messages:2.0:PatchOp" ] }'));
    assert.ok(hasScimSchemas('{"a":{"b":[1,2]},"schemas":"urn:ietf:params:scim:api:messages:2.0:Error"}'));
  });

  test('by content: rejects look-alikes', () => {
    assert.ok(!hasScimSchemas('{"name":"x","version":"1"}'));
    assert.ok(!hasScimSchemas('{"nested":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}}'), 'nested schemas');
    assert.ok(!hasScimSchemas('{"schemas":["urn:example:other"],"note":"urn:ietf:params:scim:"}'), 'URN outside schemas');
    assert.ok(!hasScimSchemas('[{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}]'), 'array root');
    assert.ok(!hasScimSchemas('{"schemas": {"x": "urn:ietf:params:scim:schemas:core:2.0:User"}}'), 'object, not array');
    assert.ok(!hasScimSchemas(''));
    assert.ok(!hasScimSchemas('{"schemas": ["urn:ietf:params:scim'));
  });

  test('by content: only the first few KB are read', () => {
    const pad = `{"padding":"${'x'.repeat(DETECT_PREFIX_CHARS)}",`;
    assert.ok(!hasScimSchemas(`${pad}"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}`));
    // A 5 MB document that is not even valid JSON past its prefix is still detected: only the prefix is read.
    // (How fast that is belongs to `npm run bench`, never to a timed test.)
    const big = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Resources":[${'{"id":"1"},'.repeat(500_000)}{{{`;
    assert.ok(hasScimSchemas(big));
  });
});

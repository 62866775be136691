// A server's own schemas (a saved /Schemas response) teach the linter its custom extension: with them, typos and
// wrong types inside the extension are found; without them, only the unknown URN is.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { discoveryDocumentsOf, discoveryDocumentsInText, mayHoldDiscoveryDocuments } from '../../../src/core/scim/discoveryDocuments';
import { URN } from '../../../src/core/scim/types';
import { captureIO } from '../helpers/cliIO';

const dir = join(__dirname, '..', '..', 'fixtures', 'discovery');
const schemasFile = join(dir, 'acme-schemas.response.scim.json');

describe('discovery documents', () => {
  test('are found in a ListResponse, an array or a single document, and nowhere else', () => {
    const schema = { schemas: [URN.schema], id: 'urn:x', attributes: [] };
    const rt = { schemas: [URN.resourceType], id: 'User', endpoint: '/Users', schema: URN.user };
    assert.deepEqual(discoveryDocumentsOf({ schemas: [URN.listResponse], Resources: [schema, rt] }), { schemas: [schema], resourceTypes: [rt] });
    assert.deepEqual(discoveryDocumentsOf([schema]), { schemas: [schema] });
    assert.deepEqual(discoveryDocumentsOf(rt), { resourceTypes: [rt] });
    assert.equal(discoveryDocumentsOf({ schemas: [URN.user], userName: 'x' }), undefined);
    assert.equal(discoveryDocumentsOf('text'), undefined);
    assert.equal(mayHoldDiscoveryDocuments('{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}'), false);
    assert.equal(discoveryDocumentsInText(`{"schemas": ["${URN.schema}"], "id": "urn:x",`), undefined, 'broken JSON holds nothing');
    assert.ok(discoveryDocumentsInText(readFileSync(schemasFile, 'utf8'))?.schemas?.length === 1);
  });
});

describe('scim-workbench lint with a server\'s schemas', () => {
  test('without them, only the unknown extension URN is reported', async () => {
    const io = captureIO(dir);
    assert.equal(await main(['lint', 'acme-user.request.scim.json'], io), 0);
    assert.match(io.out, /SCHEMAS_UNKNOWN_URN/);
    assert.doesNotMatch(io.out, /costCentre/);
  });

  test('--schemas makes the extension known: its attribute typo and wrong type are found', async () => {
    const io = captureIO(dir);
    assert.equal(await main(['lint', 'acme-user.request.scim.json', '--schemas', 'acme-schemas.response.scim.json'], io), 1);
    assert.doesNotMatch(io.out, /SCHEMAS_UNKNOWN_URN/);
    assert.match(io.out, /acme-user\.request\.scim\.json:4:\d+ error ATTRIBUTE_TYPE "seatLicensed" must be a boolean/);
    assert.match(io.out, /warning UNKNOWN_ATTRIBUTE Unknown attribute "costCentre" .*Did you mean "costCenter"\?/);
  });

  test('a /Schemas response among the linted files is used the same way', async () => {
    const io = captureIO(dir);
    assert.equal(await main(['lint', '.'], io), 1);
    assert.match(io.out, /UNKNOWN_ATTRIBUTE Unknown attribute "costCentre"/);
  });

  test('a --schemas file without discovery documents is a usage error', async () => {
    const io = captureIO(dir);
    assert.equal(await main(['lint', 'acme-user.request.scim.json', '--schemas', 'acme-user.request.scim.json'], io), 2);
    assert.match(io.err, /holds no Schema or ResourceType documents/);
  });
});

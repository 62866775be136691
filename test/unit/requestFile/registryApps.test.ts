// The applications request files can name, as the editor and `scim-workbench lint` both gather them from
// registries: the first application of an id wins, ids compare case-insensitively, entries without an id are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegistry } from '../../../src/core/registry';
import { registryApplications } from '../../../src/core/requestFile';

test('registryApplications: first of an id wins across registries, case-insensitively; name and baseUrl when strings', () => {
  const first = { name: 'team.scim-registry.jsonc', parsed: parseRegistry('{"applications": [{"id": "acme", "name": "Acme", "baseUrl": "https://acme.example.com/scim/v2"}, {"name": "no id"}, {"id": ""}, {"id": "ACME", "baseUrl": "https://other.example.com"}]}') };
  const second = { name: 'scim-registry.jsonc', parsed: parseRegistry('{"applications": [{"id": "Acme", "baseUrl": "https://third.example.com"}, {"id": "beta", "name": 7}]}') };
  const apps = registryApplications([first, second], (r) => r.name);
  assert.deepEqual(apps.map((a) => a.info), [
    { id: 'acme', name: 'Acme', baseUrl: 'https://acme.example.com/scim/v2', source: 'team.scim-registry.jsonc' },
    { id: 'beta', source: 'scim-registry.jsonc' },
  ]);
  assert.equal(apps[0]?.registry, first);
  assert.equal(apps[1]?.app.index, 1);
});

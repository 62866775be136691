import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRegistryFileName, parseRegistry } from '../../../src/core/registry/index';
import { rangeOf } from './helpers';

const text = `// registry
{
  "applications": [
    { "id": "a", "baseUrl": "https://a.example.com/scim/v2", "deactivation": { "contract": "immediate" } }, // first
    "not an app",
    {
      "id": "b",
      "baseUrl": "https://b.example.com/scim/v2",
    },
  ],
}
`;

test('parseRegistry: applications with ranges for the object, id and fields; non-objects skipped', () => {
  const parsed = parseRegistry(text, 'x.scim-registry.jsonc');
  assert.equal(parsed.fileName, 'x.scim-registry.jsonc');
  assert.deepEqual(parsed.findings, []);
  assert.equal(parsed.registry?.applications.length, 3);
  assert.deepEqual(parsed.applications.map((a) => [a.app.id, a.index]), [['a', 0], ['b', 2]]);
  const [a, b] = parsed.applications;
  assert.equal(text.slice(a!.range.start, a!.range.end).startsWith('{ "id": "a"'), true);
  assert.equal(text.slice(a!.range.start, a!.range.end).endsWith('} }'), true);
  assert.deepEqual(a!.idRange, rangeOf(text, '"a"'));
  assert.deepEqual(b!.idRange, rangeOf(text, '"b"'));
  assert.equal(text.slice(b!.fieldRanges.baseUrl!.start, b!.fieldRanges.baseUrl!.end), '"baseUrl": "https://b.example.com/scim/v2"');
  assert.deepEqual(parsed.rangeOf(['applications', 0, 'deactivation', 'contract']), rangeOf(text, '"immediate"'));
  assert.deepEqual(parsed.rangeOf(['applications', 0, 'deactivation', 'contract'], 'key'), rangeOf(text, '"contract"'));
  assert.equal(parsed.rangeOf(['applications', 9]), undefined);
});

test('parseRegistry never throws and reports syntax errors', () => {
  for (const bad of ['', '{', '{"applications": [ { "id": ', '{"applications": {}}', '[]', '{"a": 1} {"b": 2}', '/* unclosed']) {
    const parsed = parseRegistry(bad);
    assert.ok(Array.isArray(parsed.applications));
  }
  const broken = parseRegistry('{"applications": [ { "id": "x" } ');
  assert.equal(broken.findings[0]?.code, 'REGISTRY_JSON_SYNTAX');
  assert.deepEqual(broken.applications.map((a) => a.app.id), ['x'], 'recovers what it can');
  assert.equal(parseRegistry('{"applications": {}}').registry, undefined);
});

test('isRegistryFileName', () => {
  for (const n of ['scim-registry.jsonc', 'scim-registry.json', '/w/prod.scim-registry.jsonc', 'C:\\w\\a.b.scim-registry.json']) assert.ok(isRegistryFileName(n), n);
  for (const n of ['registry.jsonc', 'scim-registry.yaml', 'myscim-registry.jsonc']) assert.ok(!isRegistryFileName(n), n);
});

test('observedSummary: worst verdict, latest run, junk ignored', async () => {
  const { observedSummary } = await import('../../../src/core/registry/index');
  const summary = observedSummary({
    id: 'a',
    baseUrl: 'x',
    observed: {
      pagination: { lastRun: '2026-01-02T00:00:00Z', verdict: 'warn' },
      filters: { lastRun: '2026-01-03T00:00:00Z', verdict: 'pass' },
      broken: { lastRun: '2026-01-04T00:00:00Z', verdict: 'meh' } as never,
    },
  });
  assert.equal(summary.verdict, 'warn');
  assert.equal(summary.lastRun, '2026-01-03T00:00:00Z');
  assert.deepEqual(summary.probes.map((p) => p.probe), ['filters', 'pagination']);
  assert.deepEqual(observedSummary({ id: 'b', baseUrl: 'x' }), { probes: [] });
});

test('values are plain objects, and a "__proto__" key stays data', () => {
  const parsed = parseRegistry('{ "applications": [ { "id": "a", "baseUrl": "x", "x-meta": { "__proto__": { "polluted": true } } } ] }');
  const app = parsed.applications[0]!.app as unknown as Record<string, Record<string, unknown>>;
  assert.equal(Object.getPrototypeOf(app), Object.prototype);
  assert.deepEqual(Object.keys(app['x-meta']!), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

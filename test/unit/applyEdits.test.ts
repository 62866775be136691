// applyEdits keeps the order of insertions at one offset: the registry write-back inserts a comma and then the new
// property at the same place when the last property ends its line without a comma or a comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../src/core/findings';
import { updateObserved } from '../../src/core/registry';

test('insertions at the same offset land in the order given', () => {
  const at = { start: 3, end: 3 };
  assert.equal(applyEdits('abcdef', [{ range: at, newText: '1' }, { range: at, newText: '2' }, { range: { start: 1, end: 2 }, newText: 'B' }]), 'aBc12def');
});

test('write-back adds observed after a last property that ends its line without a comma or a comment', () => {
  const text = JSON.stringify({ applications: [{ id: 'a', pagination: { maxPageSize: 100 } }] }, null, 2);
  const r = updateObserved(text, 'a', 'pagination', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.deepEqual(JSON.parse(r.text), { applications: [{ id: 'a', pagination: { maxPageSize: 100 }, observed: { pagination: { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' } } }] });
});

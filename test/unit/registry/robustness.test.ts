// Write-back on damaged registries must either succeed with the value in place or leave the text untouched. That no
// entry point throws or hangs on damaged input is fuzzed in test/unit/fuzz/registryProperties.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseRegistry, updateObserved } from '../../../src/core/registry/index';

const example = readFileSync(new URL('../../../examples/workspace/scim-registry.jsonc', import.meta.url), 'utf8');

const damaged = fc
  .tuple(fc.nat(example.length), fc.nat(40), fc.string({ maxLength: 6 }))
  .map(([at, cut, insert]) => example.slice(0, at) + insert + example.slice(Math.min(example.length, at + cut)));

/** Where a damaged text departs from the example, for failure messages. */
function diff(text: string): { at: number; removed: string; inserted: string } {
  let at = 0;
  while (at < text.length && text[at] === example[at]) at++;
  let tail = 0;
  while (tail < text.length - at && text[text.length - 1 - tail] === example[example.length - 1 - tail]) tail++;
  return { at, removed: example.slice(at, example.length - tail), inserted: text.slice(at, text.length - tail) };
}

test('write-back on damaged registries: either the value lands or nothing changes', () => {
  const observation = { lastRun: '2026-03-01T00:00:00Z', verdict: 'pass' as const, figures: { n: 1 } };
  fc.assert(
    fc.property(damaged, (text) => {
      const result = updateObserved(text, 'slack-like', 'rateLimit', observation);
      if (!result.ok) {
        assert.equal(result.text, text);
        assert.deepEqual(result.edits, []);
        return;
      }
      const apps = parseRegistry(result.text).applications.filter((a) => a.app.id === 'slack-like');
      assert.deepEqual(apps.map((a) => a.app.observed?.rateLimit), [observation], JSON.stringify(diff(text)));
    }),
    { numRuns: 300 },
  );
});

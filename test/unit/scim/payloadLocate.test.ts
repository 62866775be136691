import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { locatePaths, pathKey, type JsonPath } from '../../../src/core/scim/payloadLocate';
import { rawOffsetInString } from '../../../src/core/scim/jsonString';

function allPaths(v: unknown, prefix: (string | number)[] = [], out: JsonPath[] = []): JsonPath[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}

describe('locatePaths', () => {
  test('agrees with jsonc-parser on every node of random documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 0, max: 3 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const paths = allPaths(JSON.parse(text));
        const located = locatePaths(text, paths);
        const tree = parseTree(text);
        assert.ok(tree);
        for (const p of paths) {
          const node = findNodeAtLocation(tree, [...p]);
          const loc = located.get(pathKey(p));
          assert.ok(node && loc, JSON.stringify(p));
          assert.deepEqual(loc.value, { start: node.offset, end: node.offset + node.length }, JSON.stringify(p));
          const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
          if (keyNode) assert.deepEqual(loc.key, { start: keyNode.offset, end: keyNode.offset + keyNode.length });
        }
      }),
      { numRuns: 200 },
    );
  });

  test('tolerates comments, trailing commas and a BOM, and records neighbours', () => {
    const text = '\uFEFF{ // c\n "a": 1, /* x */ "b": [true, ], "c": {"d": "}"},\n}';
    const m = locatePaths(text, [['a'], ['b', 0], ['c', 'd'], ['c']]);
    assert.equal(text.slice(m.get(pathKey(['a']))!.value.start, m.get(pathKey(['a']))!.value.end), '1');
    assert.equal(m.get(pathKey(['a']))!.nextStart, text.indexOf('"b"'));
    assert.equal(text.slice(m.get(pathKey(['b', 0]))!.value.start, m.get(pathKey(['b', 0]))!.value.end), 'true');
    assert.equal(text.slice(m.get(pathKey(['c', 'd']))!.value.start, m.get(pathKey(['c', 'd']))!.value.end), '"}"');
    assert.equal(m.get(pathKey(['c']))!.container?.count, 1);
  });

  test('never throws or hangs on malformed text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        locatePaths(text, [['a'], [0], ['a', 'b', 1]]);
      }),
    );
  });
});

describe('rawOffsetInString', () => {
  test('maps decoded offsets through escapes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.nat(), (s, n) => {
        const raw = JSON.stringify(s);
        const d = n % (s.length + 1);
        const r = rawOffsetInString(raw, d);
        assert.equal(JSON.parse(raw.slice(0, r) + '"'), s.slice(0, d));
      }),
    );
  });
});

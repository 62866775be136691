import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  checkFilter,
  matchesFilter,
  parseFilter,
  parsePatchPath,
  printFilter,
  printPatchPath,
  type AttrPath,
  type CompareOp,
  type FilterNode,
  type Literal,
  type PatchPath,
} from '../../../src/core/filter';
import { lookup } from './fixtures';

const R = { start: 0, end: 0 };
const OPS: CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

const name = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,8}$/),
  fc.constantFrom('and', 'or', 'not', 'pr', 'eq', 'true', 'null', '$ref', 'userName'),
);
const uri = fc.constantFrom(undefined, 'urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');

const attrPath: fc.Arbitrary<AttrPath> = fc.record({ uri, name, subAttr: fc.option(name, { nil: undefined }) }).map((p) => {
  const path: AttrPath = { kind: 'attrPath', name: p.name, range: R };
  if (p.uri !== undefined) path.uri = p.uri;
  if (p.subAttr !== undefined) path.subAttr = p.subAttr;
  return path;
});

const literal: fc.Arbitrary<Literal> = fc
  .oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  )
  .map((value) => ({ kind: 'literal', value, raw: typeof value === 'string' ? JSON.stringify(value) : String(value), range: R }));

function filterArb(inBrackets: boolean): fc.Arbitrary<FilterNode> {
  const { node } = fc.letrec<{ node: FilterNode; term: FilterNode }>((tie) => ({
    term: fc.oneof(
      { weight: 3, arbitrary: fc.record({ path: attrPath, op: fc.constantFrom(...OPS), value: literal }).map(({ path, op, value }): FilterNode => ({ kind: 'compare', path, op, opRange: R, value, range: R })) },
      { weight: 2, arbitrary: attrPath.map((path): FilterNode => ({ kind: 'present', path, opRange: R, range: R })) },
      ...(inBrackets
        ? []
        : [{ weight: 1, arbitrary: fc.record({ path: attrPath, filter: filterArb(true) }).map(({ path, filter }): FilterNode => ({ kind: 'valuePath', path, filter, range: R })) }]),
    ),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('term'),
      fc.record({ op: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }).map(({ op, left, right }): FilterNode => ({ kind: 'logical', op, left, right, opRange: R, range: R })),
      tie('node').map((operand): FilterNode => ({ kind: 'not', operand, range: R })),
      tie('node').map((inner): FilterNode => ({ kind: 'group', inner, range: R })),
    ),
  }));
  return node;
}

const filterAst = filterArb(false);

/** The tree without ranges, raw spellings and group nodes: what print(parse(...)) must preserve. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (typeof node !== 'object' || node === null) return node;
  const n = node as Record<string, unknown>;
  if (n.kind === 'group') return normalize(n.inner);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'range' || k === 'opRange' || k === 'subAttrRange' || k === 'raw' || v === undefined) continue;
    out[k] = normalize(v);
  }
  return out;
}

// That the parsers never throw or hang, on any input, is fuzzed in test/unit/fuzz/filterProperties.ts.
describe('property: parsers', () => {
  test('every node range lies within the input and inside its parent', () => {
    fc.assert(
      fc.property(filterAst.map(printFilter), (text) => {
        const r = parseFilter(text);
        assert.deepEqual(r.errors, []);
        const visit = (n: unknown, outer: { start: number; end: number }): void => {
          if (typeof n !== 'object' || n === null) return;
          for (const [k, v] of Object.entries(n)) {
            if ((k === 'range' || k === 'opRange') && typeof v === 'object' && v !== null) {
              const range = v as { start: number; end: number };
              assert.ok(range.start >= outer.start && range.end <= outer.end && range.start <= range.end, `${k} ${JSON.stringify(range)} outside ${JSON.stringify(outer)}`);
            } else visit(v, (n as { range?: { start: number; end: number } }).range ?? outer);
          }
        };
        visit(r.ast, { start: 0, end: text.length });
      }),
      { numRuns: 500 },
    );
  });

  test('parse(print(ast)) gives back the same tree (modulo ranges and groups), and printing is idempotent', () => {
    fc.assert(
      fc.property(filterAst, (node) => {
        const text = printFilter(node);
        const r = parseFilter(text);
        assert.deepEqual(r.errors, [], text);
        assert.ok(r.ast);
        assert.deepEqual(normalize(r.ast), normalize(node));
        assert.equal(printFilter(r.ast), text);
      }),
      { numRuns: 1000 },
    );
  });

  test('PATCH paths round-trip', () => {
    const patchPath: fc.Arbitrary<PatchPath> = fc
      .record({ attr: attrPath, filter: fc.option(filterArb(true), { nil: undefined }), subAttr: fc.option(name, { nil: undefined }) })
      .map(({ attr, filter, subAttr }) => {
        const p: PatchPath = { kind: 'patchPath', attr, range: R };
        if (filter) {
          p.filter = filter;
          if (subAttr !== undefined) p.subAttr = subAttr;
        }
        return p;
      });
    fc.assert(
      fc.property(patchPath, (p) => {
        const text = printPatchPath(p);
        const r = parsePatchPath(text);
        assert.deepEqual(r.errors, [], text);
        assert.ok(r.ast);
        assert.deepEqual(normalize(r.ast), normalize(p));
      }),
      { numRuns: 500 },
    );
  });
});

describe('property: evaluator and checks', () => {
  test('never throw on any tree and any resource', () => {
    fc.assert(
      fc.property(filterAst, fc.dictionary(fc.constantFrom('userName', 'emails', 'name', 'active', 'meta', 'a', 'x'), fc.jsonValue()), (node, resource) => {
        const a = matchesFilter(resource, node);
        const b = matchesFilter(resource, node, lookup);
        assert.equal(typeof a, 'boolean');
        assert.equal(typeof b, 'boolean');
        assert.ok(Array.isArray(checkFilter(node, lookup, { supportedOperators: ['eq'] })));
      }),
      { numRuns: 1000 },
    );
  });

  test('not (f) is the negation of f', () => {
    fc.assert(
      fc.property(filterAst, fc.dictionary(fc.constantFrom('userName', 'emails', 'a', 'x'), fc.jsonValue()), (node, resource) => {
        const not: FilterNode = { kind: 'not', operand: node, range: R };
        assert.equal(matchesFilter(resource, not), !matchesFilter(resource, node));
      }),
      { numRuns: 300 },
    );
  });
});

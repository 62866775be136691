// Fuzz properties of the filter and PATCH-path parsers (RFC 7644 §3.4.2.2, §3.5.2): on noise, on text made of
// the grammar's own pieces, and on damaged RFC examples, parsing never throws or hangs, an AST comes exactly when
// there are no errors, every error has a message and a range inside the input, and every node (of the AST and
// of the partial tree recovered for editors) lies inside the input too.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseFilter, parsePatchPath, tokenizeFilter, type ParseError } from '../../../src/core/filter';
import { RFC_FILTERS, RFC_PATCH_PATHS } from '../filter/rfcExamples';
import { assertInside, fuzzProperty, type FuzzProperties } from './harness';
import { mutated, nested, noise, pieced } from './mutations';

const PIECES = [
  'userName', 'emails', 'name.familyName', 'meta.lastModified', 'urn:ietf:params:scim:schemas:core:2.0:User:', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
  '$ref', '.value', '.', ':', ' eq ', ' EQ ', ' ne ', ' co ', ' sw ', ' ew ', ' gt ', ' ge ', ' lt ', ' le ', ' pr', ' and ', ' or ', 'not ', 'not(', ' ',
  '(', ')', '[', ']', '"x"', '"', '"\\u12', '"\\"', '"\\u00e9"', "'", '1', '-1.5e3', '1e', 'true', 'false', 'null', '"2011-05-13T04:42:34Z"', '😀', '\ud800',
];

const bases = [...RFC_FILTERS, ...RFC_PATCH_PATHS].map((e) => e.text);

export const anyFilterText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: noise },
  { weight: 2, arbitrary: pieced(PIECES, 40) },
  { weight: 4, arbitrary: mutated(bases, PIECES) },
  { weight: 1, arbitrary: nested(bases, [['(', ')'], ['not (', ')'], ['emails[', ']'], ['[', ']']], 3000) },
);

function checkErrors(text: string, errors: readonly ParseError[]): void {
  for (const e of errors) {
    assert.ok(typeof e.message === 'string' && e.message.length > 0, `an error without a message: ${JSON.stringify(e)}`);
    assertInside(text.length, e.range, `error "${e.message}"`);
  }
}

/** Every `range`, `opRange` and `subAttrRange` of a tree lies inside the input. */
function checkNodes(text: string, node: unknown, what: string): void {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (typeof n !== 'object' || n === null) continue;
    for (const [k, v] of Object.entries(n)) {
      if (k === 'range' || k === 'opRange' || k === 'subAttrRange') assertInside(text.length, v as never, `${what} ${k}`);
      else if (typeof v === 'object') stack.push(v);
    }
  }
}

/** The contract both parsers keep: an AST exactly when there are no errors; errors and nodes inside the input. */
function checkResult(text: string, r: { ast?: unknown; errors: readonly ParseError[] }, what: string): void {
  assert.equal(r.ast === undefined, r.errors.length > 0, 'an AST exactly when there are no errors');
  checkErrors(text, r.errors);
  checkNodes(text, r.ast, what);
}

export const properties: FuzzProperties = {
  'parseFilter never throws; errors and nodes lie inside the input': fuzzProperty({
    arbitrary: anyFilterText,
    short: 3000,
    check(text: string) {
      const r = parseFilter(text);
      checkResult(text, r, 'filter node');
      checkNodes(text, r.partial, 'partial filter node');
      for (const t of tokenizeFilter(text)) assertInside(text.length, t.range, `token ${t.kind}`);
    },
  }),
  'parsePatchPath never throws; errors and nodes lie inside the input': fuzzProperty({
    arbitrary: anyFilterText,
    short: 3000,
    check: (text: string) => checkResult(text, parsePatchPath(text), 'PATCH path node'),
  }),
};

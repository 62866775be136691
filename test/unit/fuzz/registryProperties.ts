// Fuzz properties of the registry (`scim-registry.jsonc`): parseRegistry and lintRegistry, and the services on top
// (completion, hover, write-back), never throw or hang on damaged registries (mutations of the example registry and of
// the one with deliberate mistakes), on text made of registry pieces, and on nesting far deeper than any registry;
// every finding, fix edit, parsed range and write-back edit lies inside the input.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { completionsAt, hoverAt, lintRegistry, parseRegistry, promoteObservation, updateObserved } from '../../../src/core/registry';
import type { Finding } from '../../../src/core/findings';
import { assertInside, fuzzProperty, type FuzzProperties } from './harness';
import { mutated, noise, pieced } from './mutations';

const examples = ['workspace/scim-registry.jsonc', 'registry-mistakes/scim-registry.jsonc']
  .map((f) => readFileSync(join(import.meta.dirname, '../../../examples', f), 'utf8'));

const PIECES = [
  '{', '}', '[', ']', ',', ':', '"applications"', '"id"', '"acme"', '"baseUrl"', '"https://acme.example.com/scim/v2"', '"http://127.0.0.1:4780/apps/strict/scim/v2"',
  '"auth"', '{ "type": "bearer", "secret": "acme-token" }', '"secret"', '"Bearer eyJhbGciOi.eyJzdWIiOi.sig"', '"environment"', '"production"', '"filters"',
  '{ "expression": "userName eq \\"x\\"", "status": "works" }', '"expression"', '"userName eq"', '"knownIssues"', '"codes"', '"PAGE_SIZE_CAPED"',
  '"deactivation"', '{ "contract": "Immediate" }', '"probe"', '{ "allowWrites": true }', '"observed"', '"x-custom"', 'true', 'false', 'null', '1', '-0.5e9', '""',
  '// comment\n', '/* block */', '/*', '\n', ' ',
];

/** The example registry with one application holding a value nested `depth` levels deep. */
const deep = fc.tuple(fc.constantFrom(...examples), fc.integer({ min: 1, max: 20_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"x-a":[', ']}']), fc.boolean())
  .map(([base, depth, [open, close], closed]) => {
    const at = base.indexOf('"id"');
    return `${base.slice(0, at)}"x-deep": ${open.repeat(depth)}1${closed ? close.repeat(depth) : ''}, ${base.slice(at)}`;
  });

const anyText = fc.oneof(
  { weight: 1, arbitrary: noise },
  { weight: 2, arbitrary: pieced(PIECES) },
  { weight: 6, arbitrary: mutated(examples, PIECES) },
  { weight: 1, arbitrary: deep },
);

function checkFindings(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    assert.ok(f.message.length > 0, `${f.code} without a message`);
    assertInside(text.length, f.range, f.code);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assertInside(text.length, e.range, `fix "${fix.title}" of ${f.code}`);
  }
}

export const properties: FuzzProperties = {
  'parseRegistry never throws; findings and application ranges lie inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 2000,
    check(text: string) {
      const parsed = parseRegistry(text);
      checkFindings(text, parsed.findings);
      for (const app of parsed.applications) {
        assertInside(text.length, app.range, `application ${app.index}`);
        if (app.idRange) assertInside(text.length, app.idRange, `id of application ${app.index}`);
        for (const [field, r] of Object.entries(app.fieldRanges)) assertInside(text.length, r, `${field} of application ${app.index}`);
      }
    },
  }),
  'lintRegistry never throws; findings and fix edits lie inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 2000,
    // An unterminated block comment at the end made jsonc-parser's nodes end past the text.
    regressions: ['[/*'],
    check: (text: string) => checkFindings(text, lintRegistry(text)),
  }),
  'completion and hover never throw, at any offset': fuzzProperty({
    arbitrary: fc.tuple(anyText, fc.nat()),
    short: 500,
    check([text, n]: [string, number]) {
      const offset = n % (text.length + 1);
      completionsAt(text, offset);
      const h = hoverAt(text, offset);
      if (h) assertInside(text.length, h.range, 'hover');
    },
  }),
  'write-back never throws; its edits lie inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 500,
    check(text: string) {
      const results = [
        updateObserved(text, 'slack-like', 'rateLimit', { lastRun: '2026-03-01T00:00:00Z', verdict: 'pass' }),
        promoteObservation(text, 'aws-like', ['pagination', 'maxPageSize'], 50),
      ];
      for (const r of results) {
        if (!r.ok) assert.ok(r.error && r.error.length > 0, 'a refusal says why');
        for (const e of r.edits) assertInside(text.length, e.range, 'write-back edit');
      }
    },
  }),
};

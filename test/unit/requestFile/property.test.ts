// Fuzzing (issue 15): the request-file parser and every service built on it never throw, and every range they
// return (errors, findings, fixes, completion, hover) lies inside the input, on random text made of the format's
// own pieces and on mutations of the example files. Short by default; SCIMWB_FUZZ_RUNS=100000 runs the long mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeRequestFile, fixAllBodyQuirks, parseRequestFile, requestFileCompletions, requestFileHover, resolveRequest, type RequestFile } from '../../../src/core/requestFile';
import type { OffsetRange } from '../../../src/core/text';

const LONG = Number(process.env.SCIMWB_FUZZ_RUNS ?? 0);
const runs = (short: number): number => (LONG > 0 ? LONG : short);

const dir = join(import.meta.dirname, '../../../examples/workspace/requests');
const examples = readdirSync(dir).filter((f) => f.endsWith('.scim')).map((f) => readFileSync(join(dir, f), 'utf8'));

const PIECES = [
  '###', '### name', '# @app strict', '// @app x', '@user = ', '@', '=', 'GET ', 'POST ', 'PATCH', 'get', ' /Users', '/Groups/', 'https://h/scim/v2',
  ' HTTP/1.1', 'HTTP/', '?', '&', 'filter=', 'count=10', 'userName eq "x"', 'emails[type eq "work"]', '%20', '%C3%BC', '%E2', '%', '+',
  '{{', '}}', '{{user}}', '{{$uuid}}', '{{$randomInt 1 5}}', '{{$prompt name}}', '{{app.baseUrl}}', '{{lastResponse.id}}', '{{lastResponse.headers.Location}}',
  'Content-Type: application/scim+json', 'Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.sig', ':', '{', '}', '[', ']', '"', '\\', ',', 'null', 'true',
  '"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]', '"op": "Replace"', '"userName":', '\n', '\n', '\n', '\r\n', '\r', ' ', '  ', '\t', 'é', '\u{1F600}', '\uD800',
];

const pieced = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }), { maxLength: 60 }).map((a) => a.join(''));

const mutated = fc
  .tuple(fc.constantFrom(...examples), fc.nat(), fc.nat(60), fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8, unit: 'binary' })))
  .map(([base, at, cut, insert]) => {
    const i = at % (base.length + 1);
    return base.slice(0, i) + insert + base.slice(Math.min(base.length, i + cut));
  });

const anyText = fc.oneof(pieced, mutated);

function inside(text: string, r: OffsetRange, what: string): void {
  assert.ok(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= text.length, `${what} ${JSON.stringify(r)} lies inside a text of ${text.length}`);
}

function structureInside(f: RequestFile): void {
  const t = f.text;
  for (const e of f.errors) inside(t, e.range, `error ${e.code}`);
  for (const v of f.variables) inside(t, v.range, 'reference');
  for (const d of f.definitions) inside(t, d.valueRange, 'definition');
  for (const a of f.apps) inside(t, a.idRange, '@app');
  for (const r of f.requests) {
    inside(t, r.range, 'request');
    inside(t, r.requestLine.range, 'request line');
    for (const q of r.requestLine.query) inside(t, q.valueRange, 'query value');
    for (const h of r.headers) inside(t, h.range, 'header');
    if (r.body) inside(t, r.body.range, 'body');
  }
}

test('the parser never throws and every range lies inside the input', () => {
  fc.assert(fc.property(anyText, (text) => structureInside(parseRequestFile(text))), { numRuns: runs(3000) });
});

test('analysis never throws; findings and fix edits lie inside the input', () => {
  fc.assert(fc.property(anyText, (text) => {
    const file = parseRequestFile(text);
    const findings = analyzeRequestFile(file, { apps: [{ id: 'strict' }] });
    for (const f of findings) {
      assert.notEqual(f.code, 'INTERNAL_ERROR', f.message);
      inside(text, f.range, f.code);
      for (const fix of f.fixes ?? []) for (const e of fix.edits) inside(text, e.range, `fix of ${f.code}`);
    }
    for (const e of fixAllBodyQuirks(file)) inside(text, e.range, 'fix-all edit');
  }), { numRuns: runs(1000) });
});

test('completion and hover never throw, at any offset', () => {
  fc.assert(fc.property(anyText, fc.nat(), (text, n) => {
    const file = parseRequestFile(text);
    const offset = n % (text.length + 1);
    for (const item of requestFileCompletions(file, offset, { apps: [{ id: 'strict', baseUrl: 'http://h' }] })) inside(text, item.range, `completion ${item.label}`);
    const h = requestFileHover(file, offset, { lastResponse: { status: 200, headers: {}, body: { id: 'x' } } });
    if (h) inside(text, h.range, 'hover');
  }), { numRuns: runs(1000) });
});

test('resolving never throws or rejects; errors lie inside the input', async () => {
  await fc.assert(fc.asyncProperty(anyText, async (text) => {
    const file = parseRequestFile(text);
    for (const request of file.requests) {
      const r = await resolveRequest(file, request, {
        app: { id: 'strict', baseUrl: 'http://127.0.0.1:4780/apps/strict/scim/v2' },
        lastResponse: { status: 201, headers: { Location: '/Users/1' }, body: { id: '1', meta: { version: 'W/"1"' } } },
        prompt: async (label) => (label.length % 2 === 0 ? label : undefined),
      });
      if (r.ok) assert.doesNotThrow(() => new URL(r.request.url));
      else for (const e of r.errors) inside(text, e.range, e.code);
    }
  }), { numRuns: runs(500) });
});

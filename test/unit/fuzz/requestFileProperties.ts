// Fuzz properties of request files (`*.scim`): the parser and every service built on it never throw or hang, and
// every range they return (errors, findings, fixes, completion, hover, resolve errors) lies inside the input, on
// text made of the format's own pieces and on mutations of every example request file.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeRequestFile, fixAllBodyQuirks, parseRequestFile, requestFileCompletions, requestFileHover, resolveRequest, type RequestFile } from '../../../src/core/requestFile';
import { assertInside, fuzzProperty, type FuzzProperties } from './harness';
import { mutated, noise, pieced } from './mutations';

const dir = join(import.meta.dirname, '../../../examples/workspace/requests');
const examples = readdirSync(dir).filter((f) => f.endsWith('.scim')).map((f) => readFileSync(join(dir, f), 'utf8'));

const PIECES = [
  '###', '### name', '# @app strict', '// @app x', '@user = ', '@', '=', 'GET ', 'POST ', 'PATCH', 'get', ' /Users', '/Groups/', 'https://h/scim/v2',
  ' HTTP/1.1', 'HTTP/', '?', '&', 'filter=', 'count=10', 'userName eq "x"', 'emails[type eq "work"]', '%20', '%C3%BC', '%E2', '%', '+',
  '{{', '}}', '{{user}}', '{{$uuid}}', '{{$randomInt 1 5}}', '{{$prompt name}}', '{{app.baseUrl}}', '{{lastResponse.id}}', '{{lastResponse.headers.Location}}',
  'Content-Type: application/scim+json', 'Authorization: Bearer eyJhbGciOi.eyJzdWIiOi.sig', ':', '{', '}', '[', ']', '"', '\\', ',', 'null', 'true',
  '"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]', '"op": "Replace"', '"userName":', '\n', '\n', '\n', '\r\n', '\r', ' ', '  ', '\t', 'é', '\u{1F600}', '\uD800',
];

const anyText = fc.oneof(
  { weight: 1, arbitrary: noise },
  { weight: 3, arbitrary: pieced(PIECES) },
  { weight: 4, arbitrary: mutated(examples, PIECES) },
);

function structureInside(f: RequestFile): void {
  const n = f.text.length;
  for (const e of f.errors) assertInside(n, e.range, `error ${e.code}`);
  for (const v of f.variables) assertInside(n, v.range, 'reference');
  for (const d of f.definitions) assertInside(n, d.valueRange, 'definition');
  for (const a of f.apps) assertInside(n, a.idRange, '@app');
  for (const r of f.requests) {
    assertInside(n, r.range, 'request');
    assertInside(n, r.requestLine.range, 'request line');
    for (const q of r.requestLine.query) assertInside(n, q.valueRange, 'query value');
    for (const h of r.headers) assertInside(n, h.range, 'header');
    if (r.body) assertInside(n, r.body.range, 'body');
  }
}

export const properties: FuzzProperties = {
  'parseRequestFile never throws; every range lies inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 3000,
    check: (text: string) => structureInside(parseRequestFile(text)),
  }),
  'analysis never throws; findings and fix edits lie inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 1000,
    check(text: string) {
      const file = parseRequestFile(text);
      for (const f of analyzeRequestFile(file, { apps: [{ id: 'strict' }] })) {
        assert.notEqual(f.code, 'INTERNAL_ERROR', f.message);
        assertInside(text.length, f.range, f.code);
        for (const fix of f.fixes ?? []) for (const e of fix.edits) assertInside(text.length, e.range, `fix of ${f.code}`);
      }
      for (const e of fixAllBodyQuirks(file)) assertInside(text.length, e.range, 'fix-all edit');
    },
  }),
  'completion and hover never throw, at any offset': fuzzProperty({
    arbitrary: fc.tuple(anyText, fc.nat()),
    short: 1000,
    check([text, n]: [string, number]) {
      const file = parseRequestFile(text);
      const offset = n % (text.length + 1);
      for (const item of requestFileCompletions(file, offset, { apps: [{ id: 'strict', baseUrl: 'http://h' }] })) assertInside(text.length, item.range, `completion ${item.label}`);
      const h = requestFileHover(file, offset, { lastResponse: { status: 200, headers: {}, body: { id: 'x' } } });
      if (h) assertInside(text.length, h.range, 'hover');
    },
  }),
  'resolving never throws or rejects; errors lie inside the input': fuzzProperty({
    arbitrary: anyText,
    short: 500,
    async check(text: string) {
      const file = parseRequestFile(text);
      for (const request of file.requests) {
        const r = await resolveRequest(file, request, {
          app: { id: 'strict', baseUrl: 'http://127.0.0.1:4780/apps/strict/scim/v2' },
          lastResponse: { status: 201, headers: { Location: '/Users/1' }, body: { id: '1', meta: { version: 'W/"1"' } } },
          prompt: async (label) => (label.length % 2 === 0 ? label : undefined),
        });
        if (r.ok) assert.doesNotThrow(() => new URL(r.request.url));
        else for (const e of r.errors) assertInside(text.length, e.range, e.code);
      }
    },
  }),
};

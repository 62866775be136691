// The request-file parser: structure, exact ranges for every part, and located errors with fixes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appDirectiveFor, parseRequestFile, requestAt } from '../../../src/core/requestFile';
import { applyEdits } from '../../../src/core/findings';
import { cover, described } from './helpers';

const FILE = [
  '# @app strict',
  '@user = scimwb-{{$uuid}}',
  '',
  '### create a user',
  'POST /Users HTTP/1.1',
  'Content-Type: application/scim+json',
  '',
  '{',
  '  "userName": "{{user}}"',
  '}',
  '',
  '# a comment between requests',
  '### patch it',
  '# @app aws-like',
  'PATCH /Users/{{lastResponse.id}}',
  '  ?attributes=userName',
  '  &filter=userName eq "x"',
  'If-Match: {{lastResponse.meta.version}}',
  '',
  '{ "a": 1 }',
  '',
].join('\n');

describe('request-file parser', () => {
  const f = parseRequestFile(FILE);

  test('splits requests at ### and names them by the separator text', () => {
    assert.equal(f.requests.length, 2);
    assert.deepEqual(f.requests.map((r) => r.name), ['create a user', 'patch it']);
    assert.equal(cover(FILE, f.requests[0]?.nameRange ?? { start: 0, end: 0 }), 'create a user');
    assert.equal(cover(FILE, f.requests[1]?.separatorRange ?? { start: 0, end: 0 }), '### patch it');
    assert.deepEqual(f.errors, []);
  });

  test('keeps exact ranges of the request line, its query and its continuation lines', () => {
    const [create, patch] = f.requests;
    assert.ok(create && patch);
    const rl = create.requestLine;
    assert.deepEqual([rl.method, cover(FILE, rl.methodRange), rl.path, cover(FILE, rl.pathRange), rl.version, cover(FILE, rl.versionRange ?? rl.range)], ['POST', 'POST', '/Users', '/Users', 'HTTP/1.1', 'HTTP/1.1']);
    const pl = patch.requestLine;
    assert.equal(pl.target, '/Users/{{lastResponse.id}}?attributes=userName&filter=userName eq "x"');
    assert.deepEqual(pl.query.map((q) => [q.name, cover(FILE, q.nameRange), q.value, cover(FILE, q.valueRange)]), [
      ['attributes', 'attributes', 'userName', 'userName'],
      ['filter', 'filter', 'userName eq "x"', 'userName eq "x"'],
    ]);
    assert.equal(cover(FILE, pl.targetRange), '/Users/{{lastResponse.id}}\n  ?attributes=userName\n  &filter=userName eq "x"');
  });

  test('headers, the header section and the body', () => {
    const [create, patch] = f.requests;
    assert.ok(create && patch);
    assert.deepEqual(create.headers.map((h) => [cover(FILE, h.nameRange), cover(FILE, h.valueRange)]), [['Content-Type', 'application/scim+json']]);
    assert.equal(cover(FILE, create.body?.range ?? { start: 0, end: 0 }), '{\n  "userName": "{{user}}"\n}');
    // The comment line before the next separator is not part of the body.
    assert.equal(cover(FILE, patch.body?.range ?? { start: 0, end: 0 }), '{ "a": 1 }');
    // Up to the blank line's start, so completion offers header names on that line too.
    assert.equal(cover(FILE, patch.headerSection), 'If-Match: {{lastResponse.meta.version}}\n');
  });

  test('@app directives: per request, and the file default', () => {
    const [create, patch] = f.requests;
    assert.ok(create && patch);
    assert.deepEqual(f.apps.map((a) => [a.id, cover(FILE, a.idRange)]), [['strict', 'strict'], ['aws-like', 'aws-like']]);
    assert.equal(create.app, undefined);
    assert.equal(appDirectiveFor(f, create)?.id, 'strict');
    assert.equal(appDirectiveFor(f, patch)?.id, 'aws-like');
  });

  test('file variables and references with their kinds', () => {
    assert.deepEqual(f.definitions.map((d) => [d.name, d.value, cover(FILE, d.valueRange)]), [['user', 'scimwb-{{$uuid}}', 'scimwb-{{$uuid}}']]);
    assert.deepEqual(f.variables.map((v) => [v.kind, v.name, cover(FILE, v.range)]), [
      ['builtin', '$uuid', '{{$uuid}}'],
      ['definition', 'user', '{{user}}'],
      ['lastResponse', 'id', '{{lastResponse.id}}'],
      ['lastResponse', 'meta.version', '{{lastResponse.meta.version}}'],
    ]);
  });

  test('requestAt finds the block around an offset', () => {
    assert.equal(requestAt(f, FILE.indexOf('PATCH'))?.index, 1);
    assert.equal(requestAt(f, FILE.indexOf('### create'))?.index, 0);
    assert.equal(requestAt(f, 0), undefined);
  });

  test('CRLF line ends give the same structure', () => {
    const crlf = FILE.replace(/\n/g, '\r\n');
    const g = parseRequestFile(crlf);
    assert.deepEqual(g.errors, []);
    assert.equal(cover(crlf, g.requests[1]?.requestLine.query[1]?.valueRange ?? { start: 0, end: 0 }), 'userName eq "x"');
    assert.equal(cover(crlf, g.requests[0]?.body?.range ?? { start: 0, end: 0 }), '{\r\n  "userName": "{{user}}"\r\n}');
  });

  test('comment lines inside a body are recorded, not part of the JSON', () => {
    const text = 'POST /Users\n\n{\n# not sent\n  "a": 1\n}\n';
    const body = parseRequestFile(text).requests[0]?.body;
    assert.deepEqual(body?.comments.map((c) => cover(text, c)), ['# not sent']);
  });
});

describe('request-file parser: errors', () => {
  const cases: [string, string, string[]][] = [
    ['lower-case method', 'get /Users', ['REQUEST_LINE_MALFORMED "get"']],
    ['unknown method', 'PTACH /Users', ['REQUEST_LINE_MALFORMED "PTACH"']],
    ['no method', '/Users', ['REQUEST_LINE_MALFORMED "/Users"']],
    ['no target', 'GET', ['REQUEST_LINE_MALFORMED "GET"']],
    ['relative path without /', 'GET Users', ['REQUEST_LINE_MALFORMED "Users"']],
    ['another scheme', 'GET ftp://x/Users', ['REQUEST_LINE_MALFORMED "ftp"']],
    ['text after the path', 'GET /Users junk', ['REQUEST_LINE_MALFORMED "junk"']],
    ['bad version', 'GET /Users HTTP/3', ['REQUEST_LINE_MALFORMED "HTTP/3"']],
    ['header without colon', 'GET /Users\nAccept application/json', ['REQUEST_HEADER_MALFORMED "Accept application/json"']],
    ['header name with a space', 'GET /Users\nX Y: z', ['REQUEST_HEADER_MALFORMED "X Y"']],
    ['body without blank line', 'POST /Users\nAccept: x\n{"a": 1}', ['REQUEST_HEADER_MALFORMED "{\\"a\\": 1}"']],
    ['second request line', 'GET /Users\nGET /Groups', ['REQUEST_HEADER_MALFORMED "GET /Groups"']],
    ['@app without #', '@app strict\nGET /Users', ['REQUEST_SYNTAX "@app strict"']],
    ['@app without id', '# @app\nGET /Users', ['REQUEST_SYNTAX "# @app"']],
    ['two ids', '# @app a b\nGET /Users', ['REQUEST_SYNTAX "b"']],
    ['@app below the request line', 'GET /Users\n# @app strict', ['REQUEST_SYNTAX "# @app strict"']],
    ['definition without =', '@user bob\nGET /Users', ['REQUEST_SYNTAX "@user bob"']],
    ['reserved name', '@app = x\nGET /Users', ['REQUEST_SYNTAX "app"']],
    ['unclosed reference', 'GET /Users/{{lastResponse.id', ['REQUEST_VARIABLE_INVALID "{{"']],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.deepEqual(described(text, parseRequestFile(text).errors), expected));
  }

  test('fixes where the intent is clear', () => {
    const fixed = (text: string): string => {
      const e = parseRequestFile(text).errors[0];
      const fix = e?.fixes?.[0];
      assert.ok(fix, `a fix for ${text}`);
      return applyEdits(text, fix.edits);
    };
    assert.equal(fixed('get /Users'), 'GET /Users');
    assert.equal(fixed('PTACH /Users'), 'PATCH /Users');
    assert.equal(fixed('/Users'), 'GET /Users');
    assert.equal(fixed('GET Users'), 'GET /Users');
    assert.equal(fixed('POST /Users\nAccept: x\n{"a": 1}'), 'POST /Users\nAccept: x\n\n{"a": 1}');
    assert.equal(fixed('GET /Users\nGET /Groups'), 'GET /Users\n###\nGET /Groups');
    assert.equal(fixed('@app strict\nGET /Users'), '# @app strict\nGET /Users');
  });

  test('parsing goes on after an error', () => {
    const f = parseRequestFile('get /Users\nAccept application/json\nX-Ok: 1\n###\nGET /Groups');
    assert.equal(f.requests.length, 2);
    assert.deepEqual(f.requests[0]?.headers.map((h) => h.name), ['X-Ok']);
    assert.equal(f.errors.length, 2);
  });
});

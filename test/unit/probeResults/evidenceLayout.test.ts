// The evidence document's bodies (issue 13): JSON laid out for reading by changing whitespace only (also when the
// transcript cut it), everything else shown as received under a label, and every body bounded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TranscriptBody } from '../../../src/core/http';
import { bodyLines, exchangeToHttp, layoutJson } from '../../../src/core/probeResults';
import { exchange } from './fixtures';

const LIST = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, startIndex: 1, itemsPerPage: 2,
  Resources: [
    { id: 'a1', userName: 'ana@example.com', active: true, emails: [], name: { givenName: 'Ana', familyName: null } },
    { id: 'b2', userName: 'bo "the [brace]" {x}, y:z', active: false, meta: { resourceType: 'User', version: 'W/"3"' }, groups: [{}] },
  ],
});

function body(text: string, extra: Partial<TranscriptBody> = {}): TranscriptBody {
  return { kind: 'json', contentType: 'application/scim+json', size: Buffer.byteLength(text), text, truncated: false, omittedBytes: 0, ...extra };
}

describe('JSON laid out for reading', () => {
  test('a whole body: the same as JSON.stringify(…, null, 2), empty containers on one line', () => {
    const out = layoutJson(LIST, 1_000_000);
    assert.equal(out.kind, 'end');
    assert.equal(out.kind === 'end' && out.text, JSON.stringify(JSON.parse(LIST), null, 2));
    assert.match(JSON.stringify(out), /"emails\\": \[\],/);
  });

  test('only whitespace changes: numbers as written, duplicate keys and escapes are kept', () => {
    const text = '{"a":1.0,"a":1E+2,"big":12345678901234567890123,"s":"\\u00e9\\n\\"x\\"","n":-0.5e-3}';
    const out = layoutJson(text, 1000);
    assert.equal(out.kind, 'end');
    const laid = out.kind === 'end' ? out.text : '';
    assert.equal(laid, '{\n  "a": 1.0,\n  "a": 1E+2,\n  "big": 12345678901234567890123,\n  "s": "\\u00e9\\n\\"x\\"",\n  "n": -0.5e-3\n}');
    assert.equal(layoutJson('  [ true , false,null ]\r\n', 100).kind, 'end');
  });

  test('every beginning of a body (where the transcript may cut it) is laid out as the start of the whole layout', () => {
    const whole = layoutJson(LIST, 1_000_000);
    assert.equal(whole.kind, 'end');
    for (let n = 1; n < LIST.length; n++) {
      const part = layoutJson(LIST.slice(0, n), 1_000_000);
      assert.equal(part.kind, 'cut', `cut after ${n}: ${JSON.stringify(LIST.slice(0, n))}`);
      assert.ok(whole.kind === 'end' && part.kind === 'cut' && whole.text.startsWith(part.text), `cut after ${n}: ${part.kind === 'cut' ? part.text.slice(-40) : ''}`);
    }
    for (const cut of ['{"a":tru', '[-', '[1.', '[1e', '{"a":"\\u00', '{"a":"x\\']) assert.equal(layoutJson(cut, 100).kind, 'cut', cut);
  });

  test('text that breaks the grammar is reported with the offset where it does', () => {
    const cases: [string, number][] = [
      ['{"a":1,}', 7], ['{"a" 1}', 5], ['[1 2]', 3], ['{"a":trux}', 5], ['[01]', 1], ['{} {}', 3], ['["\\x"]', 2],
      ['["a\tb"]', 3], ['{a:1}', 1], ['[1,]', 3], ['{"a":1]', 6], ['[1.2.3]', 1], ['<html>', 0],
    ];
    for (const [text, offset] of cases) {
      const out = layoutJson(text, 100);
      assert.equal(out.kind, 'invalid', text);
      assert.equal(out.kind === 'invalid' && out.offset, offset, `${text}: ${out.kind === 'invalid' ? out.error : ''}`);
      assert.throws(() => JSON.parse(text), SyntaxError, `${text} is not JSON for JSON.parse either`);
    }
  });

  test('agrees with JSON.parse on any text: laid out exactly when it parses, to the same value', () => {
    fc.assert(fc.property(fc.json(), (json) => {
      const out = layoutJson(json, 10_000_000);
      assert.equal(out.kind, 'end');
      assert.equal(out.kind === 'end' && out.text, JSON.stringify(JSON.parse(json), null, 2));
    }), { numRuns: 500 });
    const texty = fc.oneof(fc.json(), fc.string({ unit: fc.constantFrom(...'{}[]",:0123456789.eE+-tfrunlase \\\nx'.split('')) }));
    fc.assert(fc.property(texty, fc.nat(), (text, at) => {
      const out = layoutJson(text, 10_000_000);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      assert.equal(out.kind === 'end', parses, `${JSON.stringify(text)}: ${JSON.stringify(out)}`);
      if (out.kind === 'end') assert.deepEqual(JSON.parse(out.text), JSON.parse(text));
      if (out.kind === 'invalid') assert.ok(out.offset >= 0 && out.offset < text.length, `${JSON.stringify(text)}: ${out.offset}`);
      // Cut anywhere, a text that parses is the beginning of a value, never invalid.
      if (parses) assert.notEqual(layoutJson(text.slice(0, at % (text.length + 1)), 10_000_000).kind, 'invalid');
    }), { numRuns: 3000 });
  });

  test('the layout stops at the limit: deep nesting, a long body, one long string', () => {
    const deep = layoutJson(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 50_000);
    assert.equal(deep.kind, 'limited');
    assert.ok(deep.kind === 'limited' && deep.text.length <= 50_000 && deep.stoppedAt < 10_000, JSON.stringify(deep).slice(0, 80));
    const many = JSON.stringify({ Resources: Array.from({ length: 50_000 }, (_, i) => ({ id: String(i), userName: `u${i}` })) });
    const long = layoutJson(many, 100_000);
    assert.ok(long.kind === 'limited' && long.text.length <= 100_000 && long.stoppedAt < many.length);
    const one = layoutJson(`["${'x'.repeat(1_000_000)}"]`, 1000);
    assert.ok(one.kind === 'limited' && one.text.length === 1000);
  });
});

describe('bodies in the evidence document', () => {
  test('a JSON body the transcript cut is laid out up to the cut, and the cut is said', () => {
    const lines = bodyLines(body(LIST.slice(0, 150), { omittedBytes: LIST.length - 150 }));
    const text = lines.join('\n');
    assert.match(text, /^\n\{\n {2}"schemas": \[\n {4}"urn:ietf:params:scim:api:messages:2\.0:ListResponse"\n {2}\],\n {2}"totalResults": 2,/);
    assert.match(text, new RegExp(`\\n# … ${LIST.length - 150} more bytes not kept in the transcript$`));
  });

  test('a body the server broke, and a body that is not JSON, are shown as received under a label', () => {
    const broken = '{"detail":"oops",}';
    assert.deepEqual(bodyLines(body(broken, { parseError: 'Expected double-quoted property name in JSON at position 17' })),
      ['', '# not valid JSON (Expected double-quoted property name in JSON at position 17): shown as received', broken]);
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    assert.deepEqual(bodyLines(body(html, { kind: 'html', contentType: 'text/html' })), ['', '# html (text/html) body, shown as received', html]);
    assert.deepEqual(bodyLines(body('OK', { kind: 'text', contentType: undefined })), ['', '# text body, shown as received', 'OK']);
    // Claimed JSON, no parse error recorded (an older stored run), yet it ends early: not laid out.
    assert.match(bodyLines(body('{"a":')).join('\n'), /# not valid JSON \(it ends before the value does\): shown as received\n\{"a":$/);
    // Cut at the read limit: the parse error is the cut's, so the beginning is laid out.
    assert.match(bodyLines(body('{"a":[1,', { parseError: 'Unexpected end of JSON input', truncated: true })).join('\n'), /^\n\{\n {2}"a": \[\n {4}1,\n {4}\n# … the response was longer than the read limit$/);
  });

  test('a huge body is bounded, laid out or not', () => {
    const many = JSON.stringify({ Resources: Array.from({ length: 30_000 }, (_, i) => ({ id: String(i) })) });
    const laid = bodyLines(body(many), 20_000);
    assert.ok((laid[1] ?? '').length <= 20_000);
    assert.match(laid[2] ?? '', /^# … laid out up to 20000 characters; the last \d+ characters of this body are not shown$/);
    const plain = bodyLines(body('x'.repeat(50_000), { kind: 'text' }), 20_000);
    assert.deepEqual([plain[1], plain[2]?.length, plain[3]], ['# text (application/scim+json) body, shown as received', 20_000, '# … shown up to 20000 of 50000 characters; the rest of this body is left out']);
  });

  test('the document lays out request and response bodies and keeps what redaction wrote', () => {
    const x = exchange('x9', '/Users', 201, 12, {
      request: {
        method: 'POST', url: 'https://api.example.com/scim/v2/Users', line: 'POST /scim/v2/Users HTTP/1.1',
        headers: { authorization: 'Basic «redacted:acme-password»' },
        body: body('{"userName":"probe-1","password":"«redacted»"}'),
      },
    });
    const text = exchangeToHttp(x);
    assert.match(text, /authorization: Basic «redacted:acme-password»\n\n\{\n {2}"userName": "probe-1",\n {2}"password": "«redacted»"\n\}/);
    assert.match(text, /HTTP\/1\.1 201 Bad Request\ncontent-type: application\/scim\+json\n\n\{\n {2}"totalResults": 120\n\}/);
  });
});

// The bundles replace iconv-lite with scripts/shims/iconv-lite.cjs: it must answer body-parser and raw-body as
// iconv-lite does for what they ask (JSON bodies are utf-8 or utf-16, body-parser refuses other charsets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Iconv = {
  encodingExists(e: string): boolean;
  decode(b: Buffer, e: string): string;
  getDecoder(e: string): { write(b: Buffer): string; end(): string | undefined };
};
const shim = require('../../../scripts/shims/iconv-lite.cjs') as Iconv;
const real = require('iconv-lite') as Iconv;

test('the iconv-lite shim decodes as iconv-lite does, BOM included, chunk by chunk', () => {
  const text = '\ufeff{"userName": "bjensen", "displayName": "Bárbara €"}';
  for (const enc of ['utf-8', 'UTF-8', 'utf8', 'utf-16le']) {
    const buf = Buffer.from(text, enc === 'utf-16le' ? 'utf16le' : 'utf8');
    assert.equal(shim.encodingExists(enc), real.encodingExists(enc), enc);
    assert.equal(shim.decode(buf, enc), real.decode(buf, enc), enc);
    const [a, b] = [shim.getDecoder(enc), real.getDecoder(enc)];
    const cut = 5; // inside a multi-byte sequence for utf-16 and the BOM for utf-8
    assert.equal(a.write(buf.subarray(0, cut)) + a.write(buf.subarray(cut)) + (a.end() ?? ''), b.write(buf.subarray(0, cut)) + b.write(buf.subarray(cut)) + (b.end() ?? ''), enc);
  }
});

test('an unknown encoding fails with the message raw-body maps to 415', () => {
  assert.equal(shim.encodingExists('no-such-charset'), false);
  assert.throws(() => shim.getDecoder('no-such-charset'), /^Error: Encoding not recognized: /);
});

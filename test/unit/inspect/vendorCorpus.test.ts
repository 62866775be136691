// The inspector's table test over error bodies collected from public vendor documentation and issue reports
// (test/fixtures/vendor-errors/sources.json names each source, and says which bodies were reconstructed from
// prose). Every body is explained: its shape, category and RFC 7644 deviations are what the table expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainResponse } from '../../../src/core/inspect';

import { corpus, corpusDir } from './corpus';

test('the corpus: at least 30 bodies from at least 12 vendors, each with a public source and its provenance', () => {
  assert.ok(corpus.length >= 30, `${corpus.length} bodies`);
  const vendors = new Set(corpus.map((e) => e.vendor.replace(/\s*\(.*$/, '')));
  assert.ok(vendors.size >= 12, `${vendors.size} vendors`);
  for (const e of corpus) {
    assert.match(e.source, /^https:\/\//, e.id);
    assert.match(e.provenance, /^(copied|reconstructed from)/, `${e.id}: provenance says copied or reconstructed`);
    assert.equal(new Set(corpus.map((x) => x.id)).size, corpus.length);
  }
});

for (const entry of corpus) {
  test(`explains ${entry.id} (${entry.vendor})`, () => {
    const body = readFileSync(join(corpusDir, entry.file), 'utf8');
    const headers = entry.headers ? Object.fromEntries(Object.entries(entry.headers).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
    const options = entry.expect.retryAfterSecondsAt ? { now: entry.expect.retryAfterSecondsAt.now } : {};
    const x = explainResponse(entry.status, headers, body, undefined, options);
    assert.equal(x.bodyKind, entry.expect.bodyKind, 'bodyKind');
    assert.equal(x.category, entry.expect.category, 'category');
    assert.deepEqual(x.deviations.map((d) => d.code).sort(), [...entry.expect.deviations].sort(), 'deviations');
    assert.ok(x.meaning.length > 20, 'a meaning');
    if (entry.expect.bodySource) assert.equal(x.bodySource, entry.expect.bodySource);
    if (entry.expect.status !== undefined) assert.equal(x.status, entry.expect.status);
    if (entry.expect.scimType !== undefined) assert.equal(x.scimType, entry.expect.scimType);
    if (entry.expect.retryable !== undefined) assert.equal(x.retryable, entry.expect.retryable);
    for (const f of entry.expect.vendorFields ?? []) assert.ok(f in x.vendorFields, `vendor field ${f}`);
    if (entry.expect.retryAfterSecondsAt) assert.equal(x.retryAfterSeconds, entry.expect.retryAfterSecondsAt.seconds);
    for (const d of x.deviations) assert.ok(d.message.length > 10);
  });
}

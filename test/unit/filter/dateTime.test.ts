import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateTimeToEpoch, looksLikeDateTime, parseFilter, printFilter } from '../../../src/core/filter';

test('looksLikeDateTime accepts RFC 3339 / xsd:dateTime and rejects near misses', () => {
  for (const s of ['2011-05-13T04:42:34Z', '2011-05-13T04:42:34.123Z', '2011-05-13t04:42:34+02:00', '2024-02-29T23:59:60-05:30', '2011-05-13T04:42:34']) {
    assert.equal(looksLikeDateTime(s), true, s);
  }
  for (const s of ['2011-05-13', '2011-05-13 04:42:34Z', '2011-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2011-05-13T24:00:00Z', '2011-05-13T04:42:34+2:00', 'yesterday', '']) {
    assert.equal(looksLikeDateTime(s), false, s);
  }
});

test('dateTimeToEpoch orders instants across offsets and keeps sub-millisecond digits', () => {
  assert.equal(dateTimeToEpoch('1970-01-01T00:00:00Z'), 0);
  assert.equal(dateTimeToEpoch('2011-05-13T04:42:34Z'), Date.parse('2011-05-13T04:42:34Z'));
  assert.equal(dateTimeToEpoch('2011-05-13T06:42:34+02:00'), dateTimeToEpoch('2011-05-13T04:42:34Z'));
  assert.ok((dateTimeToEpoch('2011-05-13T04:42:34.0001Z') ?? 0) > (dateTimeToEpoch('2011-05-13T04:42:34Z') ?? 0));
  assert.equal(dateTimeToEpoch('0099-01-01T00:00:00Z'), Date.parse('0099-01-01T00:00:00Z'));
});

test('a broken filter still exposes the pieces it recovered', () => {
  const r = parseFilter('userName eq "x" and title xx');
  assert.equal(r.ast, undefined);
  assert.equal(r.errors.length, 1);
  assert.ok(r.partial);
  assert.equal(printFilter(r.partial), 'userName eq "x"');
});

// The headless demo prints every app's base URL and a table of what each preset really answered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runHeadlessDemo } from '../../../scripts/demoHeadless';
import { presetNames } from '../../../src/sandbox';

test('runHeadlessDemo prints base URLs and a side-by-side table of observed behaviour', async () => {
  let out = '';
  const code = await runHeadlessDemo({ stdout: (s) => void (out += s) }, new AbortController().signal);
  assert.equal(code, 0);
  assert.equal(out.match(/http:\/\/127\.0\.0\.1:\d+\/apps\/[\w-]+\/scim\/v2/g)?.length, presetNames.length);
  const rows = new Map(out.split('\n').map((l) => {
    const cells = l.split(/ {2,}/);
    return [cells[0] ?? '', cells.slice(1)] as const;
  }));
  const header = rows.get('check') ?? [];
  const cell = (check: string, preset: string): string => rows.get(check)?.[header.indexOf(preset)] ?? '';
  assert.equal(cell('GET count=100: got', 'aws-like'), '50');
  assert.equal(cell('GET count=100: got', 'strict'), '100');
  assert.equal(cell('startIndex=51', 'aws-like'), 'ignored');
  assert.equal(cell('case-variant dup', 'minimal'), '201');
  assert.equal(cell('case-variant dup', 'strict'), '409');
  assert.equal(cell('filter "userName eq"', 'minimal'), '500');
  assert.equal(cell('op "Replace"', 'minimal'), '200 ignored');
  assert.equal(cell('active=false, GET', 'github-like'), '404');
  assert.equal(cell('discovery', 'minimal'), '404');
  assert.match(cell('30 at once: 429s', 'slack-like'), /RA=\d+s/);
  assert.match(cell('30 at once: 429s', 'throttled'), /no RA/);
  assert.deepEqual(header.slice(0, presetNames.length), [...presetNames]);
  assert.equal(cell('cursor walk (count=100)', 'strict'), 'no cursors');
  assert.match(cell('cursor walk (count=100)', 'cursor'), /^25\d users, 3 pages$/);
  assert.equal(cell('cursor walk (count=100)', 'drifting'), 'loops at page 2');
  assert.match(cell('cursor walk (count=100)', 'throttled'), /users, 4 pages \(last empty\)$/);
  assert.equal(cell('Bulk bulkId ref', 'strict'), '200 resolved');
  assert.equal(cell('Bulk bulkId ref', 'drifting'), '200 unresolved');
  assert.equal(cell('Bulk bulkId ref', 'throttled'), '501');
  assert.equal(cell('member added twice', 'strict'), 'listed once');
  assert.equal(cell('member added twice', 'drifting'), 'listed 2x');
  assert.equal(cell('member added twice', 'minimal'), 'members hidden');
  assert.equal(cell('bad token', 'strict'), '401 SCIM');
  assert.equal(cell('bad token', 'throttled'), '403 JSON');
  assert.match(cell('write log', 'strict'), /^\d+ writes, \d+ refused$/);
});

// The pagination probe's cursor walk (RFC 9865) against sandboxes with cursor paging: a spec-correct server
// passes with its expiry checked, and each cursor fault (a loop, a last page with nextCursor, wrong error
// scimTypes, pages over the advertised maximum) is provoked by its switch; plus the index-paging switches the
// sandbox gained with it (string paging numbers, gaps, an advertised maximum below the real one).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { check, evidenceResolves, fieldOf, result, startApps } from './p1Helpers';

let sb: RunningSandbox;
before(async () => {
  sb = await startApps([
    { id: 'cursor', profile: 'cursor', quirks: { cursorTimeoutSeconds: 1 } },
    { id: 'loop', quirks: { cursorPagination: 'on', cursorLoop: true } },
    { id: 'last-page', quirks: { cursorPagination: 'on', cursorOnLastPage: true } },
    { id: 'expired-as-invalid', quirks: { cursorPagination: 'on', cursorErrors: 'expiredAsInvalid', cursorTimeoutSeconds: 1 } },
    { id: 'invalid-value', quirks: { cursorPagination: 'on', cursorErrors: 'invalidValue', cursorTimeoutSeconds: 1 } },
    { id: 'cursor-only-over-max', quirks: { cursorPagination: 'only', advertisedMaxPageSize: 20 } },
    { id: 'no-totals', quirks: { cursorPagination: 'only', cursorTotalResults: 'omitted' } },
    { id: 'strings', quirks: { pagingNumbers: 'strings' } },
    { id: 'gap', quirks: { pageGap: 3 } },
    { id: 'advertised-low', quirks: { advertisedMaxPageSize: 20 } },
  ], { users: 120 });
});
after(async () => {
  await sb.stop();
});
const app = (id: string, extra = {}) => appEntry(sb.apps.find((a) => a.id === id)!, extra);
const run = (id: string, extra = {}) => probe(app(id, extra), { only: ['pagination'], pageSize: 50 }).then((r) => r.report);

describe('cursor pagination', () => {
  test('the cursor preset: both walks read every user, the three cursor errors are right (expiry waited out), no finding', async () => {
    const report = await run('cursor');
    assert.deepEqual(codesOf(report, 'pagination'), []);
    const p = result(report, 'pagination');
    assert.equal(p.observed['cursorPages'], 3);
    assert.equal(fieldOf(report, 'pagination', 'pagination.cursor'), true);
    assert.equal(check(report, 'pagination', 'walk by cursor reads every resource once').status, 'pass');
    for (const name of ['an unknown cursor is 400 invalidCursor', 'an invalid count is 400 invalidCount', 'an expired cursor is 400 expiredCursor']) {
      const c = check(report, 'pagination', name);
      assert.equal(c.status, 'pass', `${name}: ${c.message}`);
    }
    assert.match(check(report, 'pagination', 'an expired cursor is 400 expiredCursor').message ?? '', /400 expiredCursor/);
  });

  test('a cursor handed back again: CURSOR_LOOP (error), the walk stops', async () => {
    const report = await run('loop');
    assert.deepEqual(codesOf(report, 'pagination'), ['CURSOR_LOOP']);
    assert.equal(result(report, 'pagination').status, 'fail');
    assert.deepEqual(evidenceResolves(report), []);
  });

  test('nextCursor on the last page: CURSOR_ON_LAST_PAGE, with the empty page it leads to', async () => {
    const report = await run('last-page');
    assert.deepEqual(codesOf(report, 'pagination'), ['CURSOR_ON_LAST_PAGE']);
    const f = result(report, 'pagination').findings[0]!;
    const empty = report.transcript.find((x) => x.id === f.evidence[1])!;
    assert.match(empty.response!.body.text, /"Resources":\s*\[\]|"totalResults"/);
  });

  test('wrong cursor error scimTypes: CURSOR_ERROR_WRONG_SCIMTYPE (an expired cursor as invalidCursor; everything as invalidValue)', async () => {
    const expired = await run('expired-as-invalid');
    assert.deepEqual(codesOf(expired, 'pagination'), ['CURSOR_ERROR_WRONG_SCIMTYPE']);
    assert.match(result(expired, 'pagination').findings[0]!.message, /answered 400 invalidCursor instead of 400 expiredCursor/);
    const value = await run('invalid-value');
    assert.deepEqual(codesOf(value, 'pagination'), ['CURSOR_ERROR_WRONG_SCIMTYPE']);
    assert.equal(result(value, 'pagination').findings[0]!.evidence.length, 3);
  });

  test('a cursor-only server is walked by cursor only; a cursor page over the advertised maximum is CURSOR_PAGE_OVER_MAX', async () => {
    const report = await run('cursor-only-over-max');
    assert.deepEqual(codesOf(report, 'pagination'), ['CURSOR_PAGE_OVER_MAX']);
    assert.equal(check(report, 'pagination', 'walk by startIndex reads every resource once').status, 'skipped');
    const declared = await run('cursor-only-over-max', { pagination: { cursor: false } });
    assert.ok(codesOf(declared, 'pagination').includes('REGISTRY_DRIFT'));
  });

  test('cursor pages without totalResults are allowed (RFC 9865): no finding', async () => {
    const report = await run('no-totals');
    assert.deepEqual(codesOf(report, 'pagination'), []);
    assert.equal(result(report, 'pagination').observed['distinctResources'], 120);
  });
});

describe('index paging switches of the cursor-era sandbox', () => {
  test('paging numbers as strings: PAGING_NUMBERS_NOT_INTEGERS (error), the walk still reads every user', async () => {
    const report = await run('strings');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGING_NUMBERS_NOT_INTEGERS']);
    assert.match(result(report, 'pagination').findings[0]!.message, /totalResults "120" \(a string\)/);
    assert.equal(result(report, 'pagination').observed['distinctResources'], 120);
  });

  test('pages that skip resources: PAGE_MISSING', async () => {
    const report = await run('gap');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_MISSING']);
  });

  test('an advertised maximum below the real one: DISCOVERY_CLAIM_CONTRADICTED with the claim and the page as evidence', async () => {
    const report = await run('advertised-low');
    assert.deepEqual(codesOf(report, 'pagination'), ['DISCOVERY_CLAIM_CONTRADICTED']);
    const f = result(report, 'pagination').findings[0]!;
    assert.match(report.transcript.find((x) => x.id === f.evidence[0])!.request.line, /ServiceProviderConfig/);
  });
});

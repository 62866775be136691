// The pagination probe against real sandboxes: each paging finding provoked by its quirk switch and absent on
// strict, the registry fields it observes, and the evidence each finding names.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { check, evidenceResolves, fieldOf, result, startApps } from './p1Helpers';

let sb: RunningSandbox;
before(async () => {
  sb = await startApps([
    { id: 'strict' },
    { id: 'capped', quirks: { maxPageSize: 30, defaultPageSize: 30 } },
    { id: 'capped-high', users: 160, quirks: { maxPageSize: 120 } },
    { id: 'ignored', quirks: { startIndex: 'ignored' } },
    { id: 'zero-based', quirks: { startIndex: 'zeroBased' } },
    { id: 'echo', quirks: { itemsPerPage: 'requested' } },
    { id: 'count-zero', quirks: { countZero: 'ignored' } },
    { id: 'drift', quirks: { totalResultsDrift: 3 } },
    { id: 'overlap', quirks: { pageOverlap: 2 } },
    { id: 'empty', users: 0 },
  ]);
});
after(async () => {
  await sb.stop();
});
const app = (id: string, extra = {}) => appEntry(sb.apps.find((a) => a.id === id)!, extra);
const run = (id: string, extra = {}) => probe(app(id, extra), { only: ['pagination'], pageSize: 50 }).then((r) => r.report);

describe('pagination probe', () => {
  test('strict: the walks read every user once; no finding; fields say 1-based, consistent, no cursor', async () => {
    const report = await run('strict');
    const p = result(report, 'pagination');
    assert.equal(p.status, 'pass', JSON.stringify(p.findings));
    assert.deepEqual(codesOf(report, 'pagination'), []);
    assert.equal(p.observed['distinctResources'], 120);
    assert.equal(p.observed['pagesWalked'], 3);
    assert.equal(fieldOf(report, 'pagination', 'pagination.startIndexBase'), 1);
    assert.equal(fieldOf(report, 'pagination', 'pagination.totalResultsConsistent'), true);
    assert.equal(fieldOf(report, 'pagination', 'pagination.cursor'), false);
    assert.equal(fieldOf(report, 'pagination', 'pagination.maxPageSize'), undefined);
    for (const name of ['walk by startIndex reads every resource once', 'count=0 returns only totalResults', 'startIndex is 1-based', 'a page past the end is empty', 'walk with filter active eq true', 'page-size cap']) {
      assert.equal(check(report, 'pagination', name).status, 'pass', name);
    }
    assert.match(p.summary, /120 users in 3 pages/);
  });

  test('a page-size cap below the page size: PAGE_SIZE_CAPPED and maxPageSize observed (drift when declared otherwise)', async () => {
    const report = await run('capped', { pagination: { maxPageSize: 100 } });
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_SIZE_CAPPED', 'REGISTRY_DRIFT']);
    assert.equal(fieldOf(report, 'pagination', 'pagination.maxPageSize'), 30);
    assert.equal(fieldOf(report, 'pagination', 'pagination.defaultPageSize'), 30);
    const drift = result(report, 'pagination').findings.find((f) => f.code === 'REGISTRY_DRIFT' && f.field?.join('.') === 'pagination.maxPageSize');
    assert.equal(drift?.declared, 100);
    assert.equal(drift?.observed, 30);
    assert.deepEqual(evidenceResolves(report), []);
    // Declared as observed: the cap is known, so it is only information.
    const known = await run('capped', { pagination: { maxPageSize: 30 } });
    assert.equal(result(known, 'pagination').findings.find((f) => f.code === 'PAGE_SIZE_CAPPED')?.severity, 'info');
    assert.equal(result(known, 'pagination').status, 'pass');
  });

  test('a cap above the page size is found with one large page', async () => {
    const report = await run('capped-high');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_SIZE_CAPPED']);
    assert.equal(fieldOf(report, 'pagination', 'pagination.maxPageSize'), 120);
    const f = result(report, 'pagination').findings[0]!;
    assert.match(report.transcript.find((x) => x.id === f.evidence[0])!.request.line, /count=1000/);
  });

  test('startIndex ignored: PAGE_NOT_ADVANCING (error), and not duplicates or gaps', async () => {
    const report = await run('ignored');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_NOT_ADVANCING']);
    const p = result(report, 'pagination');
    assert.equal(p.status, 'fail');
    const f = p.findings[0]!;
    const lines = f.evidence.map((id) => report.transcript.find((x) => x.id === id)!.request.line);
    assert.match(lines[0]!, /startIndex=1&/);
    assert.match(lines[1]!, /startIndex=51&/);
    assert.equal(check(report, 'pagination', 'startIndex is 1-based').status, 'skipped');
  });

  test('startIndex read as an offset: START_INDEX_NOT_ONE_BASED and the resource it skips as PAGE_MISSING', async () => {
    const report = await run('zero-based');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_MISSING', 'START_INDEX_NOT_ONE_BASED']);
    assert.equal(fieldOf(report, 'pagination', 'pagination.startIndexBase'), 0);
    assert.equal(result(report, 'pagination').observed['missing'], 1);
    assert.deepEqual(evidenceResolves(report), []);
  });

  test('itemsPerPage echoing count: ITEMS_PER_PAGE_MISMATCH on the short last page', async () => {
    const report = await run('echo');
    assert.deepEqual(codesOf(report, 'pagination'), ['ITEMS_PER_PAGE_MISMATCH']);
    assert.match(result(report, 'pagination').findings[0]!.message, /itemsPerPage 50 but held 20/);
  });

  test('count=0 ignored: COUNT_ZERO_NOT_RESPECTED', async () => {
    const report = await run('count-zero');
    assert.deepEqual(codesOf(report, 'pagination'), ['COUNT_ZERO_NOT_RESPECTED']);
    assert.equal(check(report, 'pagination', 'count=0 returns only totalResults').status, 'warn');
  });

  test('drifting totals: TOTAL_RESULTS_INCONSISTENT and totalResultsConsistent false', async () => {
    const report = await run('drift');
    assert.deepEqual(codesOf(report, 'pagination'), ['TOTAL_RESULTS_INCONSISTENT']);
    assert.equal(fieldOf(report, 'pagination', 'pagination.totalResultsConsistent'), false);
    assert.ok((result(report, 'pagination').observed['totalsSeen'] as number[]).length > 1);
  });

  test('overlapping pages: PAGE_DUPLICATES with both pages as evidence', async () => {
    const report = await run('overlap');
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_DUPLICATES']);
    const f = result(report, 'pagination').findings[0]!;
    assert.ok(f.evidence.length >= 2);
    assert.equal(result(report, 'pagination').observed['duplicates'], 2);
  });

  test('an empty directory is walked without findings', async () => {
    const report = await run('empty');
    assert.deepEqual(codesOf(report, 'pagination'), []);
    assert.equal(result(report, 'pagination').observed['distinctResources'], 0);
  });

  test('maxPages stops a walk and the completeness checks say so', async () => {
    const report = (await probe(app('strict'), { only: ['pagination'], pageSize: 20, maxPages: 2 })).report;
    assert.deepEqual(codesOf(report, 'pagination'), []);
    assert.match(check(report, 'pagination', 'walk by startIndex reads every resource once').message ?? '', /2-page limit/);
    assert.equal(check(report, 'pagination', 'a page past the end is empty').status, 'skipped');
  });

  test('progress reports a counter during the walk', async () => {
    const seen: string[] = [];
    await probe(app('strict'), { only: ['pagination'], pageSize: 50, onProgress: (p) => { if (p.done !== undefined) seen.push(`${p.message} ${p.done}/${p.total}`); } });
    assert.ok(seen.some((s) => /walking by startIndex: page 2, 100 resources 100\/120/.test(s)), seen.join('\n'));
  });
});

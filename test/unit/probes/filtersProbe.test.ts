// The filters probe against real sandboxes: operators and attributes that work, malformed filters, and the
// severity rules, each finding provoked by its switch and absent on strict. The probe never writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogEntry, RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { check, evidenceResolves, result, startApps } from './p1Helpers';

let sb: RunningSandbox;
const log: RequestLogEntry[] = [];
before(async () => {
  sb = await startApps([
    { id: 'strict' },
    { id: 'eq-and', quirks: { filterOperators: ['eq', 'and'] } },
    { id: 'eq-only', quirks: { filterOperators: ['eq'] } },
    { id: 'sparse', quirks: { filterOperators: ['eq', 'and'], errorFormat: 'sparse' } },
    { id: 'empty-list', quirks: { malformedFilter: 'emptyList' } },
    { id: 'full-list', quirks: { malformedFilter: 'fullList' } },
    { id: 'server-error', quirks: { malformedFilter: 'serverError' } },
    { id: 'nobody', users: 0 },
    { id: 'case-sensitive', quirks: { filterCaseSensitive: true } },
    { id: 'no-match-404', quirks: { noMatchStatus: 404 } },
    { id: 'case-and-404', quirks: { filterCaseSensitive: true, noMatchStatus: 404 } },
    { id: 'username-only', quirks: { filterAttributes: ['userName'] } },
    { id: 'false-filter-claim', quirks: { falseClaims: ['filter'] } },
  ], { onRequest: (e) => log.push(e) });
});
after(async () => {
  await sb.stop();
});
const app = (id: string, extra = {}) => appEntry(sb.apps.find((a) => a.id === id)!, extra);
const run = (id: string, extra = {}) => probe(app(id, extra), { only: ['filters'] }).then((r) => r.report);

describe('filters probe', () => {
  test('strict: every operator and attribute works, verified against the users read; nothing is written', async () => {
    const before = log.length;
    const report = await run('strict');
    const f = result(report, 'filters');
    assert.equal(f.status, 'pass', JSON.stringify(f.findings));
    assert.deepEqual(f.observed['supportedOperators'], ['eq', 'ne', 'co', 'sw', 'ew', 'pr', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', '[]']);
    assert.deepEqual(f.observed['unsupportedOperators'], []);
    assert.ok((f.observed['filterableAttributes'] as string[]).includes('externalId'));
    assert.equal(check(report, 'filters', 'userName eq ignores case (caseExact false)').status, 'pass');
    assert.equal(check(report, 'filters', 'a filter that matches nothing answers 200 with no resources').status, 'pass');
    const writes = log.slice(before).filter((e) => e.appId === 'strict' && e.method !== 'GET');
    assert.deepEqual(writes, []);
  });

  test('only eq and and: FILTER_OPERATOR_UNSUPPORTED, a warning for rfc, with every refusal as evidence', async () => {
    const report = await run('eq-and');
    assert.deepEqual(codesOf(report, 'filters'), ['FILTER_OPERATOR_UNSUPPORTED']);
    const f = result(report, 'filters').findings[0]!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.evidence.length, 11);
    assert.match(f.message, /ne, co, sw, ew, pr, gt, ge, lt, le, or, not/);
    assert.deepEqual(evidenceResolves(report), []);
  });

  test('an operator the IdP profile depends on makes it an error (Entra looks up with eq and and)', async () => {
    const rfc = await run('eq-only');
    assert.equal(result(rfc, 'filters').findings[0]?.severity, 'warning');
    const entra = await run('eq-only', { probe: { idpProfile: 'entra' } });
    const f = result(entra, 'filters').findings.find((x) => x.code === 'FILTER_OPERATOR_UNSUPPORTED')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /entra lookups depend on/);
  });

  test('refusals without scimType invalidFilter: FILTER_ERROR_WRONG_STATUS', async () => {
    const report = await run('sparse');
    assert.deepEqual(codesOf(report, 'filters'), ['FILTER_ERROR_WRONG_STATUS', 'FILTER_OPERATOR_UNSUPPORTED']);
  });

  test('a malformed filter answered with nothing or everything: FILTER_INVALID_ACCEPTED (error)', async () => {
    for (const id of ['empty-list', 'full-list']) {
      const report = await run(id);
      assert.deepEqual(codesOf(report, 'filters'), ['FILTER_INVALID_ACCEPTED'], id);
      const f = result(report, 'filters').findings[0]!;
      assert.equal(f.severity, 'error');
      assert.equal(f.evidence.length, 3, 'each malformed filter is evidence');
      assert.match(f.message, id === 'empty-list' ? /no such user/ : /every user/);
    }
  });

  test('a malformed filter answered 500: FILTER_ERROR_WRONG_STATUS, and the 500 is not retried five times', async () => {
    const report = await run('server-error');
    assert.deepEqual(codesOf(report, 'filters'), ['FILTER_ERROR_WRONG_STATUS']);
    const x = report.transcript.find((e) => e.response?.status === 500)!;
    assert.ok(x.attempts.length <= 3);
  });

  test('without users to filter on, the probe is skipped and says why', async () => {
    const report = await run('nobody');
    assert.equal(result(report, 'filters').status, 'skipped');
    assert.match(result(report, 'filters').reason ?? '', /no users to filter on/);
  });

  test('case-sensitive userName filters: FILTER_CASE_SENSITIVE, with the user\'s own page and the empty answer', async () => {
    const report = await run('case-sensitive');
    assert.deepEqual(codesOf(report, 'filters'), ['FILTER_CASE_SENSITIVE']);
    assert.equal(result(report, 'filters').findings[0]!.evidence.length, 2);
  });

  test('a no-match filter answered 404: EMPTY_FILTER_NOT_200 (error); with case-sensitive filters the 404 also proves the case rule', async () => {
    assert.deepEqual(codesOf(await run('no-match-404'), 'filters'), ['EMPTY_FILTER_NOT_200']);
    const both = await run('case-and-404');
    assert.deepEqual(codesOf(both, 'filters'), ['EMPTY_FILTER_NOT_200', 'FILTER_CASE_SENSITIVE']);
    assert.equal(result(both, 'filters').findings.find((f) => f.code === 'EMPTY_FILTER_NOT_200')?.severity, 'error');
  });

  test('filters on other attributes silently dropped: FILTER_RESULTS_WRONG, naming a resource that does not match', async () => {
    const report = await run('username-only');
    assert.deepEqual(codesOf(report, 'filters'), ['FILTER_RESULTS_WRONG']);
    const f = result(report, 'filters').findings[0]!;
    assert.match(f.message, /which does not match/);
    assert.equal(f.evidence.length, 2, 'the list and the full read of the resource');
    assert.ok((result(report, 'filters').observed['wrongResults'] as string[]).includes('externalId'));
  });

  test('ServiceProviderConfig saying filters are unsupported while they work: DISCOVERY_CLAIM_CONTRADICTED', async () => {
    const report = await run('false-filter-claim');
    assert.deepEqual(codesOf(report, 'filters'), ['DISCOVERY_CLAIM_CONTRADICTED']);
  });
});

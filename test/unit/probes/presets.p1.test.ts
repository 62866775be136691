// The presets table: for each sandbox preset, exactly the finding codes the pagination, filters and errors probes
// produce (writes allowed, idpProfile rfc, a registry entry that declares nothing). strict produces no error or
// warning finding. Traffic codes (RATE_LIMITED, RETRY_AFTER_MISSING, SERVER_ERROR_TRANSIENT) depend on timing in
// the rate-limited presets, so those may add them; they are tested deterministically below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { evidenceResolves, startApps } from './p1Helpers';

const MINE = ['pagination', 'filters', 'errors'] as const;
const TRAFFIC = ['RATE_LIMITED', 'RETRY_AFTER_MISSING', 'SERVER_ERROR_TRANSIENT'];

const EXPECTED: Record<string, { codes: string[]; traffic?: boolean }> = {
  strict: { codes: [] },
  'entra-compatible': { codes: [] },
  'aws-like': { codes: ['FILTER_OPERATOR_UNSUPPORTED', 'PAGE_NOT_ADVANCING', 'PAGE_SIZE_CAPPED'] },
  'slack-like': { codes: [], traffic: true },
  'github-like': { codes: [] },
  drifting: { codes: ['ITEMS_PER_PAGE_MISMATCH', 'PAGE_DUPLICATES', 'TOTAL_RESULTS_INCONSISTENT'] },
  minimal: {
    codes: ['CREATE_NO_LOCATION', 'ERROR_BODY_NOT_SCIM', 'ERROR_SCIMTYPE_MISSING', 'FILTER_ERROR_WRONG_STATUS', 'FILTER_OPERATOR_UNSUPPORTED',
      'UNIQUENESS_CASE_VARIANT_ACCEPTED', 'UNSUPPORTED_ENDPOINT_WRONG_STATUS'],
  },
  throttled: { codes: [], traffic: true },
};

let sb: RunningSandbox;
before(async () => {
  sb = await startApps(Object.keys(EXPECTED).map((p) => ({ id: p, profile: p })), { users: 150 });
});
after(async () => {
  await sb.stop();
});

describe('presets: the codes the pagination, filters and errors probes produce', () => {
  for (const [preset, expected] of Object.entries(EXPECTED)) {
    test(preset, async () => {
      const { report } = await probe(appEntry(sb.apps.find((a) => a.id === preset)!), { only: [...MINE] });
      const codes = [...new Set(MINE.flatMap((p) => codesOf(report, p)))].sort();
      const steady = codes.filter((c) => !TRAFFIC.includes(c));
      assert.deepEqual(steady, expected.codes, `${preset}: ${JSON.stringify(report.probes.flatMap((p) => p.findings.map((f) => `${f.code}: ${f.message}`)))}`);
      if (!expected.traffic) assert.deepEqual(codes.filter((c) => TRAFFIC.includes(c)), [], preset);
      for (const p of report.probes) assert.notEqual(p.status, 'error', `${preset} ${p.probe}: ${p.reason}`);
      assert.deepEqual(evidenceResolves(report), []);
      assert.deepEqual(report.cleanup.failed, []);
      if (preset === 'strict') assert.ok(report.probes.every((p) => p.findings.every((f) => f.severity === 'info')));
    });
  }
});

describe('traffic findings, provoked deterministically', () => {
  let traffic: RunningSandbox;
  before(async () => {
    traffic = await startApps([
      { id: 'limited', quirks: { rateLimit: { requestsPerSecond: 4, burst: 2, retryAfter: true } } },
      { id: 'limited-no-ra', quirks: { rateLimit: { requestsPerSecond: 4, burst: 2, retryAfter: false } } },
      { id: 'faulty', quirks: { faults: { rate: 0.3, kind: '503' } } },
    ], { users: 30 });
  });
  after(async () => {
    await traffic.stop();
  });
  const run = (id: string) => probe(appEntry(traffic.apps.find((a) => a.id === id)!, { rateLimit: { backoff: { initialMs: 50, maxMs: 400 } } }), { only: ['pagination'] }).then((r) => r.report);

  test('429 with Retry-After: RATE_LIMITED (info), rateLimit.retryAfter observed, and the walk still completes', async () => {
    const report = await run('limited');
    assert.deepEqual(codesOf(report, 'pagination'), ['RATE_LIMITED']);
    const p = report.probes.find((x) => x.probe === 'pagination')!;
    assert.equal(p.observed['distinctResources'], 30);
    assert.ok(['honored', 'unreliable'].includes(p.fields.find((f) => f.field.join('.') === 'rateLimit.retryAfter')?.observed as string));
  });

  test('429 without Retry-After: RETRY_AFTER_MISSING as well; rateLimit.retryAfter "absent", drift when declared "honored"', async () => {
    const report = await run('limited-no-ra');
    assert.deepEqual(codesOf(report, 'pagination'), ['RATE_LIMITED', 'RETRY_AFTER_MISSING']);
    assert.equal(report.probes.find((x) => x.probe === 'pagination')!.fields.find((f) => f.field.join('.') === 'rateLimit.retryAfter')?.observed, 'absent');
    const declared = await probe(appEntry(traffic.apps.find((a) => a.id === 'limited-no-ra')!, { rateLimit: { retryAfter: 'honored', backoff: { initialMs: 50, maxMs: 400 } } }), { only: ['pagination'] });
    const drift = declared.report.probes.find((x) => x.probe === 'pagination')!.findings.filter((f) => f.code === 'REGISTRY_DRIFT');
    assert.deepEqual(drift.map((f) => [f.field?.join('.'), f.declared, f.observed]), [['rateLimit.retryAfter', 'honored', 'absent']]);
  });

  test('503s cured by a retry: SERVER_ERROR_TRANSIENT, and no paging finding from them', async () => {
    const report = await run('faulty');
    assert.deepEqual(codesOf(report, 'pagination'), ['SERVER_ERROR_TRANSIENT']);
  });
});

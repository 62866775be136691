// The presets table (presetTables.ts): for each sandbox preset, exactly the finding codes the discovery, pagination,
// filters and errors probes produce (writes allowed, the preset's idpProfile, a registry entry that declares nothing); strict and cursor
// produce no error or warning finding. Each set is also checked against what the preset itself promises
// (Preset.findings, which covers every probe). Traffic codes (RATE_LIMITED, RETRY_AFTER_MISSING,
// SERVER_ERROR_TRANSIENT) depend on timing in the rate-limited presets, so there they may be absent; they are
// provoked deterministically below.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describePreset, PROBE_FINDING_CODES, type RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { evidenceResolves, startApps } from './p1Helpers';
import { TRAFFIC_CODES, WIRE_EXPECTED, WIRE_PROBES } from './presetTables';

const MINE = WIRE_PROBES;
const TRAFFIC = TRAFFIC_CODES;
const EXPECTED = WIRE_EXPECTED;

let sb: RunningSandbox;
before(async () => {
  sb = await startApps(Object.keys(EXPECTED).map((p) => ({ id: p, profile: p })), { users: 150 });
});
after(async () => {
  await sb.stop();
});

describe('presets: the codes the discovery, pagination, filters and errors probes produce', () => {
  test('the table covers every preset', () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), sb.apps.map((a) => a.profile).sort());
  });
  for (const [preset, expected] of Object.entries(EXPECTED)) {
    test(preset, async () => {
      const described = describePreset(preset)!;
      const app = appEntry(sb.apps.find((a) => a.id === preset)!, { probe: { allowWrites: true, idpProfile: described.idpProfile } });
      const { report } = await probe(app, { only: [...MINE] });
      const codes = [...new Set(MINE.flatMap((p) => codesOf(report, p)))].sort();
      const detail = JSON.stringify(report.probes.flatMap((p) => p.findings.map((f) => `${f.code}: ${f.message}`)), null, 1);
      assert.deepEqual(codes.filter((c) => !TRAFFIC.includes(c)), expected.codes, `${preset}: ${detail}`);
      const traffic = codes.filter((c) => TRAFFIC.includes(c));
      assert.deepEqual(traffic.filter((c) => !(expected.traffic ?? []).includes(c)), [], `${preset}: unexpected traffic codes`);
      // What the preset promises for these probes (codes the sandbox knows) is what they found.
      const promised = described.findings.filter((c) => expected.codes.includes(c) || (expected.traffic ?? []).includes(c));
      const known = expected.codes.filter((c) => (PROBE_FINDING_CODES as readonly string[]).includes(c));
      assert.deepEqual(known.filter((c) => !promised.includes(c as never)), [], `${preset}: found but not promised by the preset`);
      for (const p of report.probes) assert.notEqual(p.status, 'error', `${preset} ${p.probe}: ${p.reason}`);
      assert.deepEqual(evidenceResolves(report), []);
      assert.deepEqual(report.cleanup.failed, []);
      if (expected.codes.length === 0 && !expected.traffic) assert.ok(report.probes.every((p) => p.findings.every((f) => f.severity === 'info')), preset);
      // Writes touched nothing but the probe's own resources (or ids that do not exist).
      const writes = sb.apps.find((a) => a.id === preset)!.writes();
      const foreign = writes.filter((w) => (w.method === 'POST' ? w.name !== undefined && !w.name.startsWith('scimwb-probe-') : w.existed && !(w.name ?? '').startsWith('scimwb-probe-')));
      assert.deepEqual(foreign, [], `${preset}: writes outside the test prefix`);
    });
  }
});

describe('traffic findings, provoked deterministically', () => {
  let traffic: RunningSandbox;
  before(async () => {
    traffic = await startApps([
      { id: 'limited', quirks: { rateLimit: { requestsPerSecond: 4, burst: 2, retryAfter: true } } },
      { id: 'limited-no-ra', quirks: { rateLimit: { requestsPerSecond: 4, burst: 1, retryAfter: false } } },
      // The same server for the run that declares "honored": an app of its own, because the engine keeps the rate
      // it learnt per application, and a second run on 'limited-no-ra' may pace itself below the limit (no 429 to
      // observe, as a clean-clone CI run found).
      { id: 'declared-no-ra', quirks: { rateLimit: { requestsPerSecond: 4, burst: 1, retryAfter: false } } },
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
    const declared = await probe(appEntry(traffic.apps.find((a) => a.id === 'declared-no-ra')!, { rateLimit: { retryAfter: 'honored', backoff: { initialMs: 50, maxMs: 400 } } }), { only: ['pagination'] });
    const drift = declared.report.probes.find((x) => x.probe === 'pagination')!.findings.filter((f) => f.code === 'REGISTRY_DRIFT');
    const pg = declared.report.probes.find((x) => x.probe === 'pagination')!;
    assert.deepEqual(drift.map((f) => [f.field?.join('.'), f.declared, f.observed]), [['rateLimit.retryAfter', 'honored', 'absent']], JSON.stringify({ codes: codesOf(declared.report, 'pagination'), fields: pg.fields, attempts: declared.report.transcript.map((x) => x.attempts.map((a) => a.status)) }));
  });

  test('503s cured by a retry: SERVER_ERROR_TRANSIENT, and no paging finding from them', async () => {
    const report = await run('faulty');
    assert.deepEqual(codesOf(report, 'pagination'), ['SERVER_ERROR_TRANSIENT']);
  });
});

// The deactivation probe against real sandboxes: each contract classified from evidence, the IdP's own request
// forms (and their diagnosis when refused), drift against the registry, and a prompt cancel.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox, StartOptions } from '../../../src/sandbox';
import { startSandbox } from '../../../src/sandbox';
import type { Application } from '../../../src/core/registry/model';
import { pollSchedule } from '../../../src/core/probes/deactivationProbe';
import { appEntry, codesOf, probe, TOKEN } from './helpers';
import { fakeClock, type FakeClock } from './clock';

let clock: FakeClock;
let sb: RunningSandbox;
const APPS: StartOptions['apps'] = [
  { id: 'strict', profile: 'strict' },
  { id: 'entra-compatible', profile: 'entra-compatible' },
  { id: 'github-like', profile: 'github-like' },
  { id: 'minimal', profile: 'minimal' },
  { id: 'delayed', profile: 'strict', quirks: { deactivation: 'delayed', deactivationDelaySeconds: 3 } },
  { id: 'locked', profile: 'strict', quirks: { deactivation: 'lockedOnly' } },
  { id: 'caps-reject', profile: 'strict', quirks: { capitalisedPatchOps: 'reject', stringBooleans: 'coerce' } },
  { id: 'string-kept', profile: 'strict', quirks: { stringBooleans: 'storeAsString' } },
  { id: 'no-pathless', profile: 'strict', quirks: { pathlessPatch: 'reject' } },
];

before(async () => {
  clock = fakeClock();
  sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 5, groups: 1 })), token: TOKEN, seed: 3, now: clock.now });
});
after(async () => { await sb.stop(); });

const app = (id: string, extra: Partial<Application> = {}, profile: 'rfc' | 'entra' | 'okta' = 'rfc'): Application =>
  appEntry(sb.apps.find((a) => a.id === id)!, { probe: { allowWrites: true, idpProfile: profile }, ...extra });

const run = (a: Application, horizonMs = 120_000) => probe(a, { only: ['deactivation'], now: clock.now, sleep: clock.sleep, deactivationHorizonMs: horizonMs });

function deactivation(report: Awaited<ReturnType<typeof run>>['report']) {
  return report.probes.find((p) => p.probe === 'deactivation')!;
}

describe('deactivation contract', () => {
  test('the schedule reads at once, then backs off, and ends at the horizon', () => {
    assert.deepEqual(pollSchedule(5000), [0, 500, 1000, 2000, 4000, 5000]);
    assert.deepEqual(pollSchedule(0), [0]);
  });

  test('strict: immediate, with the request and the read as evidence; the test user is removed', async () => {
    const { report, journal } = await run(app('strict'));
    const d = deactivation(report);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT']);
    assert.equal(d.status, 'pass');
    assert.equal(d.observed['contract'], 'immediate');
    assert.equal(d.observed['delaySeconds'], 0);
    const f = d.findings[0]!;
    assert.equal(f.severity, 'info');
    assert.equal(f.observed, 'immediate', 'the finding carries the classification');
    assert.match(f.message, /immediate: sent at 2026-03-01T09:00:00.000Z/);
    const ids = new Set(report.transcript.map((x) => x.id));
    for (const e of f.evidence) assert.ok(ids.has(e));
    const patch = report.transcript.find((x) => x.id === f.evidence[0])!;
    assert.equal(patch.request.method, 'PATCH');
    assert.deepEqual(JSON.parse(patch.request.body!.text), { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    assert.deepEqual(report.cleanup, { created: 1, deleted: 1, failed: [] });
    assert.deepEqual(journal.pending(), []);
    assert.deepEqual(clock.waits, []);
  });

  test('a 3-second delay is measured between the last active read and the first inactive one', async () => {
    const { report } = await run(app('delayed', { deactivation: { contract: 'delayed', delaySeconds: 3 } }));
    const d = deactivation(report);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT']);
    assert.equal(d.observed['contract'], 'delayed');
    assert.equal(d.observed['delaySeconds'], 4);
    assert.equal(d.observed['delayLowerSeconds'], 2);
    assert.match(d.findings[0]!.message, /between 2\.0 s and 4\.0 s later/);
    assert.match(d.findings[0]!.message, /\+2\.0 s: active=true.*\+4\.0 s: active=false/);
    const delay = d.fields.find((f) => f.field.join('.') === 'deactivation.delaySeconds')!;
    assert.equal(delay.tolerance, 2);
    assert.ok(d.fields.some((f) => f.field.join('.') === 'deactivation.testedAt' && f.update === 'always'));
  });

  test('a registry that declares another contract drifts; strict declared immediate does not', async () => {
    const drifted = await run(app('delayed', { deactivation: { contract: 'immediate', delaySeconds: 0 } }));
    const drift = deactivation(drifted.report).findings.filter((f) => f.code === 'REGISTRY_DRIFT');
    assert.deepEqual(drift.map((f) => [f.field?.join('.'), f.declared, f.observed]), [
      ['deactivation.contract', 'immediate', 'delayed'],
      ['deactivation.delaySeconds', 0, 4],
    ]);
    const clean = await run(app('strict', { deactivation: { contract: 'immediate', delaySeconds: 0 } }));
    assert.deepEqual(codesOf(clean.report), ['DEACTIVATION_CONTRACT']);
  });

  test('locked-only: accepted, still active at the horizon', async () => {
    const { report } = await run(app('locked'), 10_000);
    const d = deactivation(report);
    assert.equal(d.observed['contract'], 'locked-only');
    assert.equal(d.observed['delaySeconds'], null);
    assert.match(d.findings[0]!.message, /locked-only .*10\.0 s horizon/);
    assert.ok(!d.fields.some((f) => f.field.join('.') === 'deactivation.delaySeconds'));
  });

  test('github-like deletes the user: DEACTIVATED_USER_NOT_READABLE with the 404 as evidence; strict keeps it readable', async () => {
    const { report } = await run(app('github-like'));
    const d = deactivation(report);
    assert.deepEqual(codesOf(report), ['DEACTIVATED_USER_NOT_READABLE', 'DEACTIVATION_CONTRACT']);
    assert.equal(d.observed['contract'], 'deleted');
    assert.equal(d.observed['listedAfter'], false);
    const gone = d.findings.find((f) => f.code === 'DEACTIVATED_USER_NOT_READABLE')!;
    assert.equal(report.transcript.find((x) => x.id === gone.evidence[0])?.response?.status, 404);
    assert.deepEqual(report.cleanup.failed, []);
    const strict = await run(app('strict'));
    assert.ok(!codesOf(strict.report).includes('DEACTIVATED_USER_NOT_READABLE'));
  });
});

describe('deactivation in the IdP\'s own form', () => {
  const bodies = (report: Awaited<ReturnType<typeof run>>['report']) =>
    report.transcript.filter((x) => x.request.method === 'PATCH').map((x) => JSON.parse(x.request.body!.text).Operations);

  test('entra sends "Replace" with "False"; entra-compatible applies it', async () => {
    const { report } = await run(app('entra-compatible', {}, 'entra'));
    assert.deepEqual(bodies(report)[0], [{ op: 'Replace', path: 'active', value: 'False' }]);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT']);
    assert.equal(deactivation(report).observed['deactivatedVia'], 'profile');
  });

  test('okta sends a path-less replace {"active": false}; strict applies it', async () => {
    const { report } = await run(app('strict', {}, 'okta'));
    assert.deepEqual(bodies(report)[0], [{ op: 'replace', value: { active: false } }]);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT']);
    assert.equal(deactivation(report).observed['deactivatedVia'], 'profile');
  });

  test('strict under entra: the string boolean is to blame (an error for Entra); the capitalised op alone deactivates, so the contract is still measured', async () => {
    const { report } = await run(app('strict', {}, 'entra'));
    const d = deactivation(report);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT', 'PATCH_STRING_BOOLEAN_REJECTED']);
    assert.equal(d.findings.find((f) => f.code === 'PATCH_STRING_BOOLEAN_REJECTED')!.severity, 'error');
    assert.equal(d.observed['contract'], 'immediate');
    assert.equal(d.observed['deactivatedVia'], 'partial');
    // Each departure was tried alone: the capitalised op with a real boolean was accepted, the string boolean refused.
    assert.ok(bodies(report).some((ops) => ops[0].op === 'Replace' && ops[0].value === false));
    assert.ok(bodies(report).some((ops) => ops[0].op === 'replace' && ops[0].value === 'False'));
    assert.match(d.findings.find((f) => f.code === 'PATCH_STRING_BOOLEAN_REJECTED')!.message, /when only that departs from the RFC form/);
  });

  test('capitalised ops rejected: PATCH_CAPITALISED_OP_REJECTED, not the string boolean', async () => {
    const { report } = await run(app('caps-reject', {}, 'entra'));
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT', 'PATCH_CAPITALISED_OP_REJECTED']);
  });

  test('minimal ignores capitalised ops (200, nothing changes) and rejects string booleans', async () => {
    const { report } = await run(app('minimal', {}, 'entra'));
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT', 'PATCH_CAPITALISED_OP_IGNORED', 'PATCH_STRING_BOOLEAN_REJECTED']);
    assert.equal(deactivation(report).observed['contract'], 'immediate');
  });

  test('a string boolean kept as a (truthy) string: PATCH_STRING_BOOLEAN_IGNORED', async () => {
    const { report } = await run(app('string-kept', {}, 'entra'));
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT', 'PATCH_STRING_BOOLEAN_IGNORED']);
    assert.equal(deactivation(report).findings.find((f) => f.code === 'PATCH_STRING_BOOLEAN_IGNORED')!.severity, 'error');
  });

  test('path-less replace rejected under okta: PATCH_PATHLESS_REJECTED (error), contract still measured; rfc never sends it', async () => {
    const { report } = await run(app('no-pathless', {}, 'okta'));
    const d = deactivation(report);
    assert.deepEqual(codesOf(report), ['DEACTIVATION_CONTRACT', 'PATCH_PATHLESS_REJECTED']);
    assert.equal(d.findings.find((f) => f.code === 'PATCH_PATHLESS_REJECTED')!.severity, 'error');
    assert.equal(d.observed['contract'], 'immediate');
    const rfc = await run(app('no-pathless'));
    assert.deepEqual(codesOf(rfc.report), ['DEACTIVATION_CONTRACT']);
  });
});

describe('deactivation safety', () => {
  test('skipped without allowWrites', async () => {
    const { report } = await run(app('strict', { probe: { allowWrites: false } }));
    assert.equal(deactivation(report).status, 'skipped');
    assert.equal(report.transcript.length, 0);
  });

  test('cancelling during the wait ends the run at once (real timer) and the user is still cleaned up', { timeout: 30_000 }, async () => {
    const controller = new AbortController();
    const a = app('locked');
    const { report, journal } = await probe(a, {
      only: ['deactivation'], deactivationHorizonMs: 600_000, signal: controller.signal,
      onProgress: (p) => { if (p.message.startsWith('deactivation: +')) controller.abort(); },
    });
    assert.equal(report.cancelled, true);
    assert.equal(deactivation(report).status, 'skipped');
    assert.deepEqual(report.cleanup, { created: 1, deleted: 1, failed: [] });
    assert.deepEqual(journal.pending(), []);
  });
});

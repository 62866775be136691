// The bulk probe: a BulkRequest with a bulkId reference, the claimed limits, and its created resources journalled
// before the request and removed after it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type StartOptions } from '../../../src/sandbox';
import { memoryJournalStore, type JournalEntry, type ProbeReport } from '../../../src/core/probes';
import { idFromLocation } from '../../../src/core/probes/bulkProbe';
import type { Application } from '../../../src/core/registry/model';
import { appEntry, codesOf, probe, TOKEN } from './helpers';

let sb: RunningSandbox;
const APPS: StartOptions['apps'] = [
  { id: 'strict', profile: 'strict' },
  { id: 'aws-like', profile: 'aws-like' },
  { id: 'minimal', profile: 'minimal' },
  { id: 'limits-ignored', profile: 'strict', quirks: { bulkLimits: 'ignored', bulkMaxOperations: 5, bulkMaxPayloadSize: 4096 } },
  { id: 'small-limits', profile: 'strict', quirks: { bulkMaxOperations: 5, bulkMaxPayloadSize: 4096 } },
  { id: 'advertised-only', profile: 'strict', quirks: { bulk: 'advertisedOnly' } },
  { id: 'unresolved', profile: 'strict', quirks: { bulkIdReferences: 'unresolved' } },
];
before(async () => { sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 5, groups: 1 })), token: TOKEN, seed: 3 }); });
after(async () => { await sb.stop(); });

const app = (id: string, extra: Partial<Application> = {}): Application => appEntry(sb.apps.find((a) => a.id === id)!, extra);
const bulk = (r: ProbeReport) => r.probes.find((p) => p.probe === 'bulk')!;

describe('bulk', () => {
  test('strict: both operations 201 with locations, the reference resolved, both limits enforced with 413', async () => {
    const store = memoryJournalStore();
    const journalled: JournalEntry[][] = [];
    const watching = { ...store, read: () => store.read(), write: (e: readonly JournalEntry[]) => { store.write(e); journalled.push(e.map((x) => ({ ...x }))); } };
    const { report } = await probe(app('strict'), { only: ['bulk'], store: watching });
    const b = bulk(report);
    assert.equal(b.status, 'pass', JSON.stringify(b.findings));
    assert.deepEqual(codesOf(report, 'bulk'), []);
    assert.equal(b.observed['bulkIdResolved'], true);
    assert.equal(b.observed['maxOperationsEnforced'], true);
    assert.equal(b.observed['maxPayloadSizeEnforced'], true);
    for (const name of ['operation user', 'operation group', 'bulkId reference', 'maxOperations enforced', 'maxPayloadSize enforced']) {
      assert.equal(b.checks.find((c) => c.name === name)?.status, 'pass', name);
    }
    // Both resources were in the journal, without ids, before the BulkRequest went out; then got their ids.
    assert.deepEqual(journalled[1]!.map((e) => [e.kind, e.id]), [['Users', undefined], ['Groups', undefined]]);
    assert.ok(journalled.some((w) => w.length === 2 && w.every((e) => e.id !== undefined)));
    assert.deepEqual(report.cleanup, { created: 2, deleted: 2, failed: [] });
    assert.deepEqual(store.read(), []);
    // The over-limit requests only target the probe's own user.
    const userId = report.transcript.find((x) => x.request.method === 'DELETE' && x.request.url.includes('/Users/'))!.request.url.split('/').pop();
    for (const x of report.transcript.filter((e) => e.request.url.endsWith('/Bulk')).slice(1)) {
      const paths = [...x.request.body!.text.matchAll(/"path":"(\/[^"]+)"/g)].map((m) => m[1]);
      assert.ok(paths.length > 0 && paths.every((p) => p === `/Users/${userId}`), 'over-limit operations touch only the probe user');
    }
  });

  test('BULK_CLAIM_CONTRADICTED: limits only advertised (requests over them processed); the same limits enforced give 413', async () => {
    const { report } = await probe(app('limits-ignored'), { only: ['bulk'] });
    const b = bulk(report);
    assert.deepEqual(codesOf(report, 'bulk'), ['BULK_CLAIM_CONTRADICTED']);
    assert.equal(b.findings.length, 2);
    assert.match(b.findings[0]!.message, /maxOperations 5, but a request over it answered 200/);
    assert.equal(b.observed['maxOperationsEnforced'], false);
    assert.equal(b.observed['maxPayloadSizeEnforced'], false);
    const enforced = await probe(app('small-limits'), { only: ['bulk'] });
    assert.deepEqual(codesOf(enforced.report, 'bulk'), []);
    assert.match(bulk(enforced.report).checks.find((c) => c.name === 'maxOperations enforced')!.message!, /answered 413 tooMany/);
  });

  test('BULK_CLAIM_CONTRADICTED: Bulk advertised but /Bulk answers 501; nothing is left in the journal', async () => {
    const { report, journal } = await probe(app('advertised-only'), { only: ['bulk'] });
    assert.deepEqual(codesOf(report, 'bulk'), ['BULK_CLAIM_CONTRADICTED']);
    assert.match(bulk(report).findings[0]!.message, /answered 501/);
    assert.deepEqual(journal.pending(), []);
    assert.deepEqual(report.cleanup, { created: 0, deleted: 0, failed: [] });
  });

  test('BULK_BULKID_UNRESOLVED: the member stored as the literal "bulkId:user"', async () => {
    const { report } = await probe(app('unresolved'), { only: ['bulk'] });
    assert.deepEqual(codesOf(report, 'bulk'), ['BULK_BULKID_UNRESOLVED']);
    assert.match(bulk(report).findings[0]!.message, /lists "bulkId:user", not the new user's id/);
    assert.deepEqual(report.cleanup.failed, []);
  });

  test('skipped where Bulk is not claimed (aws-like) or ServiceProviderConfig is missing (minimal)', async () => {
    const aws = await probe(app('aws-like'), { only: ['bulk'] });
    assert.equal(bulk(aws.report).status, 'skipped');
    assert.match(bulk(aws.report).reason!, /does not claim Bulk/);
    const minimal = await probe(app('minimal'), { only: ['bulk'] });
    assert.match(bulk(minimal.report).reason!, /ServiceProviderConfig could not be read/);
    assert.ok(!aws.report.transcript.some((x) => x.request.url.endsWith('/Bulk')));
  });

  test('skipped without allowWrites', async () => {
    const { report } = await probe(app('strict', { probe: { allowWrites: false } }), { only: ['bulk'] });
    assert.equal(bulk(report).status, 'skipped');
  });

  test('ids come from the operation locations', () => {
    assert.equal(idFromLocation('https://h/scim/v2/Users/2819c223-7f76', 'Users'), '2819c223-7f76');
    assert.equal(idFromLocation('/scim/v2/Groups/a%2Fb/', 'Groups'), 'a/b');
    assert.equal(idFromLocation('https://h/scim/v2/Groups/x', 'Users'), undefined);
  });
});

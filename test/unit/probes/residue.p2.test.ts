// Runs of the writing probes that pass, are cancelled midway, or whose server starts failing midway, leave no resource
// with the test prefix once cleanup has run (the run's own, or `cleanUpJournal` after the server recovers), and
// the sandbox's write log shows that no write ever touched a resource outside the prefix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { CleanupJournal, cleanUpJournal, memoryJournalStore, runProbes, type ProbeName } from '../../../src/core/probes';
import type { ScimClient } from '../../../src/core/http';
import type { Application } from '../../../src/core/registry/model';
import { appEntry, clientFor, TOKEN } from './helpers';
import { startFlakyProxy, type FlakyProxy } from './flakyProxy';

const WRITERS: ProbeName[] = ['deactivation', 'groups', 'registry-filters', 'bulk', 'lifecycle'];
const PREFIX = 'scimwb-probe-';

let sb: RunningSandbox;
let proxy: FlakyProxy;
before(async () => {
  sb = await startSandbox({ apps: [{ id: 'strict', profile: 'strict', users: 8, groups: 2 }], token: TOKEN, seed: 3 });
  proxy = await startFlakyProxy(sb.url);
});
after(async () => {
  await proxy.close();
  await sb.stop();
});

function target(viaProxy: boolean): Application {
  const running = sb.apps[0]!;
  const base = appEntry(running, {
    filters: [{ expression: 'userName eq "{{userName}}"' }],
    rateLimit: { backoff: { maxRetries: 1, initialMs: 10, maxMs: 20 } },
  });
  return viaProxy ? { ...base, baseUrl: running.baseUrl.replace(sb.url, proxy.origin) } : base;
}

/**
 * The sandbox's write log since `since`: every write that reached the service (Bulk operations included), by name.
 * Each must name a resource with the test prefix, before and after the write.
 */
async function writesOutsidePrefix(since: number): Promise<{ outside: string[]; last: number; count: number }> {
  const r = await fetch(`${sb.url}/apps/strict/_sandbox/writes?since=${since}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(r.status, 200);
  const { writes } = (await r.json()) as { writes: { seq: number; method: string; path: string; name?: string; nameAfter?: string; status: number }[] };
  const outside = writes.filter((w) => !w.name?.startsWith(PREFIX) || (w.nameAfter !== undefined && !w.nameAfter.startsWith(PREFIX)))
    .map((w) => `${w.method} ${w.path} ${w.name ?? '(no name)'} -> ${w.status}`);
  return { outside, last: writes.reduce((m, w) => Math.max(m, w.seq), since), count: writes.length };
}

let logSeq = 0;
/** Asserts that the writes since the previous call all stayed inside the prefix. */
async function onlyPrefixWritten(): Promise<void> {
  const { outside, last, count } = await writesOutsidePrefix(logSeq);
  logSeq = last;
  assert.ok(count > 0, 'the run wrote something');
  assert.deepEqual(outside, []);
}

/** Users and groups on the sandbox (read directly, not through the proxy) whose name has the test prefix. */
async function residue(): Promise<string[]> {
  const client = clientFor(target(false));
  const out: string[] = [];
  for (const [kind, attr] of [['Users', 'userName'], ['Groups', 'displayName']] as const) {
    const r = await client.send({ method: 'GET', path: `/${kind}`, query: { filter: `${attr} sw "${PREFIX}"`, count: 1000 } });
    assert.equal(r.status, 200);
    out.push(...((r.json as { Resources: Record<string, string>[] }).Resources).map((x) => `${kind} ${x[attr]}`));
  }
  return out;
}

describe('residue', () => {
  test('the write-log check sees a write outside the prefix (a seeded user renamed directly)', async () => {
    const client = clientFor(target(false));
    const list = await client.send({ method: 'GET', path: '/Users', query: { count: 1 } });
    const seeded = (list.json as { Resources: { id: string }[] }).Resources[0]!;
    await client.send({ method: 'PATCH', path: `/Users/${seeded.id}`, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'nickName', value: 'x' }] } });
    const { outside, last } = await writesOutsidePrefix(logSeq);
    logSeq = last;
    assert.equal(outside.length, 1);
    assert.match(outside[0]!, /^PATCH \/Users\//);
  });

  test('a run that goes through: its own cleanup removes everything it made', async () => {
    const app = target(false);
    const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
    const report = await runProbes(app, { client: clientFor(app), journal, only: WRITERS, deactivationHorizonMs: 2000 });
    assert.equal(report.cancelled, false);
    assert.ok(report.probes.every((p) => p.status !== 'error'), JSON.stringify(report.probes.map((p) => [p.probe, p.status])));
    assert.ok(report.cleanup.created >= 1, 'the run made test resources');
    assert.deepEqual(report.cleanup.failed, []);
    assert.deepEqual(journal.pending(), []);
    assert.deepEqual(await residue(), []);
    await onlyPrefixWritten();
  });

  for (const k of [1, 2, 4, 7, 10]) {
    test(`a run cancelled after its ${k}th create leaves nothing behind`, async () => {
      const app = target(false);
      const client = clientFor(app);
      const controller = new AbortController();
      let creates = 0;
      const counting: ScimClient = {
        app: client.app,
        checkConfig: (o) => client.checkConfig(o),
        async send(request, options) {
          const result = await client.send(request, options);
          if (request.method === 'POST' && ++creates === k) controller.abort();
          return result;
        },
      };
      const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
      const report = await runProbes(app, { client: counting, journal, only: WRITERS, signal: controller.signal, deactivationHorizonMs: 2000 });
      assert.equal(report.cancelled, true);
      assert.ok(report.cleanup.created >= 1);
      assert.deepEqual(report.cleanup.failed, []);
      assert.deepEqual(journal.pending(), []);
      assert.deepEqual(await residue(), []);
      await onlyPrefixWritten();
    });
  }

  test('a server that fails for a while midway (answers of writes lost, reads 503): the run\'s own cleanup removes everything', async () => {
    const app = target(true);
    const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
    proxy.lostWrites.length = 0;
    proxy.failFromWrite(3, 4);
    const report = await runProbes(app, { client: clientFor(app), journal, only: WRITERS, deactivationHorizonMs: 2000 });
    proxy.recover();
    assert.ok(proxy.lostWrites.length > 0, 'some writes were done by the service but their answers lost');
    assert.ok(report.probes.some((p) => p.status === 'skipped' || p.status === 'error' || p.findings.length > 0));
    assert.deepEqual(report.cleanup.failed, []);
    assert.deepEqual(journal.pending(), []);
    assert.deepEqual(await residue(), []);
    await onlyPrefixWritten();
  });

  test('a server that fails until the end: the journal keeps what could not be removed, and cleanUpJournal removes it once the server is back', async () => {
    proxy.lostWrites.length = 0;
    const app = target(true);
    const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
    proxy.failFromWrite(6);
    const report = await runProbes(app, { client: clientFor(app), journal, only: WRITERS, deactivationHorizonMs: 2000 });
    assert.ok(proxy.lostWrites.length > 0);
    assert.ok(report.cleanup.failed.length > 0, 'cleanup could not reach the server');
    assert.ok((await residue()).length > 0, 'resources the run made are still there');
    proxy.recover();
    const later = await cleanUpJournal(clientFor(app), journal, { prefix: PREFIX });
    assert.deepEqual(later.failed, []);
    assert.deepEqual(journal.pending(), []);
    assert.deepEqual(await residue(), []);
    await onlyPrefixWritten();
  });
});

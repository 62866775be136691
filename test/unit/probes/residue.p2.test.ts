// Runs of the writing probes that are cancelled midway, or whose server starts failing midway, leave no resource
// with the test prefix once cleanup has run (the run's own, or `cleanUpJournal` after the server recovers).
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
  });
});

// The probe runner, journal, cleanup, drift and write-back, with the discovery probe against real sandboxes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CleanupJournal, cleanUpJournal, fileJournalStore, memoryJournalStore, planProbes, ProbeContext, writeBackReport, type Probe,
} from '../../../src/core/probes';
import { parseRegistry } from '../../../src/core/registry';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, clientFor, codesOf, probe, startPresets, TOKEN } from './helpers';

let sb: RunningSandbox;
before(async () => { sb = await startPresets(['strict', 'minimal']); });
after(async () => { await sb.stop(); });
const running = (id: string) => sb.apps.find((a) => a.id === id)!;

describe('planProbes', () => {
  test('orders by the run order and adds what a probe needs', () => {
    const p = (name: Probe['name'], needs?: Probe['name'][]): Probe => ({ name, title: name, writes: 'never', ...(needs ? { needs } : {}), run: async () => undefined });
    const plan = planProbes(['pagination'], [p('pagination', ['discovery']), p('discovery')]);
    assert.deepEqual(plan.map((x) => x.name), ['discovery', 'pagination']);
    assert.throws(() => planProbes(['paging']), /unknown probe 'paging'/);
  });
});

describe('discovery probe', () => {
  test('strict: every endpoint served, claims recorded, sort and ETag claims hold, no finding', async () => {
    const { report } = await probe(appEntry(running('strict')), { only: ['discovery'] });
    const d = report.probes[0]!;
    assert.equal(d.status, 'pass', JSON.stringify(d.findings));
    assert.deepEqual(codesOf(report), []);
    assert.equal(d.observed['endpointsServed'], 3);
    assert.equal(d.observed['etag'], true);
    assert.ok(d.checks.some((c) => c.name === 'ETag claim' && c.status === 'pass'));
    assert.ok(d.checks.some((c) => c.name === 'sort claim' && c.status === 'pass'));
    // Every finding's evidence and every check's evidence is in the transcript.
    const ids = new Set(report.transcript.map((x) => x.id));
    for (const c of d.checks) for (const e of c.evidence ?? []) assert.ok(ids.has(e));
  });

  test('minimal: the three endpoints are missing, each with its 404 as evidence', async () => {
    const { report } = await probe(appEntry(running('minimal')), { only: ['discovery'] });
    const d = report.probes[0]!;
    assert.equal(d.status, 'warn');
    const missing = d.findings.filter((f) => f.code === 'DISCOVERY_ENDPOINT_MISSING');
    assert.equal(missing.length, 3);
    for (const f of missing) {
      const x = report.transcript.find((e) => e.id === f.evidence[0]);
      assert.equal(x?.response?.status, 404);
    }
  });

  test('a declared field the probe contradicts is REGISTRY_DRIFT, with declared and observed', async () => {
    const app = appEntry(running('minimal'), { endpoints: { schemas: true } });
    const { report } = await probe(app, { only: ['discovery'] });
    const drift = report.probes[0]!.findings.filter((f) => f.code === 'REGISTRY_DRIFT');
    assert.equal(drift.length, 1);
    assert.deepEqual(drift[0]!.field, ['endpoints', 'schemas']);
    assert.equal(drift[0]!.declared, true);
    assert.equal(drift[0]!.observed, false);
  });

  test('a field observed before the probe stopped (skipped or failed) is still compared with the registry', async () => {
    for (const end of ['skip', 'throw'] as const) {
      const stopping: Probe = {
        name: 'pagination', title: 'pagination', writes: 'never',
        run: async (ctx) => {
          ctx.field(['rateLimit', 'retryAfter'], 'absent');
          if (end === 'skip') ctx.skip('GET /Users answered 429');
          throw new Error('the server went away');
        },
      };
      const { report } = await probe(appEntry(running('strict'), { rateLimit: { retryAfter: 'honored' } }), { only: ['pagination'], probes: [stopping] });
      const p = report.probes[0]!;
      assert.equal(p.status, end === 'skip' ? 'skipped' : 'error');
      assert.deepEqual(p.findings.filter((f) => f.code === 'REGISTRY_DRIFT').map((f) => [f.field?.join('.'), f.declared, f.observed]), [['rateLimit.retryAfter', 'honored', 'absent']], end);
    }
  });
});

describe('safety', () => {
  test('a probe that always writes is skipped without allowWrites, and says how to allow it', async () => {
    const writer: Probe = { name: 'groups', title: 'groups', writes: 'always', run: async () => { throw new Error('must not run'); } };
    const { report } = await probe(appEntry(running('strict'), { probe: { allowWrites: false } }), { only: ['groups'], probes: [writer] });
    assert.equal(report.probes[0]!.status, 'skipped');
    assert.match(report.probes[0]!.reason ?? '', /allowWrites/);
  });

  test('creates are journalled before they are sent; the run removes them; cancelled runs still clean up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scimwb-journal-'));
    try {
      const store = fileJournalStore(join(dir, 'strict.json'));
      const seenBeforeSend: number[] = [];
      const controller = new AbortController();
      const writer: Probe = {
        name: 'groups', title: 'groups', writes: 'always',
        async run(ctx: ProbeContext) {
          const name = ctx.newName('u');
          const original = ctx.client.send.bind(ctx.client);
          (ctx as unknown as { client: typeof ctx.client }).client = { ...ctx.client, send: (r, o) => { seenBeforeSend.push(store.read().length); return original(r, o); } };
          const created = await ctx.createUser(name);
          assert.ok(created.id);
          assert.equal(store.read()[0]?.id, created.id);
          controller.abort();
          await ctx.send({ method: 'GET', path: '/Users', query: { count: 1 } });
        },
      };
      const app = appEntry(running('strict'));
      const journal = new CleanupJournal(store, app.id, app.baseUrl);
      const { runProbes } = await import('../../../src/core/probes');
      const report = await runProbes(app, { client: clientFor(app), journal, only: ['groups'], probes: [writer], signal: controller.signal });
      assert.deepEqual(seenBeforeSend, [1]);
      assert.equal(report.cancelled, true);
      assert.equal(report.probes[0]!.status, 'skipped');
      assert.deepEqual(report.cleanup, { created: 1, deleted: 1, failed: [] });
      assert.deepEqual(store.read(), []);
      assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /\*/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cleanup finds a create whose answer was lost, and never touches a resource renamed since', async () => {
    const app = appEntry(running('strict'));
    const client = clientFor(app);
    const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
    // A create that happened but whose id never reached the journal.
    const lost = journal.intend('run1', 'Users', 'scimwb-probe-run1-lost-1');
    await client.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: lost.name } });
    // An id the server now uses for another name: must not be deleted.
    const other = await client.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'someone.else@example.com' } });
    const otherId = (other.json as { id: string }).id;
    journal.created(journal.intend('run1', 'Users', 'scimwb-probe-run1-x-2'), otherId);
    // A name outside the prefix: refused.
    journal.intend('run1', 'Users', 'alice@example.com');
    const summary = await cleanUpJournal(client, journal, { prefix: 'scimwb-probe-' });
    assert.equal(summary.deleted, 1);
    assert.equal(summary.failed.length, 2);
    assert.match(summary.failed.map((f) => f.reason).join('\n'), /now named "someone.else@example.com"/);
    assert.match(summary.failed.map((f) => f.reason).join('\n'), /does not start with the test prefix/);
    const gone = await client.send({ method: 'GET', path: '/Users', query: { filter: `userName eq "${lost.name}"` } });
    assert.equal((gone.json as { totalResults: number }).totalResults, 0);
    const kept = await client.send({ method: 'GET', path: `/Users/${otherId}` });
    assert.equal(kept.status, 200);
  });

  test('no secret value appears in the report', async () => {
    const { report } = await probe(appEntry(running('strict')), { only: ['discovery'] });
    const text = JSON.stringify(report);
    assert.ok(!text.includes(TOKEN));
    assert.ok(!text.includes(Buffer.from(TOKEN).toString('base64')));
  });
});

describe('write-back', () => {
  test('observations land under observed.<probe>; declared fields change only with promote', async () => {
    const app = appEntry(running('minimal'), { endpoints: { schemas: true } });
    const { report } = await probe(app, { only: ['discovery'] });
    const text = `{\n  // my registry\n  "applications": [\n    ${JSON.stringify(app)}\n  ]\n}\n`;
    const plain = writeBackReport(text, report);
    assert.deepEqual(plain.problems, []);
    assert.equal(plain.drift.length, 1);
    const after = parseRegistry(plain.text).applications[0]!.app;
    assert.equal(after.observed?.['discovery']?.verdict, 'warn');
    assert.deepEqual(after.observed?.['discovery']?.findingCodes, ['DISCOVERY_ENDPOINT_MISSING', 'REGISTRY_DRIFT']);
    assert.equal(after.endpoints?.schemas, true);
    assert.ok(plain.text.includes('// my registry'));
    const promoted = writeBackReport(text, report, { promote: true });
    assert.equal(parseRegistry(promoted.text).applications[0]!.app.endpoints?.schemas, false);
  });
});

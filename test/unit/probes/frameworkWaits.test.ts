// Framework pieces the writing probes added: ctx.wait on the run's clock (a test's fake clock moves on at once,
// a real one is cut short by cancel), and resources journalled for a request that creates several (Bulk).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CleanupJournal, memoryJournalStore, runProbes, type Probe, type ProbeContext } from '../../../src/core/probes';
import type { RunningSandbox } from '../../../src/sandbox';
import { appEntry, clientFor, startPresets } from './helpers';
import { fakeClock } from './clock';

let sb: RunningSandbox;
before(async () => { sb = await startPresets(['strict'], { users: 5 }); });
after(async () => { await sb.stop(); });

const probeOf = (run: (ctx: ProbeContext) => Promise<void>): Probe => ({ name: 'bulk', title: 'test', writes: 'always', run });

describe('ctx.wait', () => {
  test('waits on the run\'s clock: a fake clock moves on by exactly the wait', async () => {
    const clock = fakeClock();
    const app = appEntry(sb.apps[0]!);
    let seen: number[] = [];
    await runProbes(app, {
      client: clientFor(app), journal: new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl), only: ['bulk'], now: clock.now, sleep: clock.sleep,
      probes: [probeOf(async (ctx) => { const t0 = ctx.now(); await ctx.wait(90_000); seen = [ctx.now() - t0]; })],
    });
    assert.deepEqual(seen, [90_000]);
    assert.deepEqual(clock.waits, [90_000]);
  });

  test('a real wait ends as soon as the run is cancelled, and the probe reads as cancelled', { timeout: 20_000 }, async () => {
    const app = appEntry(sb.apps[0]!);
    const controller = new AbortController();
    const report = await runProbes(app, {
      client: clientFor(app), journal: new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl), only: ['bulk'], signal: controller.signal,
      probes: [probeOf(async (ctx) => { setTimeout(() => controller.abort(), 20); await ctx.wait(10 * 60_000); })],
    });
    assert.equal(report.cancelled, true);
    assert.equal(report.probes[0]!.status, 'skipped');
  });
});

describe('journalCreate', () => {
  test('entries are written before the request, confirmed with the id, abandoned when refused, and confirmed ones are cleaned up', async () => {
    const app = appEntry(sb.apps[0]!);
    const store = memoryJournalStore();
    const journal = new CleanupJournal(store, app.id, app.baseUrl);
    let before = -1;
    const report = await runProbes(app, {
      client: clientFor(app), journal, only: ['bulk'],
      probes: [probeOf(async (ctx) => {
        const kept = ctx.journalCreate('Users', ctx.newName('kept'));
        const dropped = ctx.journalCreate('Users', ctx.newName('dropped'));
        assert.throws(() => ctx.journalCreate('Users', 'someone-else'), /must start with/);
        before = store.read().length;
        const r = await ctx.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: kept.name } });
        const created = ctx.confirmCreate(kept, (r.json as { id: string }).id, r);
        ctx.abandonCreate(dropped);
        assert.ok(ctx.isOwn('Users', created.id!));
        assert.deepEqual(store.read().map((e) => [e.name, e.id]), [[kept.name, created.id]]);
      })],
    });
    assert.equal(report.probes[0]!.status, 'pass', report.probes[0]!.reason);
    assert.equal(before, 2);
    assert.deepEqual(report.cleanup, { created: 1, deleted: 1, failed: [] });
    assert.deepEqual(store.read(), []);
  });

  test('refused without allowWrites', async () => {
    const app = appEntry(sb.apps[0]!, { probe: { allowWrites: false } });
    const report = await runProbes(app, {
      client: clientFor(app), journal: new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl), only: ['bulk'],
      probes: [{ name: 'bulk', title: 'test', writes: 'some', run: async (ctx) => { ctx.journalCreate('Users', ctx.newName('x')); } }],
    });
    assert.equal(report.probes[0]!.status, 'error');
    assert.match(report.probes[0]!.reason ?? '', /writes are not allowed/);
  });
});

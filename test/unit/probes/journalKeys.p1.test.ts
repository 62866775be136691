// The journal and cleanup details the probes rely on. Two journal entries of one run with the same name (a
// duplicate-create check makes them) stay apart: recording the id of one, or removing one, leaves the other as it
// was; entries written before keys existed still match; a lost create on a 404-for-no-match server is cleared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CleanupJournal, memoryJournalStore } from '../../../src/core/probes';

test('same-name entries of one run are kept apart by their key', () => {
  const journal = new CleanupJournal(memoryJournalStore(), 'app', 'http://x');
  const first = journal.intend('r1', 'Users', 'scimwb-probe-r1-dup-1');
  const second = journal.intend('r1', 'Users', 'scimwb-probe-r1-dup-1');
  assert.notEqual(first.key, second.key);
  journal.created(first, 'id-1');
  assert.deepEqual(journal.pending().map((e) => e.id), ['id-1', undefined]);
  journal.removed(second);
  assert.deepEqual(journal.pending().map((e) => e.id), ['id-1']);
  journal.removed(first);
  assert.deepEqual(journal.pending(), []);
});

test('an entry without a key (an older journal file) is still found by run, kind and name', () => {
  const store = memoryJournalStore([{ runId: 'r0', appId: 'app', baseUrl: 'http://x', kind: 'Users', name: 'scimwb-probe-r0-x-1', createdAt: '2026-01-01T00:00:00Z' }]);
  const journal = new CleanupJournal(store, 'app', 'http://x');
  const [old] = journal.pending();
  journal.removed(old!);
  assert.deepEqual(journal.pending(), []);
});

test('cleanup of a create whose answer was lost, on a server that answers a no-match filter with 404: the entry goes', async () => {
  const { startApps } = await import('./p1Helpers');
  const { appEntry, clientFor } = await import('./helpers');
  const { cleanUpJournal } = await import('../../../src/core/probes');
  const sb = await startApps([{ id: 'nomatch', quirks: { noMatchStatus: 404 } }], { users: 3 });
  try {
    const app = appEntry(sb.apps[0]!);
    const journal = new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl);
    journal.intend('r2', 'Users', 'scimwb-probe-r2-lost-1');
    const summary = await cleanUpJournal(clientFor(app), journal, { prefix: 'scimwb-probe-' });
    assert.deepEqual(summary, { created: 1, deleted: 1, failed: [] });
    assert.deepEqual(journal.pending(), []);
  } finally {
    await sb.stop();
  }
});

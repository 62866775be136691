// Two journal entries of one run with the same name (a duplicate-create check makes them) stay apart: recording
// the id of one, or removing one, leaves the other as it was. Entries written before keys existed still match.
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

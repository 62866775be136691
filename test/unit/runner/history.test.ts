// The runner's history (src/vscode/runner/runnerHistory.ts needs only a Memento): the last 200 responses per
// application (ids compare case-insensitively), newest first, big bodies cut to their head, kept in the workspace
// state and read back by the next window, cleared per application.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Memento } from 'vscode';
import type { Exchange } from '../../../src/core/http';
import type { RunnerResult } from '../../../src/core/protocol';
import { HISTORY_BODY_CHARS, HISTORY_LIMIT, RunnerHistory } from '../../../src/vscode/runner/runnerHistory';

class MemoryState implements Memento {
  readonly values = new Map<string, unknown>();
  writes = 0;
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, fallback?: T): T { return (this.values.has(key) ? structuredClone(this.values.get(key)) : fallback) as T; }
  update(key: string, value: unknown): Thenable<void> {
    this.writes++;
    this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

function result(appId: string, n: number, bodyChars = 2): RunnerResult {
  const text = `"${'x'.repeat(Math.max(0, bodyChars - 2))}"`;
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const exchange: Exchange = {
    id: `${appId}-${n}`, appId, startedAt: at,
    request: { method: 'GET', url: `http://127.0.0.1/scim/v2/Users?startIndex=${n}`, line: 'GET /scim/v2/Users HTTP/1.1', headers: { authorization: 'Bearer «redacted:t»' } },
    response: { status: 200, statusText: 'OK', headers: {}, body: { kind: 'json', size: text.length, text, truncated: false, omittedBytes: 0 } },
    timings: { totalMs: 5, waitedMs: 0 }, attempts: [], retries: 0, redirects: [], tokenRequests: [],
  };
  return {
    id: exchange.id, appId, source: { kind: 'panel' }, request: { appId, method: 'GET', path: '/Users', query: {}, headers: [], body: '' },
    exchange, explanation: null, checks: [], prettyBody: text, omittedChars: 0, hadPromptSecret: false,
  };
}

test('keeps the last 200 per application, newest first, in the workspace state', async () => {
  const state = new MemoryState();
  const history = new RunnerHistory(state);
  for (let n = 1; n <= HISTORY_LIMIT + 5; n++) history.add(result('Strict', n));
  history.add(result('aws-like', 1));
  const strict = history.items('strict');
  assert.equal(strict.length, HISTORY_LIMIT);
  assert.equal(strict[0]?.id, `Strict-${HISTORY_LIMIT + 5}`);
  assert.equal(strict.at(-1)?.id, 'Strict-6', 'the oldest five are gone');
  assert.equal(strict[0]?.target, `/scim/v2/Users?startIndex=${HISTORY_LIMIT + 5}`);
  assert.equal(history.items().length, HISTORY_LIMIT + 1);
  await history.flush();
  assert.equal(state.writes, 1, 'a burst of adds is one write');
  const next = new RunnerHistory(state);
  assert.deepEqual(next.items('STRICT').map((i) => i.id), strict.map((i) => i.id), 'read back by the next window');
  next.clear('strict');
  assert.deepEqual(next.items('strict'), []);
  assert.equal(next.items('aws-like').length, 1, 'other applications keep theirs');
  history.dispose();
  next.dispose();
});

test('stores only the head of a big body; the recent full result stays in memory', async () => {
  const state = new MemoryState();
  const history = new RunnerHistory(state);
  const big = result('strict', 1, HISTORY_BODY_CHARS * 3);
  history.add(big);
  assert.equal(history.get(big.id)?.prettyBody.length, HISTORY_BODY_CHARS * 3, 'the full body while it is recent');
  await history.flush();
  const stored = new RunnerHistory(state).get(big.id);
  assert.ok(stored);
  assert.equal(stored.prettyBody.length, HISTORY_BODY_CHARS);
  assert.equal(stored.omittedChars, HISTORY_BODY_CHARS * 2);
  assert.ok((stored.exchange.response?.body.text.length ?? 0) <= HISTORY_BODY_CHARS);
  history.dispose();
});

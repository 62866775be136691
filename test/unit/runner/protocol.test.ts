// The runner's message protocol: every message type validates, and what does not (wrong types, unknown types,
// missing fields, extra query keys) is refused on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeText, parseToExtension, parseToWebview, type RunnerRequest, type RunnerResult, type ToExtension, type ToWebview } from '../../../src/core/protocol';
import type { Exchange } from '../../../src/core/http';

const request: RunnerRequest = { appId: 'strict', method: 'POST', path: '/Users', query: { filter: 'userName eq "x"', count: '5' }, headers: [{ name: 'If-Match', value: 'W/"1"' }], body: '{}' };
const exchange: Exchange = {
  id: 'x1-1', appId: 'strict', startedAt: '2026-01-01T00:00:00.000Z',
  request: { method: 'POST', url: 'http://127.0.0.1/scim/v2/Users', line: 'POST /scim/v2/Users HTTP/1.1', headers: { authorization: 'Bearer «redacted:t»' } },
  response: { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/scim+json' }, body: { kind: 'json', size: 10, text: '{}', truncated: false, omittedBytes: 0 } },
  timings: { totalMs: 12, waitedMs: 0 }, attempts: [{ n: 1, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 12, waitedMs: 0, why: 'first', status: 409 }],
  retries: 0, redirects: [], tokenRequests: [],
};
const result: RunnerResult = {
  id: 'x1-1', appId: 'strict', source: { kind: 'file', file: 'requests/a.scim', line: 3, name: 'create' }, request, exchange,
  explanation: {
    status: 409, bodyKind: 'scim-error', bodySource: 'body', category: 'uniqueness', scimType: 'uniqueness', detail: 'taken', meaning: 'm',
    retryable: false, retryAfterSeconds: null, deviations: [], vendorFields: {}, registryMatches: [{ kind: 'error', index: 0, meaning: 'dup', workaround: null }],
  },
  checks: [{ code: 'X', severity: 'warning', message: 'm', line: 2 }], prettyBody: '{}', omittedChars: 0, hadPromptSecret: false,
};

test('every message to the page validates', () => {
  const messages: ToWebview[] = [
    { type: 'init', apps: [{ id: 'strict', source: 'scim-registry.jsonc', baseUrl: 'http://h' }], history: [{ id: 'x', appId: 'strict', at: 'now', method: 'GET', target: '/Users', status: null, ok: false, durationMs: 1, outcome: 'refused' }], trusted: true, result, request },
    { type: 'apps', apps: [] }, { type: 'history', items: [] }, { type: 'sending', sendId: 's1', label: 'GET /Users' },
    { type: 'progress', sendId: 's1', text: 'waiting' }, { type: 'result', sendId: 's1', result }, { type: 'notSent', message: 'no' },
    { type: 'request', request }, { type: 'body', text: '{}', source: 'a.json' }, { type: 'notice', level: 'info', text: 'ok' },
  ];
  for (const m of messages) assert.deepEqual(parseToWebview(m), m, m.type);
});

test('every message to the extension validates', () => {
  const messages: ToExtension[] = [
    { type: 'ready' }, { type: 'ready', resultId: 'x' }, { type: 'send', request }, { type: 'cancel' }, { type: 'showHistory', id: 'x' },
    { type: 'resend', id: 'x' }, { type: 'copyCurl', id: 'x' }, { type: 'saveResponse', id: 'x' }, { type: 'openRequestFile', request },
    { type: 'bodyFromEditor' }, { type: 'clearHistory', appId: 'strict' },
  ];
  for (const m of messages) assert.deepEqual(parseToExtension(m), m, m.type);
});

test('what does not validate is refused', () => {
  for (const bad of [
    null, 'send', 42, [], {}, { type: 'nope' }, { type: 'toString' }, { type: 'send' }, { type: 'send', request: { ...request, appId: 1 } },
    { type: 'send', request: { ...request, query: { evil: 'x' } } }, { type: 'send', request: { ...request, headers: [{ name: 'a' }] } },
    { type: 'ready', resultId: 5 }, { type: 'showHistory' }, { type: 'clearHistory', appId: null },
  ]) assert.equal(parseToExtension(bad), undefined, JSON.stringify(bad));
  for (const bad of [
    { type: 'result', result: { ...result, exchange: { ...exchange, attempts: 'x' } } }, { type: 'result', result: { ...result, prettyBody: 1 } },
    { type: 'result', result: { ...result, source: { kind: 'file' } } }, { type: 'notice', level: 'warn', text: 'x' },
    { type: 'init', apps: [{ id: 1 }], history: [], trusted: true }, { type: 'progress', text: 'x' }, { type: '__proto__' },
  ]) assert.equal(parseToWebview(bad), undefined, JSON.stringify(bad).slice(0, 80));
});

test('outcomeText: the status and category of an error, the status text of a success, the failure kind', () => {
  assert.equal(outcomeText(exchange, result.explanation), '409 uniqueness');
  assert.equal(outcomeText({ ...exchange, response: { ...exchange.response!, status: 201, statusText: 'Created' } }, null), '201 Created');
  const { response: _r, ...failed } = exchange;
  assert.equal(outcomeText({ ...failed, error: { kind: 'refused', message: 'm' } }, null), 'refused');
  assert.equal(outcomeText({ ...failed, error: { kind: 'aborted', message: 'm' } }, null), 'cancelled');
  const waiting = { ...exchange, response: { ...exchange.response!, status: 429, statusText: 'Too Many Requests' }, error: { kind: 'aborted' as const, message: 'm' } };
  assert.equal(outcomeText(waiting, { ...result.explanation!, status: 429, category: 'rateLimited' }), '429 rateLimited, cancelled', 'cancelled while waiting to retry after a 429');
  assert.equal(outcomeText(waiting, null), '429 Too Many Requests, cancelled');
});

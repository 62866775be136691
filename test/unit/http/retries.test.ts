// Retries against a raw-socket fault server: Retry-After in both forms, 503 then success, what is and is not
// retried, and cancellation during a wait.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { app, client, events } from './helpers';

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
});
after(async () => {
  await server.close();
});

const ok = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] };

test('429 with Retry-After in seconds is waited out, then retried', async () => {
  server.route('/ra-seconds/Users', [(_q, r) => r.json(429, { detail: 'slow down' }, { 'Retry-After': '1' }), (_q, r) => r.json(200, ok)]);
  const ev = events();
  const started = Date.now();
  const result = await client(app(`${server.origin}/ra-seconds`)).send({ method: 'GET', path: '/Users' }, { onEvent: ev.onEvent });
  const elapsed = Date.now() - started;
  assert.equal(result.status, 200);
  assert.equal(result.exchange.retries, 1);
  assert.ok(elapsed >= 950, `waited ${elapsed} ms`);
  assert.equal(result.exchange.attempts[0]?.status, 429);
  assert.match(result.exchange.attempts[1]?.why ?? '', /429 with Retry-After 1 s/);
  const retry = ev.list.find((e) => e.type === 'retry');
  assert.ok(retry && retry.type === 'retry' && retry.waitMs === 1000 && retry.retryAfterSeconds === 1);
  assert.ok(result.exchange.timings.waitedMs >= 1000);
});

test('429 with Retry-After as an HTTP-date is measured against the response Date', async () => {
  const now = Date.now();
  const date = new Date(now).toUTCString();
  const later = new Date(now + 2000).toUTCString();
  server.route('/ra-date/Users', [(_q, r) => r.json(429, { detail: 'x' }, { 'Retry-After': later, Date: date }), (_q, r) => r.json(200, ok)]);
  const ev = events();
  const result = await client(app(`${server.origin}/ra-date`)).send({ method: 'GET', path: '/Users' }, { onEvent: ev.onEvent });
  assert.equal(result.status, 200);
  const retry = ev.list.find((e) => e.type === 'retry');
  assert.ok(retry && retry.type === 'retry');
  assert.ok(retry.waitMs >= 1000 && retry.waitMs <= 2000, `waited ${retry.waitMs}`);
});

test('503 three times then 200: retried with backoff, the attempts say why', async () => {
  const fail = (_q: unknown, r: { json: (s: number, b: unknown) => void }): void => r.json(503, { detail: 'busy' });
  server.route('/flaky/Users', [fail, fail, fail, (_q, r) => r.json(200, ok)]);
  const result = await client(app(`${server.origin}/flaky`)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 200);
  assert.equal(result.exchange.retries, 3);
  assert.deepEqual(result.exchange.attempts.map((a) => a.status), [503, 503, 503, 200]);
  assert.match(result.exchange.attempts[1]?.why ?? '', /503 without Retry-After: backoff/);
});

test('a POST that gets a connection reset is not retried; a GET is', async () => {
  server.route('/reset/Users', (_q, r) => r.reset());
  const post = await client(app(`${server.origin}/reset`)).send({ method: 'POST', path: '/Users', body: { userName: 'a' } });
  assert.equal(post.exchange.error?.kind, 'reset');
  assert.equal(post.exchange.attempts.length, 1);
  assert.match(post.exchange.attempts[0]?.notRetried ?? '', /not idempotent/);
  assert.equal(server.hits('/reset/Users').length, 1);

  const get = await client(app(`${server.origin}/reset`, { rateLimit: { backoff: { maxRetries: 2, initialMs: 1 } } })).send({ method: 'GET', path: '/Users' });
  assert.equal(get.exchange.error?.kind, 'reset');
  assert.equal(get.exchange.attempts.length, 3);
  assert.match(get.exchange.attempts[2]?.notRetried ?? '', /gave up after 2 retries/);
});

test('a POST that gets a 500 is retried only when the caller opts in', async () => {
  server.route('/p500/Users', [(_q, r) => r.json(500, { detail: 'boom' }), (_q, r) => r.json(201, { id: '1' })]);
  server.route('/p500b/Users', [(_q, r) => r.json(500, { detail: 'boom' }), (_q, r) => r.json(201, { id: '1' })]);
  const plain = await client(app(`${server.origin}/p500`)).send({ method: 'POST', path: '/Users', body: {} });
  assert.equal(plain.status, 500);
  assert.equal(plain.exchange.retries, 0);
  const optIn = await client(app(`${server.origin}/p500b`)).send({ method: 'POST', path: '/Users', body: {} }, { retryNonIdempotent: true });
  assert.equal(optIn.status, 201);
  assert.equal(optIn.exchange.retries, 1);
});

// Waiting would take an hour (or past the 5 s deadline): the test's own deadline proves it did not wait.
test('a Retry-After longer than the deadline is not waited: the 429 comes back with the reason', { timeout: 20_000 }, async () => {
  server.route('/long/Users', (_q, r) => r.json(429, { detail: 'x' }, { 'Retry-After': '3600' }));
  const result = await client(app(`${server.origin}/long`)).send({ method: 'GET', path: '/Users' }, { deadlineMs: 5000 });
  assert.equal(result.exchange.timings.waitedMs, 0);
  assert.equal(result.status, 429);
  assert.match(result.exchange.attempts[0]?.notRetried ?? '', /would pass the 5 s deadline/);
});

// The wait is 30 s; the test's 15 s deadline proves cancelling ended it.
test('cancelling during a Retry-After wait stops at once', { timeout: 15_000 }, async () => {
  server.route('/wait/Users', (_q, r) => r.json(429, { detail: 'x' }, { 'Retry-After': '30' }));
  const controller = new AbortController();
  const ev = events();
  const pending = client(app(`${server.origin}/wait`)).send({ method: 'GET', path: '/Users' }, {
    signal: controller.signal,
    onEvent: (e) => {
      ev.onEvent(e);
      if (e.type === 'retry') setImmediate(() => controller.abort());
    },
  });
  const result = await pending;
  assert.equal(result.exchange.error?.kind, 'aborted');
  assert.equal(result.status, 429, 'the last response is kept');
});

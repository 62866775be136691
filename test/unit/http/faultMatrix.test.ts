// The rest of issue 15's fault matrix over real sockets (faults.test.ts, retries.test.ts, auth.test.ts and
// tlsProxy.test.ts hold the other cases): a reset before any response and before the first body byte, invalid
// UTF-8, a 50 MB body against the default read cap, a gzip bomb sent unasked, and a 401 with a stale bearer
// token followed by a good one. Each ends with a clear result, within the configured limits, with no unhandled
// rejection and no secret in the exchange.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { DEFAULT_MAX_BODY_BYTES } from '../../../src/core/http';
import { app, client, secretMap, SECRET, assertNoLeak } from './helpers';

let server: FaultServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
before(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startFaultServer();
});
after(async () => {
  await server.close();
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, [], 'no unhandled rejection during the fault matrix');
});

const noRetry = { rateLimit: { backoff: { maxRetries: 0 } } };
const USER = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '1', userName: 'a' };

test('a reset before any response: a reset error, no response, nothing thrown', async () => {
  server.route('/reset-early/Users', (_q, r) => r.reset());
  const result = await client(app(`${server.origin}/reset-early`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.ok, false);
  assert.equal(result.exchange.error?.kind, 'reset');
  assert.equal(result.exchange.response, undefined);
  assertNoLeak('exchange', JSON.stringify(result.exchange), [SECRET]);
});

test('a reset after the headers, before the first body byte: a reset error, the status kept, an empty body', async () => {
  server.route('/reset-head/Users', (_q, r) => {
    r.head(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '500' });
    r.socket.once('drain', () => r.reset());
    if (r.socket.writableLength === 0) r.reset();
  });
  const result = await client(app(`${server.origin}/reset-head`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.ok, false);
  assert.equal(result.exchange.error?.kind, 'reset');
  assert.ok(result.exchange.response === undefined || result.exchange.response.body.size === 0, 'no body bytes were invented');
});

test('invalid UTF-8 in a JSON body: read with U+FFFD and reported with the byte offset; valid UTF-8 is not', async () => {
  const before = Buffer.from('{"userName":"caf');
  const bytes = Buffer.concat([before, Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  server.route('/bad-utf8/Users/1', (_q, r) => r.send(200, { 'Content-Type': 'application/scim+json' }, bytes));
  const bad = await client(app(`${server.origin}/bad-utf8`, noRetry)).send({ method: 'GET', path: '/Users/1' });
  assert.equal(bad.status, 200);
  assert.equal((bad.json as { userName: string }).userName, 'caf\uFFFD\uFFFD');
  assert.equal(bad.exchange.response?.body.encodingError, `The body is not valid UTF-8 (byte ${before.length} of ${bytes.length}); invalid bytes read as U+FFFD.`);
  server.route('/good-utf8/Users/1', (_q, r) => r.json(200, { ...USER, userName: 'café 😀 日本' }));
  const good = await client(app(`${server.origin}/good-utf8`, noRetry)).send({ method: 'GET', path: '/Users/1' });
  assert.equal((good.json as { userName: string }).userName, 'café 😀 日本');
  assert.equal(good.exchange.response?.body.encodingError, undefined);
  // A cap that cuts a character in two is the reader's doing, not the server's: no encoding error.
  const cut = await client(app(`${server.origin}/good-utf8`, noRetry), { maxBodyBytes: JSON.stringify({ ...USER, userName: 'caf' }).indexOf('caf') + 4 })
    .send({ method: 'GET', path: '/Users/1' });
  assert.equal(cut.exchange.response?.body.truncated, true);
  assert.equal(cut.exchange.response?.body.encodingError, undefined);
});

test('a 50 MB body is cut at the default read cap and marked truncated, the connection given up', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 0x78);
  server.route('/huge/Users', (_q, r) => {
    r.head(200, { 'Content-Type': 'application/scim+json', 'Content-Length': String(50 * chunk.length + 2) });
    r.write('["');
    let sent = 0;
    const pump = (): void => {
      while (sent < 50 && !r.socket.destroyed) {
        sent++;
        if (!r.socket.write(chunk)) return void r.socket.once('drain', pump);
      }
    };
    pump();
  });
  const result = await client(app(`${server.origin}/huge`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 200);
  assert.equal(result.exchange.error, undefined);
  const body = result.exchange.response?.body;
  assert.equal(body?.truncated, true);
  assert.equal(body?.size, DEFAULT_MAX_BODY_BYTES);
  assert.equal(body?.kind, 'json');
  assert.match(body?.parseError ?? '', /JSON/);
});

test('a gzip bomb sent unasked is never inflated: kept as received, within the cap, and said to be undecoded', async () => {
  const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20));
  assert.ok(bomb.length < 1024 * 1024, 'the bomb is small on the wire');
  server.route('/bomb/Users', (_q, r) => r.send(200, { 'Content-Type': 'application/scim+json', 'Content-Encoding': 'gzip' }, bomb));
  const result = await client(app(`${server.origin}/bomb`, noRetry)).send({ method: 'GET', path: '/Users' });
  const sent = server.hits('/bomb/Users')[0];
  assert.ok(!/gzip|deflate|br/i.test(sent?.headers['accept-encoding'] ?? ''), 'no compression is asked for');
  assert.equal(result.status, 200);
  assert.equal(result.exchange.response?.body.size, bomb.length);
  assert.equal(result.text.length <= bomb.length, true);
  assert.match(result.exchange.response?.body.encodingError ?? '', /gzip-encoded; bodies are never inflated/);
});

test('401 with a stale bearer token is returned at once (not retried), and the good token works next', async () => {
  const GOOD = 'Good-Bearer-Token-5a6b7c8d';
  server.route('/rotated/Users', (q, r) => (q.headers['authorization'] === `Bearer ${GOOD}`
    ? r.json(200, { totalResults: 0, Resources: [] })
    : r.json(401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'invalid token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' })));
  const application = app(`${server.origin}/rotated`);
  const values: Record<string, string> = { 'test-token': SECRET };
  const c = client(application, { secrets: secretMap(values) });
  const stale = await c.send({ method: 'GET', path: '/Users' });
  assert.equal(stale.status, 401);
  assert.equal(stale.ok, false);
  assert.equal(stale.exchange.attempts.length, 1, 'a 401 with a static token is not retried');
  values['test-token'] = GOOD;
  const fresh = await client(application, { secrets: secretMap(values) }).send({ method: 'GET', path: '/Users' });
  assert.equal(fresh.status, 200);
  assertNoLeak('exchanges', JSON.stringify([stale.exchange, fresh.exchange]), [SECRET, GOOD]);
});

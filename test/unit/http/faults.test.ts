// The fault matrix of issue 9 over real sockets: refused, reset mid-body, timeouts for headers and body, a
// gateway's HTML 502, truncated JSON, a body over the read cap, redirects (same origin followed, another origin
// reported and never sent credentials). Each ends with a clear result, within the configured limits.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { app, client, SECRET, assertNoLeak } from './helpers';

let server: FaultServer;
let other: FaultServer;
before(async () => {
  server = await startFaultServer();
  other = await startFaultServer();
});
after(async () => {
  await server.close();
  await other.close();
});

const noRetry = { rateLimit: { backoff: { maxRetries: 0 } } };

test('connection refused says so', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const result = await client(app(`http://127.0.0.1:${port}/scim/v2`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.ok, false);
  assert.equal(result.exchange.error?.kind, 'refused');
  assert.match(result.exchange.error?.message ?? '', /refused/);
  assert.equal(result.exchange.response, undefined);
});

test('a reset in the middle of the body: a reset error, the partial response kept', async () => {
  server.route('/midbody/Users', (_q, r) => {
    r.head(200, { 'Content-Type': 'application/scim+json', 'Content-Length': '1000' });
    r.write('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Resources":[');
    setTimeout(() => r.reset(), 20);
  });
  const result = await client(app(`${server.origin}/midbody`, noRetry)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.exchange.error?.kind, 'reset');
  assert.equal(result.ok, false);
  assert.equal(result.exchange.response?.status, 200);
  assert.equal(result.exchange.response?.body.kind, 'json');
  assert.ok(result.exchange.response?.body.parseError, 'the partial JSON is reported as not parsing');
});

// The server never answers: only the engine's own timeout can end these, so the test's deadline bounds the hang.
test('a server that never answers headers hits the headers timeout', { timeout: 20_000 }, async () => {
  server.route('/silent/Users', (_q, r) => r.hang());
  const result = await client(app(`${server.origin}/silent`, noRetry), { timeouts: { headersMs: 300 } }).send({ method: 'GET', path: '/Users' });
  assert.equal(result.exchange.error?.kind, 'timeout');
  assert.equal(result.exchange.error?.phase, 'headers');
});

test('a body that stalls hits the body timeout', { timeout: 20_000 }, async () => {
  server.route('/stall/Users', (_q, r) => {
    r.head(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
    r.write('{"Resources": [');
  });
  const result = await client(app(`${server.origin}/stall`, noRetry), { timeouts: { bodyMs: 300 } }).send({ method: 'GET', path: '/Users' });
  assert.equal(result.exchange.error?.kind, 'timeout');
  assert.equal(result.exchange.error?.phase, 'body');
});

test('a gateway HTML 502 is kept as html, retried for GET, and explained by status', async () => {
  const html = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
  server.route('/gw/Users', (_q, r) => r.send(502, { 'Content-Type': 'text/html' }, html));
  const result = await client(app(`${server.origin}/gw`, { rateLimit: { backoff: { maxRetries: 1, initialMs: 1 } } })).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 502);
  assert.equal(result.exchange.retries, 1);
  assert.equal(result.exchange.response?.body.kind, 'html');
  assert.equal(result.exchange.response?.body.text, html);
  assert.equal(result.json, undefined);
});

test('truncated JSON in a complete response is reported with its parse error, never thrown', async () => {
  server.route('/trunc/Users', (_q, r) => r.send(200, { 'Content-Type': 'application/scim+json' }, '{"schemas":["urn:x"],"totalResults":'));
  const result = await client(app(`${server.origin}/trunc`)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 200);
  assert.equal(result.exchange.response?.body.kind, 'json');
  assert.match(result.exchange.response?.body.parseError ?? '', /JSON/);
  assert.equal(result.json, undefined);
});

test('a body over the read cap is cut and marked truncated; the transcript cap is separate', async () => {
  const big = JSON.stringify({ data: 'x'.repeat(200_000) });
  server.route('/big/Users', (_q, r) => r.send(200, { 'Content-Type': 'application/json' }, big));
  const capped = await client(app(`${server.origin}/big`), { maxBodyBytes: 50_000 }).send({ method: 'GET', path: '/Users' });
  assert.equal(capped.exchange.response?.body.truncated, true);
  assert.equal(capped.exchange.response?.body.size, 50_000);
  assert.equal(capped.text.length, 50_000);
  const small = await client(app(`${server.origin}/big`), { transcriptBodyChars: 100 }).send({ method: 'GET', path: '/Users' });
  assert.equal(small.exchange.response?.body.truncated, false);
  assert.equal(small.exchange.response?.body.text.length, 100);
  assert.equal(small.exchange.response?.body.omittedBytes, big.length - 100);
  assert.deepEqual(small.json, JSON.parse(big), 'the caller still gets the whole parsed body');
});

test('a same-origin redirect is followed with credentials; the attempts show it', async () => {
  server.route('/moved/Users', (_q, r) => r.send(307, { Location: '/here/Users' }));
  server.route('/here/Users', (_q, r) => r.json(200, { ok: true }));
  const result = await client(app(`${server.origin}/moved`)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 200);
  assert.equal(result.exchange.redirects[0]?.followed, true);
  assert.equal(result.exchange.retries, 0);
  assert.equal(server.hits('/here/Users').at(-1)?.headers['authorization'], `Bearer ${SECRET}`);
});

test('a redirect to another origin is reported, not followed, and no credential leaves', async () => {
  other.route('/steal/Users', (_q, r) => r.json(200, { stolen: true }));
  server.route('/cross/Users', (_q, r) => r.send(302, { Location: `${other.origin}/steal/Users` }));
  const result = await client(app(`${server.origin}/cross`)).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 302);
  assert.equal(result.exchange.redirects[0]?.followed, false);
  assert.match(result.exchange.redirects[0]?.reason ?? '', /another origin/);
  assert.equal(other.requests.length, 0, 'nothing was sent to the other origin');
  assertNoLeak('exchange', JSON.stringify(result.exchange), [SECRET]);
});

test('an absolute URL on another origin is refused before sending', async () => {
  await assert.rejects(
    client(app(`${server.origin}/scim`)).send({ method: 'GET', path: `${other.origin}/Users` }),
    (err: Error & { code?: string }) => err.code === 'OTHER_ORIGIN',
  );
  assert.equal(other.requests.length, 0);
});

// Redaction at the source: no secret value (nor its base64 or URL-encoded form) survives into an exchange, even
// when the server echoes it; credential headers, token query parameters and token fields are replaced.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { Redactor, compactExchange } from '../../../src/core/http';
import { app, client, SECRET, assertNoLeak } from './helpers';

test('the redactor replaces token query parameters, token fields and credential headers', () => {
  const r = new Redactor([{ name: 'k', value: 'known-secret-1' }], ['X-Custom-Key']);
  assert.equal(r.url('https://h/scim/Users?access_token=abc&count=1&api_key=z'), 'https://h/scim/Users?access_token=«redacted»&count=1&api_key=«redacted»');
  assert.equal(r.text('{"client_secret": "x", "access_token":"y\\"z", "userName":"u"}'), '{"client_secret": "«redacted»", "access_token":"«redacted»", "userName":"u"}');
  assert.equal(r.text('grant_type=client_credentials&client_secret=abc%20d&scope=s'), 'grant_type=client_credentials&client_secret=«redacted»&scope=s');
  assert.equal(r.text('say known-secret-1 and known-secret-1'), 'say «redacted:k» and «redacted:k»');
  assert.deepEqual(r.headers({ Authorization: 'Bearer unknown-token', 'x-custom-key': 'v', cookie: 'a=b', accept: 'x' }), {
    Authorization: 'Bearer «redacted»', 'x-custom-key': '«redacted»', cookie: '«redacted»', accept: 'x',
  });
});

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
});
after(async () => {
  await server.close();
});

test('a server echoing the secret (body, header, cookie, basic credentials) leaves no trace in the exchange', async () => {
  const b64 = Buffer.from(`bot:${SECRET}`).toString('base64');
  server.route('/echo/Users', (q, r) => r.json(400, {
    detail: `bad token ${SECRET} (${encodeURIComponent(SECRET)}) from ${q.headers['authorization']}`,
    echoed: q.body,
  }, { 'Set-Cookie': `session=${SECRET}`, 'X-Debug': `Basic ${b64}` }));
  const application = app(`${server.origin}/echo`, { auth: { type: 'basic', username: 'bot', secret: 'test-token' } });
  const result = await client(application).send({
    method: 'POST', path: `/Users?token=${SECRET}`,
    body: { userName: 'u', password: 'p4ssw0rd!', note: SECRET },
    headers: { 'X-Trace': SECRET },
  });
  const text = JSON.stringify(result.exchange);
  assertNoLeak('exchange', text, [SECRET, 'p4ssw0rd!'], 'bot');
  assertNoLeak('parsed body', JSON.stringify(result.json), [SECRET], 'bot');
  assert.ok(text.includes('«redacted:test-token»'));
  assert.match(result.exchange.response?.headers['set-cookie'] ?? '', /«redacted/);
  assert.equal(JSON.parse(JSON.stringify(result.exchange)).id, result.exchange.id, 'the exchange is plain JSON');
});

test('an exchange is JSON-serialisable and its compact form keeps only the head of each body', async () => {
  server.route('/list/Users', (_q, r) => r.json(200, { Resources: Array.from({ length: 200 }, (_x, i) => ({ id: String(i) })) }));
  const result = await client(app(`${server.origin}/list`)).send({ method: 'GET', path: '/Users', query: { filter: 'userName eq "a b"', count: 2 } });
  const ex = result.exchange;
  assert.equal(ex.request.line, 'GET /list/Users?filter=userName%20eq%20%22a%20b%22&count=2 HTTP/1.1');
  assert.equal(server.hits('/list/Users').at(-1)?.target, '/list/Users?filter=userName%20eq%20%22a%20b%22&count=2');
  assert.ok(ex.timings.totalMs >= 0 && ex.timings.ttfbMs !== undefined);
  assert.equal(ex.response?.body.kind, 'json');
  const compact = compactExchange(ex, 64);
  assert.equal(compact.response?.body.text.length, 64);
  assert.ok((compact.response?.body.omittedBytes ?? 0) > 1000);
  assert.equal(ex.response?.body.omittedBytes, 0, 'the original is untouched');
});

test('values passed in send({ redact }) (a typed password) are redacted from request, response and parsed body', async () => {
  const typed = 'Typed-Pa55word-7c1e';
  server.route('/typed/Users', (q, r) => r.json(400, { detail: `rejected ${typed}`, echoed: q.body }));
  const result = await client(app(`${server.origin}/typed`)).send(
    { method: 'POST', path: '/Users', body: { userName: 'u', note: typed } },
    { redact: [{ name: 'prompt:new password', value: typed }] },
  );
  const text = JSON.stringify(result.exchange);
  assertNoLeak('exchange', text + JSON.stringify(result.json) + result.text, [typed, SECRET]);
  assert.ok(text.includes('«redacted:prompt:new password»'));
});

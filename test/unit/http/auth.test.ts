// Each auth type on the wire, OAuth client credentials against the sandbox's token endpoint (cached, refreshed
// after a 401), the standby secret of a rotation, and a missing secret named before anything is sent.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { issuedAccessTokens, ScimConfigError } from '../../../src/core/http';
import { app, client, events, secretMap, SECRET, assertNoLeak } from './helpers';

let server: FaultServer;
let sandbox: RunningSandbox;
let clock = Date.now();
before(async () => {
  server = await startFaultServer();
  server.route('/echo/Users', (_q, r) => r.json(200, { totalResults: 0, Resources: [] }));
  sandbox = await startSandbox({ apps: [{ id: 'oauth', profile: 'strict', users: 3 }], token: 'sandbox-static-token', now: () => clock });
});
after(async () => {
  await server.close();
  await sandbox.stop();
});

const lastHeaders = (): Record<string, string> => server.hits('/echo/Users').at(-1)?.headers ?? {};

test('bearer, apiKey, basic and none put the right header on the wire', async () => {
  await client(app(`${server.origin}/echo`)).send({ method: 'GET', path: '/Users' });
  assert.equal(lastHeaders()['authorization'], `Bearer ${SECRET}`);
  await client(app(`${server.origin}/echo`, { auth: { type: 'apiKey', header: 'X-Api-Key', secret: 'test-token' } })).send({ method: 'GET', path: '/Users' });
  assert.equal(lastHeaders()['x-api-key'], SECRET);
  assert.equal(lastHeaders()['authorization'], undefined);
  const basic = await client(app(`${server.origin}/echo`, { auth: { type: 'basic', username: 'scim-bot', secret: 'test-token' } })).send({ method: 'GET', path: '/Users' });
  assert.equal(lastHeaders()['authorization'], `Basic ${Buffer.from(`scim-bot:${SECRET}`).toString('base64')}`);
  assert.equal(basic.exchange.request.headers['authorization'], 'Basic «redacted:test-token»');
  await client(app(`${server.origin}/echo`, { auth: { type: 'none' } })).send({ method: 'GET', path: '/Users' });
  assert.equal(lastHeaders()['authorization'], undefined);
  assert.match(lastHeaders()['user-agent'] ?? '', /^scim-workbench\//);
  assert.equal(lastHeaders()['accept'], 'application/scim+json, application/json;q=0.9');
});

test('the standby secret of a rotation is sent with --secondary', async () => {
  const application = app(`${server.origin}/echo`, { auth: { type: 'bearer', secret: 'test-token', rotation: { secondarySecret: 'next-token' } } });
  const c = client(application, { secrets: secretMap({ 'test-token': SECRET, 'next-token': 'Next-Secret-1234567890' }) });
  const result = await c.send({ method: 'GET', path: '/Users' }, { secondary: true });
  assert.equal(lastHeaders()['authorization'], 'Bearer Next-Secret-1234567890');
  assert.equal(result.exchange.secret, 'secondary');
  assert.equal(result.exchange.request.headers['authorization'], 'Bearer «redacted:next-token»');
});

test('a missing secret is a configuration error naming the variable, and nothing is sent', async () => {
  const before = server.requests.length;
  const application = app(`${server.origin}/echo`, { auth: { type: 'bearer', secret: 'acme-token' } });
  await assert.rejects(client(application, { secrets: secretMap({}) }).send({ method: 'GET', path: '/Users' }), (err: unknown) => {
    assert.ok(err instanceof ScimConfigError);
    assert.equal(err.code, 'SECRET_MISSING');
    assert.equal(err.envName, 'SCIM_SECRET_ACME_TOKEN');
    assert.match(err.message, /SCIM_SECRET_ACME_TOKEN/);
    return true;
  });
  await assert.rejects(client(application, { secrets: secretMap({}), missingSecretHint: (n) => `run "SCIM: Set Secret" for ${n}` }).checkConfig(), /SCIM: Set Secret/);
  await assert.rejects(client(app(`${server.origin}/echo`, { auth: { type: 'apiKey', secret: 'test-token' } })).send({ method: 'GET', path: '/Users' }), /needs auth.header/);
  assert.equal(server.requests.length, before);
});

test('OAuth client credentials against the sandbox: one token for many requests, refreshed after a 401', async () => {
  const sb = sandbox.apps[0];
  assert.ok(sb);
  const application = app(sb.baseUrl, { auth: { type: 'oauth2ClientCredentials', tokenUrl: sb.tokenUrl, clientId: sb.clientId, secret: 'client-secret', scope: 'scim' } });
  const c = client(application, { secrets: secretMap({ 'client-secret': sb.clientSecret }) });
  const ev = events();
  const first = await c.send({ method: 'GET', path: '/Users?count=1' }, { onEvent: ev.onEvent });
  assert.equal(first.status, 200);
  assert.equal(first.exchange.tokenRequests.length, 1);
  assert.equal(first.exchange.tokenRequests[0]?.status, 200);
  assert.equal(first.exchange.tokenRequests[0]?.why, 'no token yet');
  assert.ok(ev.list.some((e) => e.type === 'token'));
  const second = await c.send({ method: 'GET', path: '/Users?count=1' });
  assert.equal(second.exchange.tokenRequests.length, 0, 'the cached token is reused');
  // The sandbox's clock passes the token's lifetime; our cache still trusts it, the server does not.
  clock += 2 * 3600 * 1000;
  const third = await c.send({ method: 'GET', path: '/Users?count=1' });
  assert.equal(third.status, 200);
  assert.deepEqual(third.exchange.attempts.map((a) => a.status), [401, 200]);
  assert.equal(third.exchange.tokenRequests[0]?.why, 'refused with 401');
  for (const r of [first, second, third]) assertNoLeak('oauth exchange', JSON.stringify(r.exchange), [sb.clientSecret]);
  assert.ok(!JSON.stringify(third.exchange).includes('Bearer ey'), 'no token in the transcript');
  assert.match(third.exchange.request.headers['authorization'] ?? '', /«redacted/);
  // Both tokens the sandbox issued are listed for stores to redact again (the refreshed one is the live one).
  const issued = issuedAccessTokens().filter((t) => t.name === 'client-secret:access-token').map((t) => t.value);
  assert.ok(issued.length >= 2, `issued: ${issued.length}`);
  const live = await fetch(`${sb.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${issued.at(-1) ?? ''}` } });
  assert.equal(live.status, 200, 'the last listed token is the one the server issued');
  await live.body?.cancel();
});

test('a refused client secret is a token error, not a crash', async () => {
  const sb = sandbox.apps[0];
  assert.ok(sb);
  const application = app(sb.baseUrl, { auth: { type: 'oauth2ClientCredentials', tokenUrl: sb.tokenUrl, clientId: sb.clientId, secret: 'client-secret' } });
  const result = await client(application, { secrets: secretMap({ 'client-secret': 'wrong-secret-value-123' }) }).send({ method: 'GET', path: '/Users' });
  assert.equal(result.exchange.error?.kind, 'token');
  assert.match(result.exchange.error?.message ?? '', /401 invalid_client/);
  assert.equal(result.exchange.tokenRequests[0]?.status, 401);
  assertNoLeak('token failure', JSON.stringify(result.exchange), ['wrong-secret-value-123']);
});

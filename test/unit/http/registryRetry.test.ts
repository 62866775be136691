// The registry's `errors[].retry` steers the engine's retries: true retries a vendor error the status alone
// would not (idempotent methods only), false stops retries the status alone would take; entries are matched as
// the inspector matches them (status, scimType, `match` on the detail).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { app, client } from './helpers';

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
});
after(async () => {
  await server.close();
});

const ok = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] };
const scimError = (status: number, detail: string): Record<string, unknown> => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail });
const errors = [
  { status: 400, match: 'try again', retry: true, meaning: 'The directory is replicating.' },
  { status: 503, match: 'tenant disabled', retry: false, meaning: 'The tenant is switched off; retrying never helps.' },
];

test('a 400 the registry marks retry: true is retried for a GET, and the attempt says why', async () => {
  server.route('/busy/Users', [(_q, r) => r.json(400, scimError(400, 'Replication in progress, try again')), (_q, r) => r.json(200, ok)]);
  const result = await client(app(`${server.origin}/busy`, { errors })).send({ method: 'GET', path: '/Users' });
  assert.equal(result.status, 200);
  assert.deepEqual(result.exchange.attempts.map((a) => a.status), [400, 200]);
  assert.match(result.exchange.attempts[1]?.why ?? '', /400 \(retry: true in the registry's errors\[0\]\)/);
});

test('the same 400 after a POST is not retried (it may have been processed), nor a 400 that does not match', async () => {
  server.route('/busy-post/Users', [(_q, r) => r.json(400, scimError(400, 'Replication in progress, try again')), (_q, r) => r.json(201, { id: 'x' })]);
  const post = await client(app(`${server.origin}/busy-post`, { errors })).send({ method: 'POST', path: '/Users', body: { userName: 'a' } });
  assert.deepEqual([post.status, post.exchange.retries], [400, 0]);
  assert.match(post.exchange.attempts[0]?.notRetried ?? '', /not idempotent/);
  server.route('/other/Users', [(_q, r) => r.json(400, scimError(400, 'userName is required')), (_q, r) => r.json(200, ok)]);
  const other = await client(app(`${server.origin}/other`, { errors })).send({ method: 'GET', path: '/Users' });
  assert.deepEqual([other.status, other.exchange.retries], [400, 0]);
});

test('a 503 the registry marks retry: false is not retried, though 503s otherwise are', async () => {
  server.route('/off/Users', [(_q, r) => r.json(503, scimError(503, 'Tenant disabled by administrator')), (_q, r) => r.json(200, ok)]);
  const off = await client(app(`${server.origin}/off`, { errors })).send({ method: 'GET', path: '/Users' });
  assert.deepEqual([off.status, off.exchange.retries], [503, 0]);
  assert.match(off.exchange.attempts[0]?.notRetried ?? '', /errors\[1\] says \(retry: false\)/);
  server.route('/down/Users', [(_q, r) => r.json(503, scimError(503, 'Maintenance')), (_q, r) => r.json(200, ok)]);
  const down = await client(app(`${server.origin}/down`, { errors })).send({ method: 'GET', path: '/Users' });
  assert.deepEqual([down.status, down.exchange.retries], [200, 1]);
});

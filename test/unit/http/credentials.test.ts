// SendOptions.credentials: the probes' way to ask how a server answers a missing or a wrong credential, with
// each auth type in its own form, never the real secret, and no OAuth token fetched for it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../harness/faultServer';
import { app, client, SECRET, assertNoLeak } from './helpers';

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
  server.route('/echo/Users', (_q, r) => r.json(401, { status: '401' }));
});
after(async () => {
  await server.close();
});

const lastHeaders = (): Record<string, string> => server.hits('/echo/Users').at(-1)?.headers ?? {};

test('omit sends no credentials; invalid sends a wrong one in the application\'s form', async () => {
  const bearer = client(app(`${server.origin}/echo`));
  const omitted = await bearer.send({ method: 'GET', path: '/Users' }, { credentials: 'omit' });
  assert.equal(lastHeaders()['authorization'], undefined);
  assert.equal(omitted.exchange.secret, undefined);
  const wrong = await bearer.send({ method: 'GET', path: '/Users' }, { credentials: 'invalid' });
  assert.equal(lastHeaders()['authorization'], 'Bearer scimwb-invalid-credential');
  assert.equal(wrong.status, 401);
  assertNoLeak('exchange', JSON.stringify([omitted.exchange, wrong.exchange]), [SECRET]);

  const apiKey = client(app(`${server.origin}/echo`, { auth: { type: 'apiKey', header: 'X-Api-Key', secret: 'test-token' } }));
  await apiKey.send({ method: 'GET', path: '/Users' }, { credentials: 'omit' });
  assert.equal(lastHeaders()['x-api-key'], undefined);
  await apiKey.send({ method: 'GET', path: '/Users' }, { credentials: 'invalid' });
  assert.equal(lastHeaders()['x-api-key'], 'scimwb-invalid-credential');

  const basic = client(app(`${server.origin}/echo`, { auth: { type: 'basic', username: 'bot', secret: 'test-token' } }));
  await basic.send({ method: 'GET', path: '/Users' }, { credentials: 'invalid' });
  assert.equal(lastHeaders()['authorization'], `Basic ${Buffer.from('bot:scimwb-invalid-credential').toString('base64')}`);
});

test('no OAuth token is fetched or refreshed for a request with overridden credentials', async () => {
  const oauth = client(app(`${server.origin}/echo`, { auth: { type: 'oauth2ClientCredentials', tokenUrl: `${server.origin}/token`, clientId: 'c', secret: 'test-token' } }));
  const r = await oauth.send({ method: 'GET', path: '/Users' }, { credentials: 'invalid' });
  assert.equal(r.status, 401);
  assert.equal(r.exchange.tokenRequests.length, 0);
  assert.equal(r.exchange.attempts.length, 1);
  assert.equal(server.hits('/token').length, 0);
});

// The HTTP engine against sandbox apps that take HTTP Basic and an API key: registry entries of those types reach
// them (the blocks the sandbox itself describes, and a hand-written one), create and read a user, and a wrong
// secret or the engine's invalid credential is refused; the transcripts hold no secret in any form.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Application } from '../../../src/core/registry/model';
import { registryAuthFor, startSandbox, type RunningApp, type RunningSandbox } from '../../../src/sandbox';
import { app, assertNoLeak, client, secretMap } from './helpers';

const SANDBOX_TOKEN = 'engine-sandbox-token-6b1f';
const PASSWORD = 'engine-basic-Rt5:wq2';
const KEY = 'engine-key-Mz81p';
let sb: RunningSandbox;
const running = (id: string): RunningApp => sb.apps.find((a) => a.id === id) as RunningApp;

before(async () => {
  sb = await startSandbox({
    token: SANDBOX_TOKEN, seed: 3,
    apps: [
      { id: 'basic', users: 4, groups: 1, auth: { type: 'basic', username: 'scim-bot', password: PASSWORD } },
      { id: 'apikey', users: 4, groups: 1, auth: { type: 'apiKey', header: 'X-Api-Key', key: KEY } },
      { id: 'basic-shared', users: 4, groups: 1, auth: { type: 'basic' } },
    ],
  });
});
after(async () => sb.stop());

/** The registry entry the sandbox describes for an app, and a secret source holding the value it names. */
function described(id: string): { application: Application; secrets: Record<string, string> } {
  const { auth, secret } = registryAuthFor(id, running(id).auth, sb.token);
  return { application: app(running(id).baseUrl, { auth }), secrets: { [secret.name]: secret.value } };
}

test('the described blocks: basic and apiKey entries create and read a user through the engine', async () => {
  assert.deepEqual(described('basic').application.auth, { type: 'basic', username: 'scim-bot', secret: 'sandbox-basic-password' });
  assert.deepEqual(described('apikey').application.auth, { type: 'apiKey', header: 'X-Api-Key', secret: 'sandbox-apikey-api-key' });
  assert.deepEqual(described('basic-shared').application.auth, { type: 'basic', username: 'basic-shared', secret: 'sandbox-token' });
  for (const id of ['basic', 'apikey', 'basic-shared']) {
    const { application, secrets } = described(id);
    const c = client(application, { secrets: secretMap(secrets) });
    const created = await c.send({ method: 'POST', path: '/Users', body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `engine.${id}@example.com` } });
    assert.equal(created.status, 201, `${id}: ${JSON.stringify(created.exchange.response)}`);
    const userId = (created.json as { id: string }).id;
    const read = await c.send({ method: 'GET', path: `/Users/${userId}` });
    assert.equal(read.status, 200, id);
    assert.equal(read.exchange.secret, 'primary');
    const auth = running(id).auth;
    assertNoLeak(`${id} transcript`, JSON.stringify([created.exchange, read.exchange]), Object.values(secrets), auth.type === 'basic' ? auth.username : undefined);
    const name = Object.keys(secrets)[0] as string;
    const sent = read.exchange.request.headers[id === 'apikey' ? 'x-api-key' : 'authorization'];
    assert.equal(sent, id === 'apikey' ? `«redacted:${name}»` : `Basic «redacted:${name}»`);
  }
});

test('a hand-written entry with a wrong password, the engine\'s invalid credential, and a bearer entry are refused', async () => {
  const wrong = client(app(running('basic').baseUrl, { auth: { type: 'basic', username: 'scim-bot', secret: 'typo' } }), { secrets: secretMap({ typo: 'engine-wrong-Pw-0071' }) });
  const r = await wrong.send({ method: 'GET', path: '/Users' });
  assert.equal(r.status, 401);
  assert.match(r.exchange.response?.headers['www-authenticate'] ?? '', /^Basic realm="scim-sandbox"/);
  assertNoLeak('refused transcript', JSON.stringify(r.exchange), ['engine-wrong-Pw-0071'], 'scim-bot');

  const { application, secrets } = described('apikey');
  const invalid = await client(application, { secrets: secretMap(secrets) }).send({ method: 'GET', path: '/Users' }, { credentials: 'invalid' });
  assert.equal(invalid.status, 401);
  assert.match(invalid.exchange.response?.headers['www-authenticate'] ?? '', /^ApiKey realm="scim-sandbox", header="X-Api-Key"/);

  // The right value in the wrong scheme: a bearer entry holding the Basic app's password.
  const bearer = await client(app(running('basic-shared').baseUrl, { auth: { type: 'bearer', secret: 'sandbox-token' } }), { secrets: secretMap({ 'sandbox-token': SANDBOX_TOKEN }) }).send({ method: 'GET', path: '/Users' });
  assert.equal(bearer.status, 401);
  assertNoLeak('wrong-scheme transcript', JSON.stringify(bearer.exchange), [SANDBOX_TOKEN]);
});

// Sandbox apps that authenticate with HTTP Basic or an API key, over real HTTP: the right credentials pass, wrong or
// missing ones get 401 with the scheme's WWW-Authenticate and a SCIM error, another scheme is refused (a bearer
// token is refused by a Basic app even when its value is the password), nothing sent is echoed back, /Bulk
// operations and the write log authenticate the same way, and the OAuth token endpoint stays with bearer apps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningApp, type RunningSandbox } from '../../../src/sandbox';
import { BULK_URN, ERROR_URN, TOKEN, USER_URN, appOf, call, credentialHeaders, start, type Reply } from './helpers';

const PASSWORD = 'pw-7Hq2:with-colon-ü';
const KEY = 'key-Lx93-distinctive';
let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);
const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

before(async () => {
  sb = await start([
    { id: 'bearer', users: 3, groups: 1 },
    { id: 'basic', users: 3, groups: 1, auth: { type: 'basic', username: 'scim-bot', password: PASSWORD } },
    { id: 'apikey', users: 3, groups: 1, auth: { type: 'apiKey', header: 'X-Vendor-Key', key: KEY } },
    { id: 'basic-default', users: 1, groups: 0, auth: { type: 'basic' } },
    { id: 'apikey-default', users: 1, groups: 0, auth: { type: 'apiKey' } },
    { id: 'ssws', users: 1, groups: 0, auth: { type: 'apiKey', header: 'Authorization', key: `SSWS ${KEY}` } },
    { id: 'gateway', users: 1, groups: 0, auth: { type: 'basic', password: PASSWORD }, quirks: { unauthorizedStatus: 403, unauthorizedBody: 'gatewayJson' } },
  ]);
});
after(async () => sb.stop());

/** A 401 in RFC 7644 §3.12 form, with the challenge expected, that shows none of the values sent. */
function assertRefused(r: Reply, challenge: RegExp, detail: RegExp, sent: string[]): void {
  assert.equal(r.status, 401, r.text);
  assert.match(r.headers.get('www-authenticate') ?? '', challenge);
  assert.deepEqual(r.body?.schemas, [ERROR_URN]);
  assert.equal(r.body?.status, '401');
  assert.match(r.body?.detail ?? '', detail);
  let shown = r.text;
  r.headers.forEach((value, key) => { shown += `\n${key}: ${value}`; });
  for (const s of sent) {
    for (const form of [s, Buffer.from(s).toString('base64'), encodeURIComponent(s)]) assert.ok(!shown.includes(form), `the answer echoes ${s}`);
  }
}

describe('HTTP Basic', () => {
  const challenge = /^Basic realm="scim-sandbox", charset="UTF-8"$/;

  test('the right user name and password pass (a password may hold ":" and non-ASCII)', async () => {
    const r = await call(app('basic'), 'GET', '/Users?count=1');
    assert.equal(r.status, 200);
    assert.equal(r.body.totalResults, 3);
  });

  test('a wrong password, a wrong user name, or none: 401 with the Basic challenge, nothing echoed', async () => {
    const a = app('basic');
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: basic('scim-bot', 'wrong-Pw-4471') }), challenge, /user name or password is wrong/, ['wrong-Pw-4471', 'scim-bot']);
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: basic('other-user', PASSWORD) }), challenge, /user name or password is wrong/, [PASSWORD, 'other-user']);
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: '' }), challenge, /Authorization: Basic base64\(username:password\) is required/, []);
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: 'Basic not*base64' }), challenge, /not base64\(username:password\)/, ['not*base64']);
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: `Basic ${Buffer.from('no-colon-here').toString('base64')}` }), challenge, /not base64/, ['no-colon-here']);
  });

  test('another scheme is refused, even a bearer token whose value is the password', async () => {
    const a = app('basic');
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: `Bearer ${PASSWORD}` }), challenge, /authenticates with HTTP Basic.*a bearer token is not accepted/, [PASSWORD]);
    // An unknown scheme word may be the credential itself: it is not named.
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: 'tok-9aa0e1f2' }), challenge, /this Authorization header is not accepted/, ['tok-9aa0e1f2']);
    assertRefused(await call(a, 'GET', '/Users', undefined, { authorization: '', 'x-api-key': PASSWORD }), challenge, /is required/, [PASSWORD]);
  });

  test('defaults: the user name is the app id, the password the sandbox token; RunningApp says so', async () => {
    const a = app('basic-default');
    assert.deepEqual(a.auth, { type: 'basic', username: 'basic-default', password: TOKEN });
    assert.equal(a.token, '', 'no bearer token');
    assert.equal((await call(a, 'GET', '/Users', undefined, { authorization: basic('basic-default', TOKEN) })).status, 200);
    assert.equal((await call(a, 'GET', '/Users', undefined, { authorization: `Bearer ${TOKEN}` })).status, 401);
  });

  test('the unauthorized quirks reshape the refusal as they do for bearer apps', async () => {
    const r = await call(app('gateway'), 'GET', '/Users', undefined, { authorization: basic('gateway', 'wrong') });
    assert.equal(r.status, 403);
    assert.equal(r.headers.get('www-authenticate'), null);
    assert.deepEqual(r.body, { message: 'Forbidden' });
    assert.equal((await call(app('gateway'), 'GET', '/Users')).status, 200);
  });
});

describe('API key', () => {
  const challenge = /^ApiKey realm="scim-sandbox", header="X-Vendor-Key"$/;

  test('the key in its header passes (the header name in any case)', async () => {
    assert.equal((await call(app('apikey'), 'GET', '/Users?count=1')).status, 200);
    assert.equal((await fetch(`${app('apikey').baseUrl}/Users?count=1`, { headers: { 'X-VENDOR-KEY': KEY } })).status, 200);
    // Sent twice, a header's values are joined ("k, k"): not the key.
    assert.equal((await fetch(`${app('apikey').baseUrl}/Users`, { headers: [['x-vendor-key', KEY], ['x-vendor-key', KEY]] })).status, 401);
  });

  test('a wrong key, none, or the key in another header or scheme: 401, nothing echoed', async () => {
    const a = app('apikey');
    assertRefused(await call(a, 'GET', '/Users', undefined, { 'x-vendor-key': 'wrong-key-5521' }), challenge, /API key in the X-Vendor-Key header is wrong/, ['wrong-key-5521']);
    assertRefused(await call(a, 'GET', '/Users', undefined, { 'x-vendor-key': '' }), challenge, /The X-Vendor-Key header with the API key is required/, []);
    assertRefused(await call(a, 'GET', '/Users', undefined, { 'x-vendor-key': '', authorization: `Bearer ${KEY}` }), challenge, /API key in the X-Vendor-Key header; a bearer token is not accepted/, [KEY]);
    assertRefused(await call(a, 'GET', '/Users', undefined, { 'x-vendor-key': '', 'x-api-key': KEY }), challenge, /is required/, [KEY]);
  });

  test('defaults: header X-API-Key, the key is the sandbox token', async () => {
    const a = app('apikey-default');
    assert.deepEqual(a.auth, { type: 'apiKey', header: 'X-API-Key', key: TOKEN });
    assert.equal((await call(a, 'GET', '/Users', undefined, { 'x-api-key': TOKEN })).status, 200);
    assert.equal((await call(a, 'GET', '/Users', undefined, { 'x-api-key': '', authorization: `Bearer ${TOKEN}` })).status, 401);
  });

  test('a key in the Authorization header (Okta\'s "SSWS <token>") is compared whole', async () => {
    assert.equal((await call(app('ssws'), 'GET', '/Users', undefined, { authorization: `SSWS ${KEY}` })).status, 200);
    assertRefused(await call(app('ssws'), 'GET', '/Users', undefined, { authorization: `Bearer ${KEY}` }), /^ApiKey realm="scim-sandbox", header="Authorization"$/, /API key in the Authorization header is wrong/, [KEY]);
  });
});

describe('bearer apps, /Bulk, the write log, the OAuth endpoint and the listing', () => {
  test('a bearer app refuses Basic credentials with its Bearer challenge', async () => {
    const r = await call(app('bearer'), 'GET', '/Users', undefined, { authorization: basic('x', TOKEN) });
    assertRefused(r, /^Bearer realm="scim-sandbox", error="invalid_request"$/, /authenticates with a bearer token.*HTTP Basic credentials are not accepted/, [TOKEN]);
  });

  test('/Bulk operations authenticate as the Bulk request did (Basic and a custom key header)', async () => {
    for (const id of ['basic', 'apikey']) {
      const r = await call(app(id), 'POST', '/Bulk', {
        schemas: [BULK_URN],
        Operations: [{ method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER_URN], userName: `bulk.${id}@example.com` } }],
      });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.Operations[0].status, '201', `${id}: ${JSON.stringify(r.body.Operations[0])}`);
    }
  });

  test('the write log opens with the app\'s own credentials or the sandbox token; else both challenges', async () => {
    const read = (id: string, headers: Record<string, string>): Promise<Response> => fetch(`${sb.url}/apps/${id}/_sandbox/writes`, { headers });
    assert.equal((await read('basic', credentialHeaders(app('basic')))).status, 200);
    assert.equal((await read('apikey', credentialHeaders(app('apikey')))).status, 200);
    assert.equal((await read('basic', { authorization: `Bearer ${TOKEN}` })).status, 200);
    const refused = await read('basic', { authorization: basic('scim-bot', 'nope') });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('www-authenticate'), 'Basic realm="scim-sandbox", charset="UTF-8", Bearer realm="scim-sandbox"');
  });

  test('the token endpoint issues tokens for bearer apps only; a basic app refuses them on its endpoints too', async () => {
    const form = (a: RunningApp): Promise<Response> => fetch(a.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${a.clientId}&client_secret=${encodeURIComponent(a.clientSecret)}`,
    });
    const issued = (await (await form(app('bearer'))).json()) as { access_token: string };
    assert.equal((await call(app('bearer'), 'GET', '/Users', undefined, { authorization: `Bearer ${issued.access_token}` })).status, 200);
    const refused = await form(app('basic'));
    assert.equal(refused.status, 400);
    assert.equal(refused.headers.get('cache-control'), 'no-store');
    const body = (await refused.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'unauthorized_client');
    assert.match(body.error_description, /HTTP Basic .* issues no tokens/);
    assert.match(((await (await form(app('apikey'))).json()) as { error_description: string }).error_description, /API key in the X-Vendor-Key header/);
    assert.equal((await call(app('basic'), 'GET', '/Users', undefined, { authorization: `Bearer ${issued.access_token}` })).status, 401);
  });

  test('GET / names each app\'s scheme (and the key\'s header), never a credential', async () => {
    const text = await (await fetch(`${sb.url}/`)).text();
    const listed = (JSON.parse(text) as { apps: { id: string; auth: unknown }[] }).apps;
    assert.deepEqual(listed.find((a) => a.id === 'basic')?.auth, { type: 'basic' });
    assert.deepEqual(listed.find((a) => a.id === 'apikey')?.auth, { type: 'apiKey', header: 'X-Vendor-Key' });
    assert.deepEqual(listed.find((a) => a.id === 'bearer')?.auth, { type: 'bearer' });
    for (const secret of [TOKEN, PASSWORD, KEY, 'scim-bot']) assert.ok(!text.includes(secret));
  });
});

describe('startSandbox refuses an auth it could not serve, naming the app', () => {
  for (const [what, spec, message] of [
    ['a colon in a Basic user name', { id: 'x', auth: { type: 'basic', username: 'a:b' } }, /app 'x': A Basic user name cannot contain ":"/],
    ['a header the sandbox reads itself', { id: 'x', auth: { type: 'apiKey', header: 'Content-Type' } }, /cannot be Content-Type/],
    ['a header name with a space', { id: 'x', auth: { type: 'apiKey', header: 'X Key' } }, /must be an HTTP header name/],
    ['a token beside Basic', { id: 'x', token: 't', auth: { type: 'basic' } }, /"token" is a bearer token/],
    ['an unknown type', { id: 'x', auth: { type: 'digest' } }, /Unknown auth type 'digest'/],
    ['an empty password', { id: 'x', auth: { type: 'basic', password: '' } }, /'auth.password' must be a non-empty string/],
  ] as const) {
    test(what, async () => {
      await assert.rejects(startSandbox({ apps: [spec as never] }), message);
    });
  }
});

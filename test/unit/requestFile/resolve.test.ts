// The resolver: from a parsed request and a context to { method, url, headers, body }: base URLs, encoding,
// every kind of reference, chaining through lastResponse, prompts, and located errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequestFile, resolveRequest, type ResolveContext, type ResolveOutcome, type ResponseSnapshot } from '../../../src/core/requestFile';
import { cover } from './helpers';

const APP = { id: 'strict', baseUrl: 'http://127.0.0.1:4780/apps/strict/scim/v2/' };
const FIXED: Partial<ResolveContext> = { now: () => 1_700_000_000_123, random: () => 0.5, uuid: () => '11111111-2222-4333-8444-555555555555' };

async function resolve(text: string, ctx: Partial<ResolveContext> = {}, index = 0): Promise<ResolveOutcome> {
  const file = parseRequestFile(text);
  const request = file.requests[index];
  assert.ok(request, `request ${index} in ${text}`);
  return resolveRequest(file, request, { app: APP, ...FIXED, ...ctx });
}

async function ok(text: string, ctx: Partial<ResolveContext> = {}, index = 0) {
  const r = await resolve(text, ctx, index);
  assert.ok(r.ok, `resolved: ${JSON.stringify(r)}`);
  return r.request;
}

async function errors(text: string, ctx: Partial<ResolveContext> = {}, index = 0): Promise<string[]> {
  const r = await resolve(text, ctx, index);
  assert.ok(!r.ok, 'expected a failure');
  return r.errors.map((e) => `${e.code} ${JSON.stringify(cover(text, e.range))}`);
}

const CREATED: ResponseSnapshot = {
  status: 201,
  headers: { location: 'http://127.0.0.1:4780/apps/strict/scim/v2/Users/2819c223', 'set-cookie': ['a=1', 'b=2'] },
  body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: '2819c223', userName: 'bjensen', active: true, emails: [{ value: 'b@example.com', type: 'work' }], meta: { version: 'W/"3694e05e9dff590"', location: '/Users/2819c223' }, 'x-n': 3 },
};

describe('resolver: URL, headers, body', () => {
  test('a relative path joins the base URL (one slash); an absolute URL on the application\'s origin stays', async () => {
    assert.equal((await ok('GET /Users')).url, 'http://127.0.0.1:4780/apps/strict/scim/v2/Users');
    assert.equal((await ok('GET http://127.0.0.1:4780/apps/other/scim/v2/Groups HTTP/1.1')).url, 'http://127.0.0.1:4780/apps/other/scim/v2/Groups');
    assert.equal((await ok('GET {{app.baseUrl}}/ServiceProviderConfig')).url, 'http://127.0.0.1:4780/apps/strict/scim/v2/ServiceProviderConfig');
  });

  test('an absolute URL on another origin is refused, however it is written (credentials go only to the app\'s origin)', async () => {
    for (const text of [
      'GET https://other.example.com/scim/v2/Groups',
      'GET http://127.0.0.1:4781/apps/strict/scim/v2/Users', // another port is another origin
      'GET https://127.0.0.1:4780/apps/strict/scim/v2/Users', // and another scheme
      '@base = https://other.example.com\nGET {{base}}/Users',
      'GET {{lastResponse.meta.location}}',
    ]) {
      const errs = await errors(text, { lastResponse: { status: 201, headers: {}, body: { meta: { location: 'https://other.example.com/Users/1' } } } });
      assert.equal(errs.length, 1, text);
      assert.match(errs[0] ?? '', /^REQUEST_OTHER_ORIGIN "/, text);
    }
    const same = await ok('GET {{lastResponse.meta.location}}', { lastResponse: { status: 201, headers: {}, body: { meta: { location: 'http://127.0.0.1:4780/apps/strict/scim/v2/Users/1' } } } });
    assert.equal(same.url, 'http://127.0.0.1:4780/apps/strict/scim/v2/Users/1', 'a Location on the same origin is followed');
  });

  test('the query is percent-encoded as a server decodes it; existing escapes are kept', async () => {
    const r = await ok('GET /a+b/Users?filter=userName eq "bjensen" and emails[type eq "work"]&count=10&x=a%20b+c%2Bd');
    assert.equal(r.url, 'http://127.0.0.1:4780/apps/strict/scim/v2/a+b/Users?filter=userName%20eq%20%22bjensen%22%20and%20emails[type%20eq%20%22work%22]&count=10&x=a%20b%20c%2Bd');
    const u = new URL(r.url);
    assert.equal(u.searchParams.get('filter'), 'userName eq "bjensen" and emails[type eq "work"]');
    assert.equal(u.searchParams.get('x'), 'a b c+d', 'a written + is a space, %2B a plus');
  });

  test('continuation lines join the query', async () => {
    const r = await ok('GET /Users\n  ?startIndex=1\n  &count=2\nAccept: application/scim+json');
    assert.equal(r.url, 'http://127.0.0.1:4780/apps/strict/scim/v2/Users?startIndex=1&count=2');
    assert.deepEqual(r.headers, { Accept: 'application/scim+json' });
  });

  test('values of references are data in a URL: encoded, except a leading base', async () => {
    const r = await ok('@name = R&D "team" +1\nGET /Groups?filter=displayName eq "{{name}}"', {});
    assert.equal(new URL(r.url).searchParams.get('filter'), 'displayName eq "R&D "team" +1"');
  });

  test('headers: variables substituted, repeated names joined, first spelling kept', async () => {
    const r = await ok('PUT /Users/{{lastResponse.id}}\nIf-Match: {{lastResponse.meta.version}}\nX-Trace: a\nx-trace: b', { lastResponse: CREATED });
    assert.equal(r.url, 'http://127.0.0.1:4780/apps/strict/scim/v2/Users/2819c223');
    assert.deepEqual(r.headers, { 'If-Match': 'W/"3694e05e9dff590"', 'X-Trace': 'a, b' });
  });

  test('the body: references JSON-escaped inside strings, raw outside, comment lines dropped', async () => {
    const text = [
      '@note = say "hi"\\now',
      'POST /Users',
      'Content-Type: application/scim+json',
      '',
      '{',
      '  "userName": "{{lastResponse.userName}}-{{note}}",',
      '# not sent',
      '  "active": {{lastResponse.active}},',
      '  "emails": {{lastResponse.emails}}',
      '}',
      '',
      '# trailing comment',
    ].join('\n');
    const r = await ok(text, { lastResponse: CREATED });
    assert.equal(r.method, 'POST');
    assert.equal(r.body, '{\n  "userName": "bjensen-say \\"hi\\"\\\\now",\n  "active": true,\n  "emails": [{"value":"b@example.com","type":"work"}]\n}');
    assert.deepEqual(JSON.parse(r.body ?? ''), { userName: 'bjensen-say "hi"\\now', active: true, emails: [{ value: 'b@example.com', type: 'work' }] });
  });

  test('no body, a name from ###', async () => {
    const r = await ok('### list them\nGET /Users');
    assert.equal(r.body, undefined);
    assert.equal(r.name, 'list them');
  });
});

describe('resolver: built-ins and file variables', () => {
  test('$uuid, $timestamp, $randomInt (min included, max excluded), $guid', async () => {
    const r = await ok('GET /x/{{$uuid}}/{{$timestamp}}/{{$randomInt 10 20}}/{{$guid}}');
    assert.equal(r.url, 'http://127.0.0.1:4780/apps/strict/scim/v2/x/11111111-2222-4333-8444-555555555555/1700000000/15/11111111-2222-4333-8444-555555555555');
    assert.match((await ok('GET /{{$randomInt 1 2}}', { random: () => 0.999999 })).url, /\/1$/);
  });

  test('a definition is computed once per request, and once per run with a memo', async () => {
    let n = 0;
    const uuid = (): string => `u${++n}`;
    const text = '@user = scimwb-{{$uuid}}\nPOST /Users\n\n{ "userName": "{{user}}", "externalId": "{{user}}" }\n###\nGET /Users?filter=userName eq "{{user}}"';
    const first = await ok(text, { uuid });
    assert.deepEqual(JSON.parse(first.body ?? ''), { userName: 'scimwb-u1', externalId: 'scimwb-u1' });
    const memo = new Map<string, string>();
    const a = await ok(text, { uuid, memo }, 0);
    const b = await ok(text, { uuid, memo }, 1);
    assert.equal(JSON.parse(a.body ?? '').userName, 'scimwb-u2');
    assert.equal(new URL(b.url).searchParams.get('filter'), 'userName eq "scimwb-u2"');
  });

  test('$prompt asks once per label, in order; password-like labels become secrets; cancel stops', async () => {
    const asked: string[] = [];
    const prompt = async (label: string, o: { password: boolean }): Promise<string> => {
      asked.push(`${label}:${o.password}`);
      return label === 'api token' ? 's3cr3t-value' : 'Barbara';
    };
    const r = await ok('GET /Users?filter=name.givenName eq "{{$prompt given name}}"\nX-Token: {{$prompt api token}}\nX-Again: {{$prompt given name}}', { prompt });
    assert.deepEqual(asked, ['given name:false', 'api token:true']);
    assert.equal(r.headers['X-Again'], 'Barbara');
    assert.deepEqual(r.secrets, [{ name: 'prompt:api token', value: 's3cr3t-value' }]);
    const cancelled = await resolve('GET /{{$prompt id}}', { prompt: async () => undefined });
    assert.deepEqual(cancelled, { ok: false, cancelled: true, errors: [] });
    assert.deepEqual(await errors('GET /{{$prompt id}}'), ['REQUEST_VARIABLE_UNRESOLVED "{{$prompt id}}"']);
  });

  test('definitions built from definitions; a cycle is an error at the reference', async () => {
    assert.match((await ok('@host = {{app.id}}-x\n@path = /Users/{{host}}\nGET {{path}}')).url, /\/Users\/strict-x$/);
    assert.deepEqual(await errors('@a = {{b}}\n@b = {{a}}\nGET /{{a}}'), ['REQUEST_VARIABLE_INVALID "{{a}}"']);
    const chain = Array.from({ length: 5000 }, (_, i) => `@v${i} = {{v${i + 1}}}`).join('\n') + '\n@v5000 = end\nGET /{{v0}}';
    assert.deepEqual(await errors(chain), ['REQUEST_VARIABLE_INVALID "{{v64}}"'], 'a very deep chain is refused where it gets too deep, not a stack overflow');
    assert.match((await ok(Array.from({ length: 10 }, (_, i) => `@v${i} = {{v${i + 1}}}`).join('\n') + '\n@v10 = end\nGET /{{v0}}')).url, /\/end$/);
  });
});

describe('resolver: lastResponse', () => {
  const value = async (ref: string, response: ResponseSnapshot = CREATED): Promise<string | undefined> => (await ok(`GET /x\nX-V: {{${ref}}}`, { lastResponse: response })).headers['X-V'];

  test('status, headers in any case, body fields by path', async () => {
    assert.equal(await value('lastResponse.status'), '201');
    assert.equal(await value('lastResponse.headers.Location'), 'http://127.0.0.1:4780/apps/strict/scim/v2/Users/2819c223');
    assert.equal(await value('lastResponse.headers.Set-Cookie'), 'a=1, b=2');
    assert.equal(await value('lastResponse.id'), '2819c223');
    assert.equal(await value('lastResponse.body.id'), '2819c223');
    assert.equal(await value('lastResponse.USERNAME'), 'bjensen');
    assert.equal(await value('lastResponse.emails[0].value'), 'b@example.com');
    assert.equal(await value('lastResponse.emails.0.type'), 'work');
    assert.equal(await value('lastResponse.meta.location'), '/Users/2819c223');
    assert.equal(await value('lastResponse.x-n'), '3');
    assert.equal(await value('lastResponse.meta'), '{"version":"W/\\"3694e05e9dff590\\"","location":"/Users/2819c223"}');
  });

  test('a ListResponse: fields not at its top come from its first resource', async () => {
    const list: ResponseSnapshot = { status: 200, headers: {}, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, Resources: [{ id: 'abc', userName: 'x' }] } };
    assert.equal(await value('lastResponse.id', list), 'abc');
    assert.equal(await value('lastResponse.totalResults', list), '1');
    assert.equal(await value('lastResponse.Resources[0].userName', list), 'x');
  });

  test('a text body, and what is missing, are located errors', async () => {
    assert.equal(await value('lastResponse.body', { status: 502, headers: {}, bodyText: '<html>Bad gateway</html>' }), '<html>Bad gateway</html>');
    assert.deepEqual(await errors('GET /Users/{{lastResponse.id}}'), ['REQUEST_VARIABLE_UNRESOLVED "{{lastResponse.id}}"']);
    assert.deepEqual(await errors('GET /Users/{{lastResponse.nope}}', { lastResponse: CREATED }), ['REQUEST_VARIABLE_UNRESOLVED "{{lastResponse.nope}}"']);
    assert.deepEqual(await errors('GET /Users/{{lastResponse.headers.ETag}}', { lastResponse: CREATED }), ['REQUEST_VARIABLE_UNRESOLVED "{{lastResponse.headers.ETag}}"']);
    assert.deepEqual(await errors('GET /Users/{{lastResponse.id}}', { lastResponse: { status: 204, headers: {} } }), ['REQUEST_VARIABLE_UNRESOLVED "{{lastResponse.id}}"']);
    const r = await resolve('GET /Users/{{lastResponse.nope}}', { lastResponse: CREATED });
    assert.ok(!r.ok && /has no `nope`/.test(r.errors[0]?.message ?? ''));
  });
});

describe('resolver: refusals', () => {
  test('a malformed request line or header is not sent', async () => {
    assert.deepEqual(await errors('get /Users'), ['REQUEST_LINE_MALFORMED "get"']);
    assert.deepEqual(await errors('GET /Users\nAccept json'), ['REQUEST_HEADER_MALFORMED "Accept json"']);
  });

  test('unknown variables are located errors; every one is reported', async () => {
    assert.deepEqual(await errors('GET /{{a}}/{{app.nope}}\nX: {{$nope}}'), [
      'REQUEST_UNKNOWN_VARIABLE "{{a}}"',
      'REQUEST_UNKNOWN_VARIABLE "{{app.nope}}"',
      'REQUEST_UNKNOWN_VARIABLE "{{$nope}}"',
    ]);
  });

  test('a target that does not resolve to a URL', async () => {
    assert.deepEqual(await errors('@t = Users\nGET {{t}}'), ['REQUEST_LINE_MALFORMED "{{t}}"']);
    assert.deepEqual(await errors('GET /Users', { app: { id: 'bad', baseUrl: 'not a url' } }), ['REQUEST_LINE_MALFORMED "/Users"']);
  });

  test('an error in another request does not block this one', async () => {
    assert.ok((await resolve('get /Users\n###\nGET /Groups', {}, 1)).ok);
  });
});

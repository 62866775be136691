// Pure parts of the runner: copy as curl (the credential stays an environment variable; quoting survives any
// text), and the conversions between the panel's form, the engine's request, a resolved request-file request and
// request-file text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { curlCommand, shellQuote } from '../../../src/vscode/runner/curlCommand';
import { fromResolvedRequest, toRequestFileText, toScimRequest } from '../../../src/vscode/runner/runnerRequest';
import { parseRequestFile, analyzeRequestFile } from '../../../src/core/requestFile';
import type { Exchange } from '../../../src/core/http';

const exchange = (body?: string): Exchange => ({
  id: 'x', appId: 'a', startedAt: 'now',
  request: {
    method: 'POST', url: "http://127.0.0.1:4780/apps/strict/scim/v2/Users?filter=userName%20eq%20%22o'neil%22", line: 'POST ...',
    headers: { authorization: 'Bearer «redacted:acme-token»', 'x-api-key': '«redacted»', accept: 'application/scim+json', 'user-agent': 'scim-workbench/0.1.0', 'content-type': 'application/scim+json' },
    ...(body !== undefined ? { body: { kind: 'json' as const, size: body.length, text: body, truncated: false, omittedBytes: 0 } } : {}),
  },
  timings: { totalMs: 1, waitedMs: 0 }, attempts: [], retries: 0, redirects: [], tokenRequests: [],
});

test('shellQuote survives quotes, dollars and newlines in a real shell', () => {
  for (const text of ["o'neil", '$HOME `id` "x"', 'a\nb', '']) {
    assert.equal(execFileSync('sh', ['-c', `printf %s ${shellQuote(text)}`]).toString(), text);
  }
});

test('bearer: the token is $SCIM_SECRET_<NAME>, never a value; credential headers are left out', () => {
  const curl = curlCommand(exchange('{"userName":"o\'neil"}'), { type: 'bearer', secret: 'acme-token' });
  assert.match(curl, /-H "Authorization: Bearer \$SCIM_SECRET_ACME_TOKEN"/);
  assert.ok(!curl.includes('redacted') && !curl.toLowerCase().includes('user-agent'));
  assert.match(curl, /--data-binary '\{"userName":"o'\\''neil"\}'/);
  assert.match(curl, /'http:\/\/127\.0\.0\.1:4780\/apps\/strict\/scim\/v2\/Users\?filter=userName%20eq%20%22o'\\''neil%22'/);
});

test('apiKey, basic and OAuth client credentials', () => {
  assert.match(curlCommand(exchange(), { type: 'apiKey', header: 'X-Api-Key', secret: 'k' }), /-H "X-Api-Key: \$SCIM_SECRET_K"/);
  assert.ok(!curlCommand(exchange(), { type: 'apiKey', header: 'X-Api-Key', secret: 'k' }).includes("'x-api-key"));
  assert.match(curlCommand(exchange(), { type: 'basic', username: 'bot', secret: 'p' }), /-u "bot:\$SCIM_SECRET_P"/);
  const oauth = curlCommand(exchange(), { type: 'oauth2ClientCredentials', tokenUrl: 'https://login/t', clientId: 'c', secret: 'cs', scope: 'scim' });
  assert.match(oauth, /^# An access token/);
  assert.match(oauth, /--data-urlencode "client_secret=\$SCIM_SECRET_CS"/);
  assert.match(oauth, /-H "Authorization: Bearer \$SCIM_ACCESS_TOKEN"/);
  assert.match(curlCommand(exchange('{"p":"«redacted:prompt:pw»"}'), { type: 'none' }), /password prompt/);
});

test('toScimRequest: query fields, headers, body checks', () => {
  const ok = toScimRequest({ appId: 'a', method: 'patch', path: '/Users/1', query: { filter: ' userName eq "x" ', count: '', sortOrder: 'ascending' }, headers: [{ name: 'If-Match', value: 'W/"1"' }, { name: '', value: '' }], body: '{"a":1}' });
  assert.deepEqual(ok, { ok: true, request: { method: 'PATCH', path: '/Users/1', query: { filter: 'userName eq "x"', sortOrder: 'ascending' }, headers: { 'If-Match': 'W/"1"' }, body: '{"a":1}' } });
  const fail = (r: Partial<Parameters<typeof toScimRequest>[0]>): string => {
    const out = toScimRequest({ appId: 'a', method: 'GET', path: '/Users', query: {}, headers: [], body: '', ...r });
    assert.equal(out.ok, false);
    return out.ok ? '' : out.message;
  };
  assert.match(fail({ method: 'FETCH' }), /not an HTTP method/);
  assert.match(fail({ path: 'Users' }), /must start with \//);
  assert.match(fail({ headers: [{ name: 'bad name', value: 'x' }] }), /not a header name/);
  assert.match(fail({ body: '{ nope' }), /not JSON/);
});

test('fromResolvedRequest: relative to the baseUrl, SCIM query parameters in their fields', () => {
  const r = fromResolvedRequest('strict', 'http://127.0.0.1:4780/apps/strict/scim/v2/', {
    method: 'GET', url: 'http://127.0.0.1:4780/apps/strict/scim/v2/Users?filter=userName%20eq%20%22a%22&count=5&x-extra=1', headers: { Accept: 'application/scim+json' }, secrets: [],
  });
  assert.deepEqual(r, { appId: 'strict', method: 'GET', path: '/Users?x-extra=1', query: { filter: 'userName eq "a"', count: '5' }, headers: [{ name: 'Accept', value: 'application/scim+json' }], body: '' });
});

test('toRequestFileText writes a request file that parses clean and keeps awkward values', () => {
  const text = toRequestFileText({ appId: 'strict', method: 'POST', path: '/Users', query: { filter: 'displayName eq "R&D #1 + more"', attributes: 'userName' }, headers: [{ name: 'X-Trace', value: 'abc' }], body: '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x" }' });
  const file = parseRequestFile(text);
  assert.deepEqual(analyzeRequestFile(file, { apps: [{ id: 'strict' }] }).map((f) => f.code), []);
  const query = file.requests[0]?.requestLine.query ?? [];
  assert.deepEqual(query.map((q) => [q.name, decodeURIComponent(q.value)]), [['filter', 'displayName eq "R&D #1 + more"'], ['attributes', 'userName']]);
  assert.equal(file.requests[0]?.headers.find((h) => h.name === 'Content-Type')?.value, 'application/scim+json');
});

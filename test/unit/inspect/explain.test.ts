// The explanation's JSON shape is a contract (README "The explanation"); categories, retryability, Retry-After,
// deviations and registry matches on hand-made bodies that isolate one rule each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainResponse, CATEGORIES } from '../../../src/core/inspect';
import type { Application } from '../../../src/core/registry/model';
import { findingCodeInfo, knownFindingCodes } from '../../../src/core/registry/findingCodes';

const E = 'urn:ietf:params:scim:api:messages:2.0:Error';
const rfc = (status: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ schemas: [E], status, ...extra });

test('the explanation has exactly the documented keys and types', () => {
  const x = explainResponse(409, {}, rfc('409', { scimType: 'uniqueness', detail: 'userName taken' }));
  assert.deepEqual(Object.keys(x).sort(), [
    'bodyKind', 'bodySource', 'category', 'detail', 'deviations', 'meaning', 'registryMatches', 'retryAfterSeconds', 'retryable', 'scimType', 'status', 'vendorFields',
  ]);
  assert.deepEqual(x, {
    status: 409, bodyKind: 'scim-error', bodySource: 'body', category: 'uniqueness', scimType: 'uniqueness', detail: 'userName taken',
    meaning: x.meaning, retryable: false, retryAfterSeconds: null, deviations: [], vendorFields: {}, registryMatches: [],
  });
  assert.ok(CATEGORIES.includes(x.category));
  assert.deepEqual(JSON.parse(JSON.stringify(x)), x, 'plain JSON');
});

test('categories come from scimType when consistent, else the status, else the wording', () => {
  assert.equal(explainResponse(400, {}, rfc('400', { scimType: 'invalidFilter' })).category, 'invalidFilter');
  assert.equal(explainResponse(400, {}, rfc('400', { scimType: 'invalidVers' })).category, 'invalidVersion');
  assert.equal(explainResponse(500, {}, rfc('500', { scimType: 'invalidFilter' })).category, 'serverError', 'inconsistent scimType yields to a 5xx');
  const dup = explainResponse(400, {}, rfc('400', { scimType: 'invalidValue', detail: 'A user with this userName already exists' }));
  assert.equal(dup.category, 'uniqueness');
  assert.match(dup.meaning, /duplicate.*400 invalidValue instead of 409 uniqueness/);
  assert.equal(explainResponse(403, {}, '{"message":"You have exceeded a secondary rate limit"}').category, 'rateLimited');
  assert.equal(explainResponse(403, {}, '{"message":"You have exceeded a secondary rate limit"}').retryable, true);
  assert.equal(explainResponse(null, undefined, '{"detail":"User not found"}').category, 'notFound');
  assert.equal(explainResponse(null, undefined, 'nonsense').category, 'unknown');
  assert.equal(explainResponse(412, {}, rfc('412')).category, 'preconditionFailed');
  assert.equal(explainResponse(413, {}, rfc('413')).category, 'payloadTooLarge');
  assert.equal(explainResponse(400, {}, rfc('400', { scimType: 'expiredCursor' })).category, 'expiredCursor');
});

test('retryable and Retry-After in both forms (and from a documented body field)', () => {
  for (const s of [429, 503, 502, 504, 408, 500]) assert.equal(explainResponse(s, {}, '').retryable, true, String(s));
  for (const s of [400, 401, 404, 409, 501]) assert.equal(explainResponse(s, {}, '').retryable, false, String(s));
  assert.equal(explainResponse(429, { 'retry-after': '30' }, '').retryAfterSeconds, 30);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(explainResponse(503, { 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }, '', undefined, { now }).retryAfterSeconds, 60);
  assert.equal(explainResponse(429, {}, '{"error":"rate_limited","retryAfter":12}').retryAfterSeconds, 12);
});

test('deviations: each rule on its own', () => {
  const codes = (status: number | null, body: string, headers: Record<string, string> | null = {}): string[] =>
    explainResponse(status, headers ?? undefined, body).deviations.map((d) => d.code);
  assert.deepEqual(codes(404, rfc('404', { detail: 'x' })), []);
  assert.deepEqual(codes(404, JSON.stringify({ schemas: [E], status: 404 })), ['ERROR_STATUS_NOT_STRING']);
  assert.deepEqual(codes(404, JSON.stringify({ schemas: [E], detail: 'x' })), ['ERROR_STATUS_MISSING']);
  assert.deepEqual(codes(404, rfc('400', { detail: 'x' })), ['ERROR_STATUS_MISMATCH']);
  assert.deepEqual(codes(400, JSON.stringify({ schema: [E], status: '400', detail: 'x' })), ['SCHEMAS_MISSING']);
  assert.deepEqual(codes(400, JSON.stringify({ status: '400', detail: 'x' })), ['SCHEMAS_MISSING']);
  assert.deepEqual(codes(400, rfc('400', { scimType: 'uniqueness' })), ['ERROR_SCIMTYPE_STATUS_MISMATCH']);
  assert.deepEqual(codes(400, rfc('400', { scimType: 'tooManyRequests' })), ['ERROR_SCIMTYPE_UNKNOWN']);
  assert.deepEqual(codes(409, rfc('409', { detail: 'x' })), ['ERROR_SCIMTYPE_MISSING']);
  assert.deepEqual(codes(500, ''), ['ERROR_BODY_EMPTY']);
  assert.deepEqual(codes(502, '<html><title>502</title></html>'), ['ERROR_BODY_NOT_JSON']);
  assert.deepEqual(codes(400, '{"schemas": ['), ['ERROR_BODY_NOT_JSON']);
  assert.deepEqual(codes(400, '{"Errors":[{"description":"bad","code":400}]}'), ['ERROR_BODY_NOT_SCIM']);
  assert.deepEqual(codes(400, JSON.stringify(rfc('400', { detail: 'x' }))), ['ERROR_BODY_NOT_SCIM'], 'JSON encoded in a string');
  assert.deepEqual(codes(429, rfc('429', { detail: 'x' })), ['RETRY_AFTER_MISSING']);
  assert.deepEqual(codes(429, rfc('429', { detail: 'x' }), null), [], 'headers unknown: not claimed missing');
  assert.deepEqual(codes(200, '{"totalResults":0}'), [], 'a success has no error deviations');
});

test('vendor shapes: fields kept, detail found', () => {
  const okta = explainResponse(400, {}, '{"errorCode":"E0000001","errorSummary":"Api validation failed: login","errorCauses":[{"errorSummary":"login: already exists"}]}');
  assert.equal(okta.detail, 'Api validation failed: login');
  assert.equal(okta.vendorFields['errorCode'], 'E0000001');
  const oauth = explainResponse(401, {}, '{"error":"invalid_client","error_description":"Unknown client"}');
  assert.equal(oauth.detail, 'Unknown client');
  assert.equal(oauth.category, 'unauthorized');
  const nested = explainResponse(409, {}, JSON.stringify({ error: rfc('409', { scimType: 'uniqueness', detail: 'taken' }) }));
  assert.equal(nested.scimType, 'uniqueness');
  assert.equal(nested.bodyKind, 'vendor-json');
  const log = explainResponse(null, undefined, 'StatusCode: 409 Message: Conflict Web Response: {"schemas":["' + E + '"],"status":"409","scimType":"uniqueness","detail":"dup"}');
  assert.equal(log.status, 409);
  assert.equal(log.bodySource, 'embedded');
  assert.equal(log.category, 'uniqueness');
  assert.equal(explainResponse(401, { 'content-type': 'text/plain' }, 'Unauthorized').detail, 'Unauthorized');
});

test('registry matches: errors by status, scimType and match; knownIssues by code (old names too)', () => {
  const app: Application = {
    id: 'a', baseUrl: 'https://a.example/scim',
    errors: [
      { status: 400, meaning: 'generic' },
      { status: 400, match: 'already exists', meaning: 'duplicate', retry: false, notes: 'update instead' },
      { status: 400, match: '/rate.?limit/i', meaning: 'throttled', retry: true },
      { status: 400, scimType: 'invalidFilter', meaning: 'bad filter' },
      { status: 400, match: '/(broken/', meaning: 'never matches' },
    ],
    knownIssues: [
      { summary: '409s lack scimType', workaround: 'match on detail', codes: ['CONFLICT_WITHOUT_SCIMTYPE'] },
      { summary: 'throttles', codes: ['RATE_LIMITED'] },
    ],
  };
  const dup = explainResponse(400, {}, '{"detail":"User already exists"}', app);
  assert.deepEqual(dup.registryMatches.map((m) => [m.kind, m.index]), [['error', 1], ['error', 0]]);
  assert.equal(dup.registryMatches[0]?.workaround, 'update instead');
  const throttled = explainResponse(400, {}, '{"detail":"Rate limit hit"}', app);
  assert.equal(throttled.retryable, true, 'the registry says this 400 is worth retrying');
  assert.deepEqual(throttled.registryMatches.filter((m) => m.kind === 'knownIssue').map((m) => m.index), [1], 'category rateLimited matches RATE_LIMITED');
  const filter = explainResponse(400, {}, rfc('400', { scimType: 'invalidfilter', detail: 'bad' }), app);
  assert.equal(filter.registryMatches[0]?.index, 3, 'scimType compared case-insensitively');
  const conflict = explainResponse(409, {}, rfc('409', { detail: 'x' }), app);
  assert.deepEqual(conflict.registryMatches, [{ kind: 'knownIssue', index: 0, meaning: '409s lack scimType', workaround: 'match on detail' }]);
});

test('inspector codes are in the finding-code registry once, with their source', () => {
  assert.equal(new Set(knownFindingCodes).size, knownFindingCodes.length, 'no code listed twice');
  for (const code of ['ERROR_STATUS_MISSING', 'ERROR_STATUS_MISMATCH', 'ERROR_SCIMTYPE_STATUS_MISMATCH', 'ERROR_BODY_NOT_JSON', 'ERROR_BODY_NOT_SCIM', 'ERROR_BODY_EMPTY', 'RETRY_AFTER_MISSING']) {
    assert.equal(findingCodeInfo.find((i) => i.code === code)?.source, 'inspect', code);
  }
});

test('the README documents the explanation with exactly these keys, and every category', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The explanation'));
  const block = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const documented = JSON.parse(block) as Record<string, unknown>;
  const actual = explainResponse(409, {}, '{}');
  assert.deepEqual(Object.keys(documented).sort(), Object.keys(actual).sort());
  for (const c of CATEGORIES) assert.ok(section.includes(`\`${c}\``), `README names the category ${c}`);
});

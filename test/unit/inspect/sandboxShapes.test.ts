// Every error shape the sandbox's presets produce, fetched live through the engine and explained: RFC errors
// (strict), numeric/sparse/no-scimType errors (minimal), text/plain errors, 429 with and without Retry-After,
// a SCIM 503 and a gateway's HTML 502, the OAuth token endpoint's error, and an unknown app's 404.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { createScimClient, type SendResult } from '../../../src/core/http';
import { explainResponse, explainResult } from '../../../src/core/inspect';
import { RateLimiter } from '../../../src/core/http/rateLimiter';
import type { Application } from '../../../src/core/registry/model';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await startSandbox({
    token: 'shape-token',
    apps: [
      { id: 'strict', profile: 'strict', users: 3 },
      { id: 'minimal', profile: 'minimal', users: 3 },
      { id: 'text', profile: 'strict', users: 3, quirks: { errorFormat: 'textPlain' } },
      { id: 'limited', profile: 'strict', users: 1, quirks: { rateLimit: { requestsPerSecond: 0.001, burst: 1, retryAfter: true } } },
      { id: 'limited-bare', profile: 'strict', users: 1, quirks: { rateLimit: { requestsPerSecond: 0.001, burst: 1, retryAfter: false } } },
      { id: 'down', profile: 'strict', users: 1, quirks: { faults: { rate: 1, kind: '503' } } },
      { id: 'gateway', profile: 'strict', users: 1, quirks: { faults: { rate: 1, kind: 'html502' } } },
    ],
  });
});
after(async () => {
  await sandbox.stop();
});

async function send(appId: string, method: string, path: string, body?: unknown, auth: Application['auth'] = { type: 'bearer', secret: 't' }): Promise<SendResult> {
  const sb = sandbox.apps.find((a) => a.id === appId);
  assert.ok(sb);
  const app: Application = { id: `shape-${appId}`, baseUrl: sb.baseUrl, auth, rateLimit: { backoff: { maxRetries: 0 } } };
  return createScimClient(app, { secrets: { get: (n) => Promise.resolve(n === 't' ? sb.token : 'wrong-client-secret') }, rateLimiter: new RateLimiter(undefined), env: {} })
    .send({ method, path, ...(body !== undefined ? { body } : {}) });
}

const user = (userName: string): unknown => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });

function explained(result: SendResult): NonNullable<ReturnType<typeof explainResult>> {
  const x = explainResult(result);
  assert.ok(x, 'a response to explain');
  return x;
}

const codes = (x: { deviations: { code: string }[] }): string[] => x.deviations.map((d) => d.code).sort();

test('strict: RFC errors have no deviations and the right categories', async () => {
  await send('strict', 'POST', '/Users', user('dup@example.com'));
  const dup = explained(await send('strict', 'POST', '/Users', user('dup@example.com')));
  assert.deepEqual([dup.status, dup.category, dup.scimType, codes(dup)], [409, 'uniqueness', 'uniqueness', []]);
  const missing = explained(await send('strict', 'GET', '/Users/does-not-exist'));
  assert.deepEqual([missing.category, codes(missing)], ['notFound', []]);
  const filter = explained(await send('strict', 'GET', '/Users?filter=userName%20xx%20%22a%22'));
  assert.deepEqual([filter.category, codes(filter)], ['invalidFilter', []]);
  const me = explained(await send('strict', 'GET', '/Me'));
  assert.equal(me.category, 'methodNotAllowed');
  const noAuth = explained(await send('strict', 'GET', '/Users', undefined, { type: 'none' }));
  assert.deepEqual([noAuth.category, codes(noAuth)], ['unauthorized', []]);
});

test('minimal: numeric status, no schemas, 409 without scimType, a 500 for a malformed filter', async () => {
  await send('minimal', 'POST', '/Users', user('dup@example.com'));
  const dup = explained(await send('minimal', 'POST', '/Users', user('dup@example.com')));
  assert.equal(dup.category, 'uniqueness', 'the wording says duplicate');
  assert.deepEqual(codes(dup), ['ERROR_SCIMTYPE_MISSING', 'ERROR_STATUS_NOT_STRING', 'SCHEMAS_MISSING']);
  const broken = explained(await send('minimal', 'GET', '/Users?filter=userName%20eq'));
  assert.deepEqual([broken.status, broken.category, broken.retryable], [500, 'serverError', true]);
});

test('textPlain errors are text, explained by status and wording', async () => {
  const missing = explained(await send('text', 'GET', '/Users/nope'));
  assert.deepEqual([missing.bodyKind, missing.category, codes(missing)], ['text', 'notFound', ['ERROR_BODY_NOT_JSON']]);
});

test('429 with and without Retry-After', async () => {
  await send('limited', 'GET', '/Users');
  const limited = explained(await send('limited', 'GET', '/Users'));
  assert.equal(limited.category, 'rateLimited');
  assert.ok((limited.retryAfterSeconds ?? 0) >= 1);
  assert.deepEqual(codes(limited), []);
  await send('limited-bare', 'GET', '/Users');
  const bare = explained(await send('limited-bare', 'GET', '/Users'));
  assert.deepEqual(codes(bare), ['RETRY_AFTER_MISSING']);
});

test('a SCIM 503 and a gateway HTML 502', async () => {
  const down = explained(await send('down', 'GET', '/Users'));
  // The sandbox's 503 says when to come back (Retry-After: 1), as a service that knows it is down does.
  assert.deepEqual([down.category, down.retryable, down.retryAfterSeconds, codes(down)], ['unavailable', true, 1, []]);
  const gateway = explained(await send('gateway', 'GET', '/Users'));
  assert.deepEqual([gateway.bodyKind, gateway.category, gateway.detail, codes(gateway)], ['html', 'unavailable', '502 Bad Gateway', ['ERROR_BODY_NOT_JSON']]);
});

test('the OAuth token endpoint\'s error and an unknown app', async () => {
  const sb = sandbox.apps[0];
  assert.ok(sb);
  const token = await send('strict', 'GET', '/Users', undefined, { type: 'oauth2ClientCredentials', tokenUrl: sb.tokenUrl, clientId: sb.clientId, secret: 'wrong' });
  assert.equal(token.exchange.error?.kind, 'token');
  const refused = token.exchange.tokenRequests[0];
  assert.equal(refused?.status, 401);
  assert.match(refused?.error ?? '', /invalid_client/);
  // The token endpoint's own body (RFC 6749 §5.2), as the sandbox sends it.
  const body = explainResponse(401, { 'content-type': 'application/json' }, '{"error":"invalid_client","error_description":"Unknown client or wrong secret"}');
  assert.deepEqual([body.category, body.detail], ['unauthorized', 'Unknown client or wrong secret']);
  const unknownApp = await createScimClient({ id: 'ghost', baseUrl: `${sandbox.url}/apps/ghost/scim/v2`, auth: { type: 'none' } }, { secrets: { get: () => Promise.resolve(undefined) }, env: {} })
    .send({ method: 'GET', path: '/Users' });
  const ghost = explained(unknownApp);
  assert.deepEqual([ghost.status, ghost.category, codes(ghost)], [404, 'notFound', []]);
});

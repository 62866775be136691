// The client-side token bucket (pure, with a fake clock), its sharing per application, and the slack-like
// sandbox preset's real 429s waited out per Retry-After.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { RateLimiter, sharedRateLimiter, createScimClient } from '../../../src/core/http';
import { app, secretMap } from './helpers';

test('the bucket lets a burst through, then paces at the rate', () => {
  let t = 0;
  const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 3 }, () => t);
  assert.deepEqual([1, 2, 3].map(() => limiter.reserve().waitMs), [0, 0, 0]);
  assert.equal(limiter.reserve().waitMs, 100);
  assert.equal(limiter.reserve().waitMs, 200, 'callers queue in arrival order');
  t = 1000;
  assert.equal(limiter.reserve().waitMs, 0);
});

test('per-minute limits pace evenly without a burst; a cancelled reservation gives its slot back', () => {
  const t = 0;
  const limiter = new RateLimiter({ requestsPerMinute: 60 }, () => t);
  assert.equal(limiter.reserve().waitMs, 0);
  const second = limiter.reserve();
  assert.equal(second.waitMs, 1000);
  second.cancel();
  assert.equal(limiter.reserve().waitMs, 1000);
});

test('a server pause holds every caller of the application', () => {
  let t = 0;
  const limiter = new RateLimiter(undefined, () => t);
  assert.equal(limiter.unlimited, true);
  limiter.pause(2000);
  const r = limiter.reserve();
  assert.equal(r.waitMs, 2000);
  assert.equal(r.source, 'server');
  t = 2500;
  assert.equal(limiter.unlimited, true);
});

test('clients of the same application share one limiter; other applications have their own', () => {
  const a1 = sharedRateLimiter('app-a', 'https://a.example/scim', { requestsPerSecond: 1 });
  const a2 = sharedRateLimiter('app-a', 'https://a.example/scim', { requestsPerSecond: 1 });
  const b = sharedRateLimiter('app-b', 'https://b.example/scim', { requestsPerSecond: 1 });
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
  assert.notEqual(sharedRateLimiter('app-a', 'https://a.example/scim', { requestsPerSecond: 2 }), a1, 'an edited limit replaces it');
});

let sandbox: RunningSandbox;
// The sandbox's clock stands still during the burst (so a loaded machine cannot refill its bucket meanwhile) and
// runs again once the first 429 has been answered.
let frozenAt: number | undefined;
let skewMs = 0;
before(async () => {
  sandbox = await startSandbox({ apps: [{ id: 'slack-like', profile: 'slack-like', users: 5 }], token: 'slack-test-token', now: () => frozenAt ?? Date.now() + skewMs });
});
after(async () => {
  await sandbox.stop();
});

test('slack-like: a burst past its limit gets 429s, each waited out per Retry-After, and every request succeeds', async () => {
  const sb = sandbox.apps[0];
  assert.ok(sb);
  const application = app(sb.baseUrl, { auth: { type: 'bearer', secret: 'tok' } });
  const c = createScimClient(application, { secrets: secretMap({ tok: sb.token }), env: {} });
  frozenAt = Date.now();
  const thaw = (): void => {
    if (frozenAt === undefined) return;
    skewMs = frozenAt - Date.now();
    frozenAt = undefined;
  };
  const results = await Promise.all(Array.from({ length: 30 }, () => c.send({ method: 'GET', path: '/Users?count=1' }, { onEvent: (e) => e.type === 'retry' && thaw() })));
  assert.ok(results.every((r) => r.status === 200), `statuses: ${results.map((r) => r.status).join(',')}`);
  const retried = results.filter((r) => r.exchange.retries > 0);
  assert.ok(retried.length > 0, 'some requests met the limit');
  for (const r of retried) {
    assert.equal(r.exchange.attempts[0]?.status, 429);
    assert.match(r.exchange.attempts[1]?.why ?? '', /^429 with Retry-After \d+ s$/);
    assert.ok(r.exchange.timings.waitedMs >= 900, `waited ${r.exchange.timings.waitedMs} ms`);
  }
});

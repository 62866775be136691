// Switches that depend on time, driven by an injected clock: rate limits and delayed deactivation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import { appOf, call, createUser, patch, start } from './helpers';

let now = 1_000_000;
let sb: RunningSandbox;

before(async () => {
  sb = await start(
    [
      { id: 'limited', users: 5, groups: 0, quirks: { rateLimit: { requestsPerSecond: 2, burst: 3, retryAfter: true } } },
      { id: 'limitedBare', users: 5, groups: 0, quirks: { rateLimit: { requestsPerSecond: 2, burst: 1, retryAfter: false } } },
      { id: 'delayed', users: 5, groups: 0, quirks: { deactivation: 'delayed', deactivationDelaySeconds: 30 } },
      { id: 'perMinute', users: 5, groups: 0, quirks: { rateLimit: { requestsPerMinute: 6, burst: 2, retryAfter: true } } },
    ],
    { now: () => now },
  );
});
after(async () => sb.stop());

describe('rate limit', () => {
  test('a burst beyond the bucket gets 429 with Retry-After; the bucket refills with time', async () => {
    const app = appOf(sb, 'limited');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(app, 'GET', '/Users?count=0')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const limited = await call(app, 'GET', '/Users?count=0');
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal(limited.body.status, '429');
    now += 1000;
    assert.equal((await call(app, 'GET', '/Users?count=0')).status, 200);
  });

  test('429 without Retry-After when so configured', async () => {
    const app = appOf(sb, 'limitedBare');
    assert.equal((await call(app, 'GET', '/Users?count=0')).status, 200);
    const r = await call(app, 'GET', '/Users?count=0');
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), null);
  });

  test('a per-minute limit refills per minute, and Retry-After says how many seconds until the next request', async () => {
    const app = appOf(sb, 'perMinute');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(app, 'GET', '/Users?count=0')).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await call(app, 'GET', '/Users?count=0');
    assert.equal(limited.headers.get('retry-after'), '10');
    assert.match(limited.body.detail, /6 requests per minute/);
    now += 9_000;
    assert.equal((await call(app, 'GET', '/Users?count=0')).status, 429);
    now += 1_000;
    assert.equal((await call(app, 'GET', '/Users?count=0')).status, 200);
  });
});

describe('delayed deactivation', () => {
  test('reads show active=true until the delay passes, then false', async () => {
    const app = appOf(sb, 'delayed');
    const u = await createUser(app);
    const r = await call(app, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'active', value: false }));
    assert.equal(r.status, 200);
    assert.equal(r.body.active, true);
    now += 29_000;
    assert.equal((await call(app, 'GET', `/Users/${u.body.id}`)).body.active, true);
    now += 2_000;
    assert.equal((await call(app, 'GET', `/Users/${u.body.id}`)).body.active, false);
  });
});

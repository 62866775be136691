// Every preset produces the behaviour its documentation promises.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RFC_QUIRKS, describePreset, presetNames, type RunningSandbox } from '../../../src/sandbox';
import { USER_URN, appOf, call, createUser, patch, q, start } from './helpers';

let sb: RunningSandbox;
const app = (id: string) => appOf(sb, id);

before(async () => {
  sb = await start([
    ...presetNames.map((p) => ({ id: p, profile: p, users: p === 'slack-like' ? 1100 : 120, groups: 3 })),
    { id: 'throttled-faults', profile: 'throttled', users: 10, groups: 0, quirks: { rateLimit: null } },
  ]);
});
after(async () => sb.stop());

async function burst(id: string, n: number): Promise<{ status: number; retryAfter: string | null }[]> {
  const replies = await Promise.all(Array.from({ length: n }, () => call(app(id), 'GET', '/Users?count=0')));
  return replies.map((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }));
}

describe('presets', () => {
  test('the eight documented presets exist and describe what they model', () => {
    assert.deepEqual([...presetNames], ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like', 'drifting', 'minimal', 'throttled']);
    for (const name of presetNames) {
      const d = describePreset(name);
      assert.ok(d && d.summary.length > 10 && d.modelled.length > 20, name);
    }
    assert.deepEqual(describePreset('strict')?.quirks, { ...RFC_QUIRKS });
    assert.equal(describePreset('nope'), undefined);
  });

  test('entra-compatible: "Replace" with "False" deactivates; enterprise URN path; no-match filter is 200/0', async () => {
    const u = await createUser(app('entra-compatible'));
    const r = await call(app('entra-compatible'), 'PATCH', `/Users/${u.body.id}`, patch(
      { op: 'Replace', value: { active: 'False', 'name.givenName': 'Entra' } },
      { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: '42' },
    ));
    assert.equal(r.status, 200);
    const g = await call(app('entra-compatible'), 'GET', `/Users/${u.body.id}`);
    assert.equal(g.body.active, false);
    assert.equal(g.body.name.givenName, 'Entra');
    assert.equal(g.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].employeeNumber, '42');
    const none = await call(app('entra-compatible'), 'GET', `/Users?filter=${q('userName eq "ghost@example.com"')}`);
    assert.equal(none.status, 200);
    assert.equal(none.body.totalResults, 0);
  });

  test('aws-like: count=100 gives 50, startIndex ignored, co rejected, no Bulk', async () => {
    const r = await call(app('aws-like'), 'GET', '/Users?count=100');
    assert.equal(r.body.Resources.length, 50);
    const p2 = await call(app('aws-like'), 'GET', '/Users?startIndex=51&count=50&attributes=id');
    assert.equal(p2.body.Resources[0].id, r.body.Resources[0].id);
    assert.equal((await call(app('aws-like'), 'GET', `/Users?filter=${q('userName co "a"')}`)).status, 400);
    assert.equal((await call(app('aws-like'), 'GET', `/Users?filter=${q('userName eq "a" and active eq true')}`)).status, 200);
    assert.equal((await call(app('aws-like'), 'POST', '/Bulk', {})).status, 501);
  });

  test('slack-like: default 10, capped at 1000, 429 with Retry-After in a burst', async () => {
    assert.equal((await call(app('slack-like'), 'GET', '/Users')).body.Resources.length, 10);
    assert.equal((await call(app('slack-like'), 'GET', '/Users?count=2000&attributes=id')).body.Resources.length, 1000);
    const replies = await burst('slack-like', 40);
    const limited = replies.filter((r) => r.status === 429);
    assert.ok(limited.length > 0);
    assert.ok(limited.every((r) => r.retryAfter !== null && Number(r.retryAfter) >= 1));
  });

  test('github-like: active=false deletes the user; filtered PATCH paths are 400', async () => {
    const u = await createUser(app('github-like'), { emails: [{ value: 'g@example.com', type: 'work' }] });
    const f = await call(app('github-like'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }));
    assert.equal(f.status, 400);
    assert.equal((await call(app('github-like'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'active', value: false }))).status, 200);
    assert.equal((await call(app('github-like'), 'GET', `/Users/${u.body.id}`)).status, 404);
  });

  test('drifting: totals move between pages, pages repeat items, itemsPerPage echoes count', async () => {
    const seen: string[] = [];
    const totals = new Set<number>();
    for (let start = 1; start <= 120; start += 40) {
      const page = await call(app('drifting'), 'GET', `/Users?startIndex=${start}&count=40&attributes=id`);
      totals.add(page.body.totalResults);
      assert.equal(page.body.itemsPerPage, 40);
      seen.push(...page.body.Resources.map((r: { id: string }) => r.id));
    }
    assert.ok(totals.size > 1, 'totalResults drifted');
    assert.ok(new Set(seen).size < seen.length, 'some ids repeat across pages');
  });

  test('minimal: no discovery, eq only, bad filter 500, case-variant duplicate 201, capitalised op ignored, sparse errors', async () => {
    const m = app('minimal');
    assert.equal((await call(m, 'GET', '/ServiceProviderConfig')).status, 404);
    assert.equal((await call(m, 'GET', `/Users?filter=${q('userName eq "a" and active eq true')}`)).status, 400);
    assert.equal((await call(m, 'GET', `/Users?filter=${q('userName eq')}`)).status, 500);
    const u = await createUser(m, { title: 'Before' });
    assert.equal(u.headers.get('location'), null);
    const variant = await call(m, 'POST', '/Users', { schemas: [USER_URN], userName: String(u.body.userName).toUpperCase() });
    assert.equal(variant.status, 201);
    const dup = await call(m, 'POST', '/Users', { schemas: [USER_URN], userName: u.body.userName });
    assert.equal(dup.status, 409);
    assert.deepEqual(Object.keys(dup.body).sort(), ['detail', 'status']);
    assert.equal(dup.body.status, 409);
    const p = await call(m, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'Replace', path: 'title', value: 'After' }));
    assert.equal(p.status, 200);
    assert.equal((await call(m, 'GET', `/Users/${u.body.id}`)).body.title, 'Before');
    assert.equal((await call(m, 'POST', '/Bulk', {})).status, 404);
  });

  test('throttled: 429 without Retry-After in a burst; seeded 503s and HTML 502s', async () => {
    const replies = await burst('throttled', 12);
    const limited = replies.filter((r) => r.status === 429);
    assert.ok(limited.length > 0);
    assert.ok(limited.every((r) => r.retryAfter === null));
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await call(app('throttled-faults'), 'GET', '/Users?count=0')).status);
    assert.ok(statuses.some((s) => s === 503 || s === 502), statuses.join(','));
    assert.ok(statuses.filter((s) => s === 200).length > 40);
  });
});

// Every preset produces, over real HTTP, the behaviour its documentation promises and that its probe findings
// rest on. The clock is injected, so rate limits, cursor expiry and delayed deactivation are deterministic.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RFC_QUIRKS, describePreset, presetNames, type RunningApp, type RunningSandbox } from '../../../src/sandbox';
import { BULK_URN, USER_URN, appOf, call, createUser, patch, q, start } from './helpers';

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
let now = 1_700_000_000_000;
let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start(
    [
      ...presetNames.map((p) => ({ id: p, profile: p, users: p === 'slack-like' ? 1100 : p === 'drifting' ? 250 : 120, groups: 3 })),
      { id: 'throttled-calm', profile: 'throttled', users: 30, groups: 2, quirks: { rateLimit: null, faults: null } },
    ],
    { now: () => now },
  );
});
after(async () => sb.stop());

async function burst(id: string, n: number): Promise<{ status: number; retryAfter: string | null }[]> {
  const replies = await Promise.all(Array.from({ length: n }, () => call(app(id), 'GET', '/Users?count=0')));
  return replies.map((r) => ({ status: r.status, retryAfter: r.headers.get('retry-after') }));
}

const idsOf = (body: { Resources?: { id: string }[] }): string[] => (body.Resources ?? []).map((r) => r.id);

async function group(a: RunningApp, ...members: string[]): Promise<string> {
  const g = await call(a, 'POST', '/Groups', { schemas: [GROUP_URN], displayName: `scimwb-probe-g${Math.random()}`, members: members.map((value) => ({ value })) });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  return g.body.id as string;
}

describe('presets', () => {
  test('nine presets: the eight documented ones and cursor, each describing what it models and its findings', () => {
    assert.deepEqual([...presetNames], ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like', 'drifting', 'minimal', 'throttled', 'cursor', 'entra-unready']);
    for (const name of presetNames) {
      const d = describePreset(name);
      assert.ok(d && d.summary.length > 10 && d.modelled.length > 20, name);
      assert.ok(d.findings.length > 0, name);
      assert.ok(d.modelled.endsWith(`Probe findings (idpProfile ${d.idpProfile}): ${d.findings.join(', ')}.`), name);
    }
    assert.deepEqual(describePreset('strict')?.quirks, { ...RFC_QUIRKS });
    assert.deepEqual(describePreset('strict')?.findings, ['DEACTIVATION_CONTRACT']);
    assert.equal(describePreset('nope'), undefined);
  });

  test('strict: RFC paging, truthful ServiceProviderConfig, no cursors', async () => {
    const spc = (await call(app('strict'), 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual(spc.bulk, { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 });
    assert.equal(spc.pagination.cursor, false);
    const page = await call(app('strict'), 'GET', '/Users?startIndex=101&count=100&attributes=id');
    assert.deepEqual([page.body.startIndex, page.body.itemsPerPage, page.body.totalResults, page.body.nextCursor], [101, 20, 120, undefined]);
  });

  test('cursor: a spec-correct cursor walk with previousCursor; cursors expire after 10 s', async () => {
    const a = app('cursor');
    const seen: string[] = [];
    let r = await call(a, 'GET', '/Users?cursor=&count=50&attributes=id');
    seen.push(...idsOf(r.body));
    const first = r.body.nextCursor as string;
    while (r.body.nextCursor) {
      r = await call(a, 'GET', `/Users?cursor=${r.body.nextCursor}&count=50&attributes=id`);
      assert.ok(r.body.previousCursor);
      seen.push(...idsOf(r.body));
    }
    assert.equal(new Set(seen).size, 120);
    assert.equal(seen.length, 120);
    now += 10_500;
    assert.equal((await call(a, 'GET', `/Users?cursor=${first}&count=50`)).body.scimType, 'expiredCursor');
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
    const gid = await group(app('entra-compatible'), u.body.id);
    await call(app('entra-compatible'), 'PATCH', `/Groups/${gid}`, patch({ op: 'Remove', path: `members[value eq "${u.body.id}"]` }));
    assert.equal((await call(app('entra-compatible'), 'GET', `/Groups/${gid}`)).body.members, undefined);
  });

  test('aws-like: count=100 gives 50, startIndex ignored, co rejected, no Bulk, one email, 100 members per request', async () => {
    const a = app('aws-like');
    const r = await call(a, 'GET', '/Users?count=100');
    assert.equal(r.body.Resources.length, 50);
    const p2 = await call(a, 'GET', '/Users?startIndex=51&count=50&attributes=id');
    assert.equal(p2.body.Resources[0].id, r.body.Resources[0].id);
    assert.equal((await call(a, 'GET', `/Users?filter=${q('userName co "a"')}`)).status, 400);
    assert.equal((await call(a, 'GET', `/Users?filter=${q('userName eq "a" and active eq true')}`)).status, 200);
    assert.equal((await call(a, 'POST', '/Bulk', {})).status, 501);
    const emails = [{ value: 'a@example.com' }, { value: 'b@example.com' }];
    assert.equal((await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'two@example.com', emails })).status, 400);
    const ids = Array.from({ length: 101 }, (_, i) => ({ value: `m${i}` }));
    assert.equal((await call(a, 'POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Big', members: ids })).status, 400);
    assert.equal((await call(a, 'POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Fits', members: ids.slice(0, 100) })).status, 201);
  });

  test('slack-like: default 10, capped at 1000, a per-minute limit answered 429 with Retry-After in a burst', async () => {
    assert.equal((await call(app('slack-like'), 'GET', '/Users')).body.Resources.length, 10);
    assert.equal((await call(app('slack-like'), 'GET', '/Users?count=2000&attributes=id')).body.Resources.length, 1000);
    const replies = await burst('slack-like', 40);
    const limited = replies.filter((r) => r.status === 429);
    assert.equal(limited.length, 40 - 18, 'a burst of 20, two of which the lines above used');
    assert.ok(limited.every((r) => r.retryAfter === '1'));
    const detail = (await call(app('slack-like'), 'GET', '/Users?count=0')).body.detail;
    assert.match(detail, /600 requests per minute/);
  });

  test('github-like: active=false deletes the user; filtered PATCH paths (RFC member removal too) are 400', async () => {
    const a = app('github-like');
    const u = await createUser(a, { emails: [{ value: 'g@example.com', type: 'work' }] });
    const f = await call(a, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }));
    assert.equal(f.status, 400);
    const gid = await group(a, u.body.id);
    assert.equal((await call(a, 'PATCH', `/Groups/${gid}`, patch({ op: 'remove', path: `members[value eq "${u.body.id}"]` }))).status, 400);
    assert.equal((await call(a, 'GET', `/Groups/${gid}`)).body.members.length, 1);
    assert.equal((await call(a, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'active', value: false }))).status, 200);
    assert.equal((await call(a, 'GET', `/Users/${u.body.id}`)).status, 404);
  });

  test('drifting: an index walk of 250 users by 100 drifts, repeats users, misses none, echoes count, in strings', async () => {
    const a = app('drifting');
    const seen: string[] = [];
    const totals: unknown[] = [];
    const pages: Record<string, unknown>[] = [];
    for (let start = 1; start <= 250; start += 100) {
      const page = await call(a, 'GET', `/Users?startIndex=${start}&count=100&attributes=id`);
      pages.push(page.body);
      totals.push(page.body.totalResults);
      seen.push(...idsOf(page.body));
    }
    assert.ok(totals.every((t) => typeof t === 'string'), 'paging numbers are strings');
    assert.ok(new Set(totals).size > 1, `totals ${totals.join(',')}`);
    assert.ok(new Set(seen).size < seen.length, 'users repeat across pages');
    assert.equal(new Set(seen).size, 250, 'none is missed');
    assert.equal(pages[2]?.['itemsPerPage'], '100');
    assert.equal((pages[2]?.['Resources'] as unknown[]).length, 52);
  });

  test('drifting: cursors loop, an expired one says invalidCursor, and ServiceProviderConfig understates the page size', async () => {
    const a = app('drifting');
    const p1 = await call(a, 'GET', '/Users?cursor=&count=100&attributes=id');
    const p2 = await call(a, 'GET', `/Users?cursor=${p1.body.nextCursor}&count=100&attributes=id`);
    assert.equal(p2.body.nextCursor, p1.body.nextCursor);
    now += 5_500;
    assert.equal((await call(a, 'GET', `/Users?cursor=${p1.body.nextCursor}&count=100`)).body.scimType, 'invalidCursor');
    const spc = (await call(a, 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual([spc.pagination.maxPageSize, spc.filter.maxResults], [50, 50]);
    assert.equal(p1.body.Resources.length, 100);
  });

  test('drifting: filters on anything but userName and malformed filters return everything; bulkIds stay unresolved; members repeat', async () => {
    const a = app('drifting');
    assert.equal((await call(a, 'GET', `/Users?filter=${q('active eq false')}&count=0`)).body.totalResults, '250');
    assert.equal((await call(a, 'GET', `/Users?filter=${q('userName eq')}&count=0`)).body.totalResults, '250');
    const b = await call(a, 'POST', '/Bulk', { schemas: [BULK_URN], Operations: [
      { method: 'POST', path: '/Users', bulkId: 'u', data: { schemas: [USER_URN], userName: 'scimwb-probe-drift' } },
      { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'scimwb-probe-dg', members: [{ value: 'bulkId:u' }] } },
    ] });
    const gid = String(b.body.Operations[1].location).split('/').pop();
    assert.deepEqual((await call(a, 'GET', `/Groups/${gid}`)).body.members, [{ value: 'bulkId:u' }]);
    const uid = String(b.body.Operations[0].location).split('/').pop() as string;
    const g2 = await group(a, uid);
    await call(a, 'PATCH', `/Groups/${g2}`, patch({ op: 'add', path: 'members', value: [{ value: uid }] }));
    assert.equal((await call(a, 'GET', `/Groups/${g2}`)).body.members.length, 2);
  });

  test('minimal: no discovery, 0-based startIndex, count=0 ignored, eq only and case-sensitive, bad filter 500, no match 404', async () => {
    const m = app('minimal');
    assert.equal((await call(m, 'GET', '/ServiceProviderConfig')).status, 404);
    const zero = await call(m, 'GET', '/Users?startIndex=0&count=2&attributes=id');
    const one = await call(m, 'GET', '/Users?startIndex=1&count=2&attributes=id');
    assert.equal(one.body.Resources[0].id, zero.body.Resources[1].id);
    assert.ok((await call(m, 'GET', '/Users?count=0')).body.Resources.length > 0);
    assert.equal((await call(m, 'GET', `/Users?filter=${q('userName eq "a" and active eq true')}`)).status, 400);
    assert.equal((await call(m, 'GET', `/Users?filter=${q('userName eq')}`)).status, 500);
    const some = zero.body.Resources[0].id as string;
    const name = (await call(m, 'GET', `/Users/${some}`)).body.userName as string;
    assert.equal((await call(m, 'GET', `/Users?filter=${q(`userName eq "${name}"`)}`)).status, 200);
    assert.equal((await call(m, 'GET', `/Users?filter=${q(`userName eq "${name.toUpperCase()}"`)}`)).status, 404);
  });

  test('minimal: sloppy writes and sparse errors', async () => {
    const m = app('minimal');
    const u = await createUser(m, { title: 'Before' });
    assert.equal(u.headers.get('location'), null);
    assert.equal((await call(m, 'POST', '/Users', { schemas: [USER_URN], userName: String(u.body.userName).toUpperCase() })).status, 201);
    const dup = await call(m, 'POST', '/Users', { schemas: [USER_URN], userName: u.body.userName });
    assert.equal(dup.status, 409);
    assert.deepEqual(Object.keys(dup.body).sort(), ['detail', 'status']);
    assert.equal(dup.body.status, 409);
    for (const op of ['Replace', 'frobnicate']) {
      assert.equal((await call(m, 'PATCH', `/Users/${u.body.id}`, patch({ op, path: 'title', value: 'After' }))).status, 200, op);
    }
    assert.equal((await call(m, 'GET', `/Users/${u.body.id}`)).body.title, 'Before');
    assert.equal((await call(m, 'POST', '/Users', { schemas: [USER_URN], displayName: 'scimwb-probe-noname' })).status, 201);
    assert.equal((await call(m, 'POST', '/Users', '{"userName":')).status, 500);
    assert.equal((await call(m, 'PATCH', '/Users/ghost', patch({ op: 'replace', path: 'title', value: 'x' }))).status, 400);
    assert.equal((await call(m, 'POST', '/Bulk', {})).status, 404);
    assert.equal((await call(m, 'GET', '/Me')).status, 404);
    const gid = await group(m, u.body.id);
    assert.equal((await call(m, 'GET', `/Groups/${gid}`)).body.members, undefined);
    assert.equal((await call(m, 'GET', `/Users/${u.body.id}`)).body.groups, undefined);
  });

  test('throttled: 429 without Retry-After in a burst; seeded 503s and HTML 502s on reads only', async () => {
    const replies = await burst('throttled', 12);
    const limited = replies.filter((r) => r.status === 429);
    assert.equal(limited.length, 2, 'a burst of 10');
    assert.ok(limited.every((r) => r.retryAfter === null));
    now += 60_000;
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await call(app('throttled'), 'GET', '/Users?count=0')).status);
      now += 100;
    }
    assert.ok(statuses.some((s) => s === 503 || s === 502), statuses.join(','));
    assert.ok(statuses.filter((s) => s === 200).length >= 30, statuses.join(','));
    for (let i = 0; i < 10; i++) {
      assert.equal((await createUser(app('throttled'))).status, 201);
      now += 1_000;
    }
  });

  test('throttled (limit and faults off): the gateway\'s 403, path-less PATCH refused, Bulk advertised but 501', async () => {
    const t = app('throttled-calm');
    const denied = await call(t, 'GET', '/Users', undefined, { authorization: 'Bearer wrong' });
    assert.equal(denied.status, 403);
    assert.deepEqual(denied.body, { message: 'Forbidden' });
    const u = await createUser(t);
    assert.equal((await call(t, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', value: { active: false } }))).status, 400);
    assert.equal((await call(t, 'GET', '/ServiceProviderConfig')).body.bulk.supported, true);
    assert.equal((await call(t, 'POST', '/Bulk', { schemas: [BULK_URN], Operations: [] })).status, 501);
  });

  test('throttled (limit and faults off): cursor-only paging whose last page carries nextCursor', async () => {
    const t = app('throttled-calm');
    const seen: string[] = [];
    let r = await call(t, 'GET', '/Users?startIndex=11&count=20&attributes=id');
    const pages = [r.body];
    seen.push(...idsOf(r.body));
    while (r.body.nextCursor) {
      r = await call(t, 'GET', `/Users?cursor=${r.body.nextCursor}&count=20&attributes=id`);
      pages.push(r.body);
      seen.push(...idsOf(r.body));
    }
    assert.equal(new Set(seen).size, (await call(t, 'GET', '/Users?count=0')).body.totalResults);
    assert.ok(pages[pages.length - 2]?.nextCursor, 'the page that completes the walk still has nextCursor');
    assert.deepEqual(pages[pages.length - 1]?.Resources ?? [], []);
  });

  test('throttled (limit and faults off): duplicates created, membership PATCH dropped, deactivation shows after 3 s', async () => {
    const t = app('throttled-calm');
    const u = await createUser(t);
    assert.equal((await call(t, 'POST', '/Users', { schemas: [USER_URN], userName: u.body.userName })).status, 201);
    const v = await createUser(t);
    const gid = await group(t, u.body.id);
    assert.equal((await call(t, 'PATCH', `/Groups/${gid}`, patch({ op: 'add', path: 'members', value: [{ value: v.body.id }] }))).status, 200);
    assert.deepEqual((await call(t, 'GET', `/Groups/${gid}`)).body.members.map((x: { value: string }) => x.value), [u.body.id]);
    await call(t, 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'active', value: false }));
    now += 2_000;
    assert.equal((await call(t, 'GET', `/Users/${u.body.id}`)).body.active, true);
    now += 1_500;
    assert.equal((await call(t, 'GET', `/Users/${u.body.id}`)).body.active, false);
  });
});

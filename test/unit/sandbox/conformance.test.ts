// The `strict` preset against an RFC 7644 checklist: statuses, bodies, headers and paging numbers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningApp, RunningSandbox } from '../../../src/sandbox';
import { BULK_URN, ERROR_URN, SEARCH_URN, USER_URN, appOf, call, createUser, patch, q, start } from './helpers';

const USERS = 60;
let sb: RunningSandbox;
let app: RunningApp;

before(async () => {
  sb = await start([{ id: 'strict', profile: 'strict', users: USERS, groups: 5 }]);
  app = appOf(sb, 'strict');
});
after(async () => sb.stop());

function assertError(reply: { status: number; body: { schemas?: unknown; status?: unknown } }, status: number): void {
  assert.equal(reply.status, status);
  assert.deepEqual(reply.body.schemas, [ERROR_URN]);
  assert.equal(reply.body.status, String(status), 'RFC 7644 §3.12: status is a string');
}

describe('strict: resources (RFC 7644 §3.3-3.6)', () => {
  test('POST creates: 201, Location = meta.location, meta complete, ETag, SCIM content type', async () => {
    const r = await createUser(app, { name: { givenName: 'Barbara', familyName: 'Jensen' } });
    assert.equal(r.status, 201);
    assert.match(r.headers.get('content-type') ?? '', /^application\/scim\+json/);
    assert.equal(r.headers.get('location'), r.body.meta.location);
    assert.equal(r.body.meta.location, `${app.baseUrl}/Users/${r.body.id}`);
    assert.equal(r.body.meta.resourceType, 'User');
    assert.match(r.body.meta.created, /^\d{4}-\d\d-\d\dT/);
    assert.equal(r.body.meta.created, r.body.meta.lastModified);
    assert.equal(r.headers.get('etag'), r.body.meta.version);
    assert.ok(r.body.schemas.includes(USER_URN));
  });

  test('GET by id returns the resource; unknown id is a 404 error body', async () => {
    const created = await createUser(app);
    const r = await call(app, 'GET', `/Users/${created.body.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.userName, created.body.userName);
    assertError(await call(app, 'GET', '/Users/does-not-exist'), 404);
  });

  test('PUT replaces the resource: omitted attributes are cleared, id and created kept', async () => {
    const created = await createUser(app, { displayName: 'Before', title: 'Engineer' });
    const r = await call(app, 'PUT', `/Users/${created.body.id}`, { schemas: [USER_URN], userName: created.body.userName, displayName: 'After' });
    assert.equal(r.status, 200);
    assert.equal(r.body.id, created.body.id);
    assert.equal(r.body.displayName, 'After');
    assert.equal(r.body.title, undefined);
    assert.equal(r.body.meta.created, created.body.meta.created);
    assert.notEqual(r.body.meta.version, created.body.meta.version);
  });

  test('PATCH add, replace (valuePath with sub-attribute) and remove (valuePath and attribute)', async () => {
    const created = await createUser(app, { title: 'Engineer', emails: [{ value: 'w@example.com', type: 'work' }] });
    const id = created.body.id as string;
    let r = await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'add', path: 'emails', value: [{ value: 'h@example.com', type: 'home' }] }));
    assert.equal(r.status, 200);
    assert.equal(r.body.emails.length, 2);
    r = await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'work2@example.com' }));
    assert.equal(r.status, 200);
    assert.ok(r.body.emails.some((e: { value: string; type: string }) => e.type === 'work' && e.value === 'work2@example.com'));
    r = await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'remove', path: 'emails[type eq "home"]' }, { op: 'remove', path: 'title' }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.emails.map((e: { type: string }) => e.type), ['work']);
    assert.equal(r.body.title, undefined);
    r = await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'replace', value: { displayName: 'Path-less', 'name.givenName': 'Dotted' } }));
    assert.equal(r.status, 200);
    assert.equal(r.body.displayName, 'Path-less');
    assert.equal(r.body.name.givenName, 'Dotted');
  });

  test('PATCH remove without path is 400 noTarget (RFC 7644 §3.5.2.2)', async () => {
    const created = await createUser(app);
    const r = await call(app, 'PATCH', `/Users/${created.body.id}`, patch({ op: 'remove' }));
    assertError(r, 400);
    assert.equal(r.body.scimType, 'noTarget');
  });

  test('DELETE answers 204 and the resource is gone', async () => {
    const created = await createUser(app);
    const r = await call(app, 'DELETE', `/Users/${created.body.id}`);
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    assertError(await call(app, 'GET', `/Users/${created.body.id}`), 404);
  });

  test('Groups: create with members, PATCH add and remove members', async () => {
    const u1 = await createUser(app);
    const u2 = await createUser(app);
    const g = await call(app, 'POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Conformance', members: [{ value: u1.body.id }] });
    assert.equal(g.status, 201);
    let r = await call(app, 'PATCH', `/Groups/${g.body.id}`, patch({ op: 'add', path: 'members', value: [{ value: u2.body.id }] }));
    assert.equal(r.status, 200);
    assert.equal(r.body.members.length, 2);
    r = await call(app, 'PATCH', `/Groups/${g.body.id}`, patch({ op: 'remove', path: `members[value eq "${u1.body.id}"]` }));
    assert.deepEqual(r.body.members.map((m: { value: string }) => m.value), [u2.body.id]);
  });
});

describe('strict: lists, paging and filters (RFC 7644 §3.4.2)', () => {
  test('1-based paging: numbers are integers, pages walk the whole set without duplicates', async () => {
    const first = await call(app, 'GET', '/Users?startIndex=1&count=10');
    assert.equal(first.status, 200);
    assert.equal(first.body.startIndex, 1);
    assert.equal(first.body.itemsPerPage, 10);
    assert.equal(first.body.Resources.length, 10);
    const total = first.body.totalResults as number;
    assert.ok(Number.isInteger(total) && total >= USERS);
    const ids = new Set<string>();
    for (let start = 1; start <= total; start += 25) {
      const page = await call(app, 'GET', `/Users?startIndex=${start}&count=25&attributes=id`);
      assert.equal(page.body.startIndex, start);
      assert.equal(page.body.totalResults, total);
      assert.equal(page.body.itemsPerPage, page.body.Resources.length);
      for (const r of page.body.Resources) ids.add(r.id);
    }
    assert.equal(ids.size, total);
  });

  test('startIndex 51 returns the 51st resource; startIndex < 1 is treated as 1', async () => {
    const all = await call(app, 'GET', '/Users?count=60&attributes=id');
    const page = await call(app, 'GET', '/Users?startIndex=51&count=1&attributes=id');
    assert.equal(page.body.Resources[0].id, all.body.Resources[50].id);
    const zero = await call(app, 'GET', '/Users?startIndex=0&count=1&attributes=id');
    assert.equal(zero.body.startIndex, 1);
    assert.equal(zero.body.Resources[0].id, all.body.Resources[0].id);
  });

  test('count=0 returns only totalResults', async () => {
    const r = await call(app, 'GET', '/Users?count=0');
    assert.equal(r.status, 200);
    assert.equal(r.body.itemsPerPage, 0);
    assert.equal((r.body.Resources ?? []).length, 0);
    assert.ok(r.body.totalResults >= USERS);
  });

  test('filters: eq (userName ignores case), co, sw, pr, gt on meta.lastModified, and/or/not', async () => {
    const some = (await call(app, 'GET', '/Users?startIndex=3&count=1')).body.Resources[0];
    const eq = await call(app, 'GET', `/Users?filter=${q(`userName eq "${String(some.userName).toUpperCase()}"`)}`);
    assert.deepEqual(eq.body.Resources.map((r: { id: string }) => r.id), [some.id]);
    const co = await call(app, 'GET', `/Users?filter=${q('userName co "@example.com"')}&count=0`);
    assert.ok(co.body.totalResults >= USERS);
    const sw = await call(app, 'GET', `/Users?filter=${q(`userName sw "${String(some.userName).slice(0, 4)}"`)}`);
    assert.ok(sw.body.Resources.every((r: { userName: string }) => r.userName.startsWith(String(some.userName).slice(0, 4))));
    const pr = await call(app, 'GET', `/Users?filter=${q('title pr')}&count=0`);
    const prAll = await call(app, 'GET', `/Users?filter=${q('userName pr')}&count=0`);
    assert.ok(pr.body.totalResults < prAll.body.totalResults);
    const gt = await call(app, 'GET', `/Users?filter=${q('meta.lastModified gt "2024-01-01T00:30:00Z"')}&count=0`);
    assert.ok(gt.body.totalResults > 0 && gt.body.totalResults < prAll.body.totalResults);
    const urn = await call(app, 'GET', `/Users?filter=${q(`urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${some.userName}"`)}`);
    assert.equal(urn.body.totalResults, 1);
    const none = await call(app, 'GET', `/Users?filter=${q('userName eq "nobody@nowhere"')}`);
    assert.equal(none.status, 200);
    assert.equal(none.body.totalResults, 0);
  });

  test('a malformed filter is 400 invalidFilter', async () => {
    const r = await call(app, 'GET', `/Users?filter=${q('userName eq')}`);
    assertError(r, 400);
    assert.equal(r.body.scimType, 'invalidFilter');
  });

  test('POST /Users/.search and /.search agree with GET', async () => {
    const filter = 'userName sw "a"';
    const viaGet = await call(app, 'GET', `/Users?filter=${q(filter)}&count=5`);
    const viaSearch = await call(app, 'POST', '/Users/.search', { schemas: [SEARCH_URN], filter, count: 5 });
    assert.equal(viaSearch.status, 200);
    assert.deepEqual(viaSearch.body, viaGet.body);
    const root = await call(app, 'POST', '/.search', { schemas: [SEARCH_URN], count: 0 });
    const groups = await call(app, 'GET', '/Groups?count=0');
    const users = await call(app, 'GET', '/Users?count=0');
    assert.equal(root.body.totalResults, groups.body.totalResults + users.body.totalResults);
    assertError(await call(app, 'POST', '/Users/.search', { filter }), 400);
  });

  test('attributes keeps schemas and id; excludedAttributes drops the named ones', async () => {
    const r = await call(app, 'GET', '/Users?count=1&attributes=userName');
    assert.deepEqual(Object.keys(r.body.Resources[0]).sort(), ['id', 'schemas', 'userName']);
    const x = await call(app, 'GET', '/Users?count=1&excludedAttributes=emails');
    assert.equal(x.body.Resources[0].emails, undefined);
    assert.ok(x.body.Resources[0].userName);
  });
});

test('strict: `attributes` on a list gives each resource exactly as a GET of it with the same attributes', async () => {
  // Lists asking for simple attributes are answered by the core (fastList.ts), single GETs by SCIMMY.
  const member = (await call(app, 'GET', '/Groups?count=1')).body.Resources[0].members[0].value as string;
  for (const attributes of ['id', 'userName', 'groups', 'ID,USERNAME,Active', 'userName,emails,name',
    'id,externalId,userName,displayName,nickName,title,userType,active,name,emails,phoneNumbers,groups']) {
    const list = await call(app, 'GET', `/Users?filter=${q(`id eq "${member}"`)}&attributes=${encodeURIComponent(attributes)}`);
    const one = await call(app, 'GET', `/Users/${member}?attributes=${encodeURIComponent(attributes)}`);
    assert.equal(list.status, 200, attributes);
    assert.deepEqual(list.body.Resources[0], one.body, attributes);
  }
  const group = (await call(app, 'GET', '/Groups?count=1')).body.Resources[0].id as string;
  for (const attributes of ['id', 'displayName', 'externalId,displayName', 'members']) {
    const list = await call(app, 'GET', `/Groups?filter=${q(`id eq "${group}"`)}&attributes=${encodeURIComponent(attributes)}`);
    const one = await call(app, 'GET', `/Groups/${group}?attributes=${encodeURIComponent(attributes)}`);
    assert.deepEqual(list.body.Resources[0], one.body, attributes);
  }
  const sorted = await call(app, 'GET', '/Users?sortBy=userName&sortOrder=descending&startIndex=3&count=4&attributes=userName');
  const full = await call(app, 'GET', '/Users?sortBy=userName&sortOrder=descending&startIndex=3&count=4');
  assert.deepEqual(sorted.body.Resources.map((r: { userName: string }) => r.userName), full.body.Resources.map((r: { userName: string }) => r.userName));
  assert.deepEqual([sorted.body.startIndex, sorted.body.itemsPerPage, sorted.body.totalResults], [full.body.startIndex, full.body.itemsPerPage, full.body.totalResults]);
});

describe('strict: errors, ETags, Bulk, auth, discovery', () => {
  test('409 uniqueness with scimType, case-insensitively (userName is caseExact=false)', async () => {
    const created = await createUser(app);
    const r = await call(app, 'POST', '/Users', { schemas: [USER_URN], userName: String(created.body.userName).toUpperCase() });
    assertError(r, 409);
    assert.equal(r.body.scimType, 'uniqueness');
  });

  test('If-Match mismatch is 412; matching If-Match applies; If-None-Match gives 304', async () => {
    const created = await createUser(app);
    const id = created.body.id as string;
    const stale = '"not-the-version"';
    assertError(await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': stale }), 412);
    assertError(await call(app, 'DELETE', `/Users/${id}`, undefined, { 'if-match': stale }), 412);
    const ok = await call(app, 'PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': created.body.meta.version });
    assert.equal(ok.status, 200);
    const cached = await call(app, 'GET', `/Users/${id}`, undefined, { 'if-none-match': ok.body.meta.version });
    assert.equal(cached.status, 304);
    const fresh = await call(app, 'GET', `/Users/${id}`, undefined, { 'if-none-match': created.body.meta.version });
    assert.equal(fresh.status, 200);
  });

  test('Bulk resolves bulkId references and reports each operation', async () => {
    const r = await call(app, 'POST', '/Bulk', {
      schemas: [BULK_URN],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER_URN], userName: 'bulk.user@example.com' } },
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { displayName: 'Bulk group', members: [{ value: 'bulkId:u1' }] } },
        { method: 'DELETE', path: '/Users/does-not-exist' },
      ],
    });
    assert.equal(r.status, 200);
    const [u, g, d] = r.body.Operations;
    assert.equal(u.status, '201');
    assert.equal(g.status, '201');
    assert.equal(d.status, '404');
    const userId = String(u.location).split('/').pop();
    const group = await call(app, 'GET', `/Groups/${String(g.location).split('/').pop()}`);
    assert.deepEqual(group.body.members.map((m: { value: string }) => m.value), [userId]);
  });

  test('401 without or with a wrong token, with a SCIM error body and WWW-Authenticate', async () => {
    for (const auth of [{ authorization: '' }, { authorization: 'Bearer wrong' }]) {
      const r = await call(app, 'GET', '/Users', undefined, auth);
      assertError(r, 401);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
  });

  test('unsupported endpoints answer 501; unknown paths 404', async () => {
    assertError(await call(app, 'GET', '/Me'), 501);
    assertError(await call(app, 'GET', '/Nope'), 404);
  });

  test('a body that is not JSON (curl -d sends a form type) is 415 with a SCIM body', async () => {
    const r = await call(app, 'POST', '/Users', '{"userName":"form@example.com"}', { 'content-type': 'application/x-www-form-urlencoded' });
    assertError(r, 415);
    const json = await call(app, 'POST', '/Users', { schemas: [USER_URN], userName: 'plain.json@example.com' }, { 'content-type': 'application/json' });
    assert.equal(json.status, 201);
  });

  test('malformed requests get SCIM error bodies, never HTML or a crash', async () => {
    const cases: [string, string, unknown?][] = [
      ['GET', '/Users/%E0%A4%A'],
      ['PATCH', '/Users/%E0%A4%A', patch({ op: 'replace', path: 'active', value: false })],
      ['GET', '/Users?filter='],
      ['GET', '/Users?attributes='],
      ['POST', '/Users', '[]'],
      ['POST', '/Users', 'null'],
      ['PATCH', '/Users/x', '{"Operations":5}'],
      ['POST', '/.search', { schemas: [SEARCH_URN], count: 'ten' }],
      ['POST', '/.search', '[]'],
      ['POST', '/Bulk', '{}'],
    ];
    for (const [method, path, body] of cases) {
      const r = await call(app, method, path, body);
      assert.ok(r.status >= 400 && r.status < 500, `${method} ${path}: ${r.status}`);
      assert.deepEqual(r.body?.schemas, [ERROR_URN], `${method} ${path}: ${r.text.slice(0, 80)}`);
    }
  });

  test('invalid JSON is 400 invalidSyntax with a SCIM body', async () => {
    const r = await call(app, 'POST', '/Users', '{"userName":');
    assertError(r, 400);
    assert.equal(r.body.scimType, 'invalidSyntax');
  });

  test('discovery: ServiceProviderConfig, ResourceTypes with the enterprise extension, Schemas', async () => {
    const spc = await call(app, 'GET', '/ServiceProviderConfig');
    assert.equal(spc.status, 200);
    assert.equal(spc.body.bulk.supported, true);
    assert.equal(spc.body.etag.supported, true);
    assert.equal(spc.body.patch.supported, true);
    const rt = await call(app, 'GET', '/ResourceTypes');
    const user = rt.body.Resources.find((r: { id: string }) => r.id === 'User');
    assert.deepEqual(user.schemaExtensions, [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }]);
    const schemas = await call(app, 'GET', '/Schemas');
    const ids = schemas.body.Resources.map((s: { id: string }) => s.id);
    assert.ok(ids.includes('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'));
    assert.ok(ids.includes(USER_URN));
  });
});

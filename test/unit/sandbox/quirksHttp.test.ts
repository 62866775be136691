// Switches about statuses, bodies and claims, each alone on top of the RFC core, over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuirkOverrides, RunningApp, RunningSandbox } from '../../../src/sandbox';
import { ERROR_URN, USER_URN, appOf, call, createUser, patch, start } from './helpers';

const SWITCHES: Record<string, QuirkOverrides> = {
  json500: { invalidJsonStatus: 500 },
  json200: { invalidJsonStatus: 200 },
  unknown400: { unknownIdWriteStatus: 400 },
  unknown200: { unknownIdWriteStatus: 200 },
  forbidden: { unauthorizedStatus: 403 },
  gateway: { unauthorizedStatus: 403, unauthorizedBody: 'gatewayJson' },
  html401: { unauthorizedBody: 'html' },
  empty401: { unauthorizedBody: 'empty' },
  lies: { falseClaims: ['patch', 'filter', 'sort', 'etag'] },
  noFilters: { filterOperators: [] },
  noFiltersLie: { filterOperators: [], falseClaims: ['filter'] },
  readFaults: { faults: { rate: 0.5, kind: '503', methods: 'reads' } },
};

let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start([{ id: 'rfc', users: 10, groups: 1 }, ...Object.entries(SWITCHES).map(([id, quirks]) => ({ id, quirks, users: 10, groups: 1 }))]);
});
after(async () => sb.stop());

describe('status switches', () => {
  test('invalidJsonStatus: a broken body answers 500 or an empty 200 instead of 400 invalidSyntax', async () => {
    const broken = '{"userName":';
    const rfc = await call(app('rfc'), 'POST', '/Users', broken);
    assert.equal(rfc.status, 400);
    assert.equal(rfc.body.scimType, 'invalidSyntax');
    assert.equal((await call(app('json500'), 'POST', '/Users', broken)).status, 500);
    const ok = await call(app('json200'), 'PATCH', '/Users/anything', broken);
    assert.equal(ok.status, 200);
    assert.equal(ok.text, '');
  });

  test('unknownIdWriteStatus: PUT, PATCH and DELETE of an unknown id answer 400 or 200; GET stays 404', async () => {
    const put = { schemas: [USER_URN], userName: 'ghost@example.com' };
    for (const [method, body] of [['PUT', put], ['PATCH', patch({ op: 'replace', path: 'title', value: 'x' })], ['DELETE', undefined]] as const) {
      assert.equal((await call(app('rfc'), method, '/Users/ghost', body)).status, 404, method);
      const bad = await call(app('unknown400'), method, '/Users/ghost', body);
      assert.equal(bad.status, 400, method);
      assert.equal(bad.body.scimType, 'invalidValue');
      const fine = await call(app('unknown200'), method, '/Groups/ghost', body);
      assert.equal(fine.status, 200, method);
      assert.equal(fine.text, '');
    }
    assert.equal((await call(app('unknown400'), 'GET', '/Users/ghost')).status, 404);
    const real = await createUser(app('unknown200'));
    assert.equal((await call(app('unknown200'), 'DELETE', `/Users/${real.body.id}`)).status, 204, 'existing ids are unaffected');
  });

  test('unauthorizedStatus and unauthorizedBody: 403, a gateway\'s JSON, HTML or nothing instead of a SCIM 401', async () => {
    const anon = { authorization: '' };
    const rfc = await call(app('rfc'), 'GET', '/Users', undefined, anon);
    assert.equal(rfc.status, 401);
    assert.deepEqual(rfc.body.schemas, [ERROR_URN]);
    const forbidden = await call(app('forbidden'), 'GET', '/Users', undefined, { authorization: 'Bearer wrong' });
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.status, '403');
    assert.equal(forbidden.headers.get('www-authenticate'), null);
    const gateway = await call(app('gateway'), 'GET', '/Users', undefined, anon);
    assert.equal(gateway.status, 403);
    assert.deepEqual(gateway.body, { message: 'Forbidden' });
    assert.match(gateway.headers.get('content-type') ?? '', /^application\/json/);
    const html = await call(app('html401'), 'GET', '/Users', undefined, anon);
    assert.equal(html.status, 401);
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html.text, /401 Unauthorized/);
    const empty = await call(app('empty401'), 'GET', '/Users', undefined, anon);
    assert.equal(empty.status, 401);
    assert.equal(empty.text, '');
    assert.equal((await call(app('gateway'), 'GET', '/Users/none')).status, 404, 'other errors are untouched');
  });
});

describe('claim and fault switches', () => {
  test('falseClaims: ServiceProviderConfig says the opposite of patch, filter, sort and etag, which all still work', async () => {
    const spc = (await call(app('lies'), 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual([spc.patch.supported, spc.filter.supported, spc.sort.supported, spc.etag.supported], [false, false, false, false]);
    const u = await createUser(app('lies'));
    const patched = await call(app('lies'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'title', value: 'works' }));
    assert.equal(patched.body.title, 'works');
    assert.ok(patched.headers.get('etag'));
    const sorted = await call(app('lies'), 'GET', '/Users?sortBy=userName&sortOrder=descending&count=3');
    const names = sorted.body.Resources.map((r: { userName: string }) => r.userName);
    assert.deepEqual(names, [...names].sort().reverse());
    const rfc = (await call(app('rfc'), 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual([rfc.patch.supported, rfc.filter.supported, rfc.sort.supported, rfc.etag.supported], [true, true, true, true]);
  });

  test('filter claim: filterOperators [] is advertised as filter.supported false, unless the claim lies', async () => {
    assert.equal((await call(app('noFilters'), 'GET', '/ServiceProviderConfig')).body.filter.supported, false);
    assert.equal((await call(app('noFiltersLie'), 'GET', '/ServiceProviderConfig')).body.filter.supported, true);
    assert.equal((await call(app('noFiltersLie'), 'GET', `/Users?filter=${encodeURIComponent('userName eq "a"')}`)).status, 400);
  });

  test('faults with methods "reads": GETs fail with a 503 carrying Retry-After, writes never fail', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const r = await call(app('readFaults'), 'GET', '/Users?count=0');
      statuses.push(r.status);
      if (r.status === 503) retryAfter = r.headers.get('retry-after');
    }
    assert.ok(statuses.includes(503) && statuses.includes(200), statuses.join(','));
    assert.equal(retryAfter, '1');
    for (let i = 0; i < 10; i++) assert.equal((await createUser(app('readFaults'))).status, 201);
  });
});

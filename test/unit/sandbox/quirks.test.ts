// Each quirk switch, alone on top of the RFC core, produces its documented behaviour.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import type { QuirkOverrides } from '../../../src/sandbox';
import { ERROR_URN, USER_URN, appOf, call, createUser, patch, q, start } from './helpers';

const SWITCHES: Record<string, QuirkOverrides> = {
  cap: { maxPageSize: 7 },
  defaultSize: { defaultPageSize: 4 },
  startIgnored: { startIndex: 'ignored' },
  startZero: { startIndex: 'zeroBased' },
  ippRequested: { itemsPerPage: 'requested' },
  countZeroIgnored: { countZero: 'ignored', defaultPageSize: 5 },
  drift: { totalResultsDrift: 3 },
  overlap: { pageOverlap: 2 },
  eqAnd: { filterOperators: ['eq', 'and'] },
  badEmpty: { malformedFilter: 'emptyList' },
  badAll: { malformedFilter: 'fullList' },
  bad500: { malformedFilter: 'serverError' },
  caseSensitive: { userNameCaseSensitive: true },
  boolCoerce: { stringBooleans: 'coerce' },
  boolString: { stringBooleans: 'storeAsString' },
  opsReject: { capitalisedPatchOps: 'reject' },
  opsIgnore: { capitalisedPatchOps: 'ignore' },
  noPathless: { pathlessPatch: 'reject' },
  noFiltered: { filteredPatchPaths: 'reject' },
  numericStatus: { errorStatus: 'number' },
  sparse: { errorFormat: 'sparse' },
  textPlain: { errorFormat: 'textPlain' },
  noScimType: { conflictScimType: false },
  noDiscovery: { discovery: false },
  noBulk: { bulk: false },
  noBulk404: { bulk: false, unsupportedStatus: 404 },
  faults503: { faults: { rate: 0.5, kind: '503' } },
  faults502: { faults: { rate: 0.5, kind: 'html502' } },
  locked: { deactivation: 'lockedOnly' },
  deleted: { deactivation: 'deleted' },
  noLocation: { createdLocation: false },
};

let sb: RunningSandbox;
const app = (id: string) => appOf(sb, id);

before(async () => {
  sb = await start([{ id: 'rfc', users: 30, groups: 2 }, ...Object.entries(SWITCHES).map(([id, quirks]) => ({ id, quirks, users: 30, groups: 2 }))]);
});
after(async () => sb.stop());

describe('paging switches', () => {
  test('maxPageSize caps the page whatever count asks, and itemsPerPage tells the truth', async () => {
    const r = await call(app('cap'), 'GET', '/Users?count=20');
    assert.equal(r.body.Resources.length, 7);
    assert.equal(r.body.itemsPerPage, 7);
    assert.equal(r.body.totalResults, 30);
  });

  test('defaultPageSize applies when count is absent', async () => {
    assert.equal((await call(app('defaultSize'), 'GET', '/Users')).body.Resources.length, 4);
    assert.equal((await call(app('defaultSize'), 'GET', '/Users?count=6')).body.Resources.length, 6);
  });

  test('startIndex ignored: every page starts at the first resource', async () => {
    const first = await call(app('startIgnored'), 'GET', '/Users?startIndex=1&count=3');
    const later = await call(app('startIgnored'), 'GET', '/Users?startIndex=11&count=3');
    assert.deepEqual(later.body.Resources.map((r: { id: string }) => r.id), first.body.Resources.map((r: { id: string }) => r.id));
    assert.equal(later.body.startIndex, 1);
  });

  test('startIndex zero-based: startIndex=1 skips the first resource and is echoed back', async () => {
    const rfc = await call(app('rfc'), 'GET', '/Users?count=3&attributes=id');
    const zero = await call(app('startZero'), 'GET', '/Users?startIndex=1&count=3&attributes=id');
    assert.equal(zero.body.startIndex, 1);
    // Same seed per app id would differ, so compare within the app: startIndex=0 is its first resource.
    const zeroFirst = await call(app('startZero'), 'GET', '/Users?startIndex=0&count=3&attributes=id');
    assert.equal(zero.body.Resources[0].id, zeroFirst.body.Resources[1].id);
    assert.equal(rfc.body.startIndex, 1);
  });

  test('itemsPerPage echoes the requested count, not what was returned', async () => {
    const r = await call(app('ippRequested'), 'GET', '/Users?startIndex=25&count=10');
    assert.equal(r.body.Resources.length, 6);
    assert.equal(r.body.itemsPerPage, 10);
  });

  test('count=0 ignored: a default page comes back', async () => {
    const r = await call(app('countZeroIgnored'), 'GET', '/Users?count=0');
    assert.equal(r.body.Resources.length, 5);
    const rfc = await call(app('rfc'), 'GET', '/Users?count=0');
    assert.equal((rfc.body.Resources ?? []).length, 0);
  });

  test('totalResults drifts between pages (first page exact), deterministically', async () => {
    const totals: number[] = [];
    for (const start of [1, 6, 11, 16]) totals.push((await call(app('drift'), 'GET', `/Users?startIndex=${start}&count=5`)).body.totalResults);
    assert.equal(totals[0], 30);
    assert.ok(totals.slice(1).every((t) => t !== 30), `totals ${totals.join(',')}`);
    const again = (await call(app('drift'), 'GET', '/Users?startIndex=6&count=5')).body.totalResults;
    assert.equal(again, totals[1]);
  });

  test('pageOverlap repeats the previous page\'s last items', async () => {
    const p1 = await call(app('overlap'), 'GET', '/Users?startIndex=1&count=5&attributes=id');
    const p2 = await call(app('overlap'), 'GET', '/Users?startIndex=6&count=5&attributes=id');
    assert.equal(p2.body.startIndex, 6);
    assert.deepEqual(p2.body.Resources.slice(0, 2).map((r: { id: string }) => r.id), p1.body.Resources.slice(3).map((r: { id: string }) => r.id));
  });
});

describe('filter switches', () => {
  test('restricted operators: eq/and pass, co and or are 400 invalidFilter', async () => {
    const ok = await call(app('eqAnd'), 'GET', `/Users?filter=${q('userName eq "x" and active eq true')}`);
    assert.equal(ok.status, 200);
    for (const f of ['userName co "a"', 'userName eq "a" or userName eq "b"']) {
      const r = await call(app('eqAnd'), 'GET', `/Users?filter=${q(f)}`);
      assert.equal(r.status, 400, f);
      assert.equal(r.body.scimType, 'invalidFilter');
    }
  });

  test('malformed filter: 200 empty, 200 everything, or 500', async () => {
    const bad = `/Users?filter=${q('userName eq')}&count=0`;
    const empty = await call(app('badEmpty'), 'GET', bad);
    assert.equal(empty.status, 200);
    assert.equal(empty.body.totalResults, 0);
    const all = await call(app('badAll'), 'GET', bad);
    assert.equal(all.status, 200);
    assert.equal(all.body.totalResults, 30);
    assert.equal((await call(app('bad500'), 'GET', bad)).status, 500);
    assert.equal((await call(app('rfc'), 'GET', bad)).status, 400);
  });
});

describe('write switches', () => {
  test('case-sensitive userName: a case variant is created (201) instead of 409', async () => {
    const first = await createUser(app('caseSensitive'));
    const variant = await call(app('caseSensitive'), 'POST', '/Users', { schemas: [USER_URN], userName: String(first.body.userName).toUpperCase() });
    assert.equal(variant.status, 201);
    const exact = await call(app('caseSensitive'), 'POST', '/Users', { schemas: [USER_URN], userName: first.body.userName });
    assert.equal(exact.status, 409);
  });

  test('string booleans: rejected by the core, coerced, or stored as a truthy string', async () => {
    const body = { schemas: [USER_URN], userName: 'bool.user@example.com', active: 'False' };
    const rfc = await call(app('rfc'), 'POST', '/Users', body);
    assert.equal(rfc.status, 400);
    const coerced = await call(app('boolCoerce'), 'POST', '/Users', body);
    assert.equal(coerced.status, 201);
    assert.equal(coerced.body.active, false);
    const stored = await call(app('boolString'), 'POST', '/Users', body);
    assert.equal(stored.status, 201);
    assert.equal(stored.body.active, 'False');
    const reread = await call(app('boolString'), 'GET', `/Users/${stored.body.id}`);
    assert.equal(reread.body.active, true, 'the string was truthy: the user stayed active');
    const viaPatch = await createUser(app('boolCoerce'));
    const p = await call(app('boolCoerce'), 'PATCH', `/Users/${viaPatch.body.id}`, patch({ op: 'Replace', value: { active: 'False' } }));
    assert.equal(p.body.active, false);
  });

  test('capitalised PATCH ops: accepted by the core, rejected, or answered 200 without effect', async () => {
    const op = patch({ op: 'Replace', path: 'title', value: 'Boss' });
    const rfcUser = await createUser(app('rfc'));
    assert.equal((await call(app('rfc'), 'PATCH', `/Users/${rfcUser.body.id}`, op)).body.title, 'Boss');
    const rejUser = await createUser(app('opsReject'));
    const rej = await call(app('opsReject'), 'PATCH', `/Users/${rejUser.body.id}`, op);
    assert.equal(rej.status, 400);
    const ignUser = await createUser(app('opsIgnore'), { title: 'Intern' });
    const ign = await call(app('opsIgnore'), 'PATCH', `/Users/${ignUser.body.id}`, op);
    assert.equal(ign.status, 200);
    assert.equal((await call(app('opsIgnore'), 'GET', `/Users/${ignUser.body.id}`)).body.title, 'Intern');
  });

  test('path-less PATCH and filtered PATCH paths can be rejected', async () => {
    const u = await createUser(app('noPathless'));
    assert.equal((await call(app('noPathless'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', value: { title: 'x' } }))).status, 400);
    assert.equal((await call(app('noPathless'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', path: 'title', value: 'x' }))).status, 200);
    const v = await createUser(app('noFiltered'), { emails: [{ value: 'a@example.com', type: 'work' }] });
    const r = await call(app('noFiltered'), 'PATCH', `/Users/${v.body.id}`, patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'b@example.com' }));
    assert.equal(r.status, 400);
    assert.equal(r.body.scimType, 'invalidPath');
  });

  test('201 without Location', async () => {
    const r = await createUser(app('noLocation'));
    assert.equal(r.status, 201);
    assert.equal(r.headers.get('location'), null);
    assert.ok((await createUser(app('rfc'))).headers.get('location'));
  });
});

describe('error and endpoint switches', () => {
  test('numeric status, sparse body, text/plain, 409 without scimType', async () => {
    const numeric = await call(app('numericStatus'), 'GET', '/Users/nope');
    assert.equal(numeric.body.status, 404);
    assert.deepEqual(numeric.body.schemas, [ERROR_URN]);
    const sparse = await call(app('sparse'), 'GET', '/Users/nope');
    assert.equal(sparse.body.schemas, undefined);
    assert.equal(sparse.body.status, '404');
    const text = await call(app('textPlain'), 'GET', '/Users/nope');
    assert.equal(text.status, 404);
    assert.match(text.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(text.text, /^404 /);
    const unauth = await call(app('textPlain'), 'GET', '/Users', undefined, { authorization: '' });
    assert.match(unauth.headers.get('content-type') ?? '', /^text\/plain/, '401 as text/plain too');
    const u = await createUser(app('noScimType'));
    const dup = await call(app('noScimType'), 'POST', '/Users', { schemas: [USER_URN], userName: u.body.userName });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.scimType, undefined);
  });

  test('no discovery endpoints: 404', async () => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User']) {
      assert.equal((await call(app('noDiscovery'), 'GET', path)).status, 404, path);
    }
  });

  test('Bulk off: 501, or 404 with unsupportedStatus=404; ServiceProviderConfig says so', async () => {
    assert.equal((await call(app('noBulk'), 'POST', '/Bulk', {})).status, 501);
    assert.equal((await call(app('noBulk404'), 'POST', '/Bulk', {})).status, 404);
    assert.equal((await call(app('noBulk404'), 'GET', '/Me')).status, 404);
    assert.equal((await call(app('noBulk'), 'GET', '/ServiceProviderConfig')).body.bulk.supported, false);
  });

  test('faults: a seeded share of requests fail with 503 or an HTML 502, reproducibly', async () => {
    const run = async (id: string): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(app(id), 'GET', '/Users?count=0')).status);
      return out;
    };
    const s503 = await run('faults503');
    assert.ok(s503.includes(503) && s503.includes(200), s503.join(','));
    assert.ok(s503.every((s) => s === 200 || s === 503));
    const s502 = await run('faults502');
    assert.ok(s502.includes(502), s502.join(','));
    const html = await (async () => {
      for (;;) {
        const r = await call(app('faults502'), 'GET', '/Users?count=0');
        if (r.status === 502) return r;
      }
    })();
    assert.match(html.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(html.text, /502 Bad Gateway/);
  });
});

describe('deactivation switches', () => {
  const deactivate = patch({ op: 'replace', path: 'active', value: false });

  test('lockedOnly: accepted, but reads keep active=true and carry a lock flag', async () => {
    const u = await createUser(app('locked'));
    const r = await call(app('locked'), 'PATCH', `/Users/${u.body.id}`, deactivate);
    assert.equal(r.status, 200);
    const g = await call(app('locked'), 'GET', `/Users/${u.body.id}`);
    assert.equal(g.body.active, true);
    assert.deepEqual(g.body['urn:scim-workbench:sandbox:User'], { locked: true });
  });

  test('deleted: PATCH active=false removes the user; GET is 404', async () => {
    const u = await createUser(app('deleted'));
    const r = await call(app('deleted'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', value: { active: false } }));
    assert.equal(r.status, 200);
    assert.equal((await call(app('deleted'), 'GET', `/Users/${u.body.id}`)).status, 404);
  });

  test('immediate (RFC): active=false sticks and the user stays readable', async () => {
    const u = await createUser(app('rfc'));
    await call(app('rfc'), 'PATCH', `/Users/${u.body.id}`, deactivate);
    const g = await call(app('rfc'), 'GET', `/Users/${u.body.id}`);
    assert.equal(g.status, 200);
    assert.equal(g.body.active, false);
  });
});

// Cursor pagination (RFC 9865) over real HTTP: the spec-correct `cursor` preset, cursor-only apps, and every
// cursor switch. Time-dependent behaviour (expiry) runs on an injected clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningApp, RunningSandbox } from '../../../src/sandbox';
import { CursorRegistry } from '../../../src/sandbox/cursor';
import { RFC_QUIRKS } from '../../../src/sandbox';
import { SEARCH_URN, USER_URN, appOf, call, createUser, q, start } from './helpers';

let now = 1_700_000_000_000;
let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start(
    [
      { id: 'cursor', profile: 'cursor', users: 95, groups: 3 },
      { id: 'strict', profile: 'strict', users: 20, groups: 0 },
      { id: 'only', users: 30, groups: 0, quirks: { cursorPagination: 'only' } },
      { id: 'loop', users: 30, groups: 0, quirks: { cursorPagination: 'on', cursorLoop: true } },
      { id: 'last', users: 30, groups: 0, quirks: { cursorPagination: 'on', cursorOnLastPage: true } },
      { id: 'expiredAsInvalid', users: 30, groups: 0, quirks: { cursorPagination: 'on', cursorErrors: 'expiredAsInvalid', cursorTimeoutSeconds: 5 } },
      { id: 'invalidValue', users: 30, groups: 0, quirks: { cursorPagination: 'on', cursorErrors: 'invalidValue', cursorTimeoutSeconds: 5 } },
      { id: 'back', users: 30, groups: 0, quirks: { cursorPagination: 'on', previousCursor: true } },
      { id: 'noTotal', users: 30, groups: 0, quirks: { cursorPagination: 'on', cursorTotalResults: 'omitted' } },
      { id: 'drift', users: 30, groups: 0, quirks: { cursorPagination: 'on', totalResultsDrift: 3, pagingNumbers: 'strings', maxPageSize: 8 } },
    ],
    { now: () => now },
  );
});
after(async () => sb.stop());

interface Walk {
  ids: string[];
  pages: { status: number; body: Record<string, unknown> }[];
  cursors: string[];
}

/** Follows nextCursor from an empty cursor, stopping at the first repeated cursor (a loop) or after `limit` pages. */
async function walk(a: RunningApp, query: string, limit = 50): Promise<Walk> {
  const out: Walk = { ids: [], pages: [], cursors: [] };
  let cursor = '';
  for (let i = 0; i < limit; i++) {
    const r = await call(a, 'GET', `/Users?${query}&cursor=${encodeURIComponent(cursor)}`);
    out.pages.push({ status: r.status, body: r.body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.ids.push(...(r.body.Resources ?? []).map((x: { id: string }) => x.id));
    const next = r.body.nextCursor as string | undefined;
    if (next === undefined || out.cursors.includes(next)) {
      if (next !== undefined) out.cursors.push(next);
      break;
    }
    out.cursors.push(next);
    cursor = next;
  }
  return out;
}

describe('cursor preset (RFC 9865, spec-correct)', () => {
  test('ServiceProviderConfig advertises cursor and index paging with cursorTimeout', async () => {
    const spc = (await call(app('cursor'), 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual(spc.pagination, { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: 100, maxPageSize: 1000, cursorTimeout: 10 });
    assert.equal((await call(app('strict'), 'GET', '/ServiceProviderConfig')).body.pagination.cursor, false);
  });

  test('a walk returns every user once; nextCursor on every page but the last; no startIndex; opaque unreserved cursors', async () => {
    const w = await walk(app('cursor'), 'count=10&attributes=id');
    assert.equal(w.pages.length, 10);
    assert.equal(w.ids.length, 95);
    assert.equal(new Set(w.ids).size, 95);
    const index = await call(app('cursor'), 'GET', '/Users?count=95&attributes=id');
    assert.deepEqual(w.ids, index.body.Resources.map((r: { id: string }) => r.id), 'same order as the index walk');
    w.pages.forEach((p, i) => {
      assert.equal(p.body['totalResults'], 95);
      assert.equal(p.body['itemsPerPage'], i < 9 ? 10 : 5);
      assert.equal(p.body['startIndex'], undefined);
      assert.equal(p.body['nextCursor'] === undefined, i === 9, `page ${i + 1}`);
    });
    for (const c of w.cursors) assert.match(c, /^[A-Za-z0-9._~-]+$/);
    assert.equal(new Set(w.cursors).size, w.cursors.length);
  });

  test('previousCursor leads back to the previous page (absent on the first)', async () => {
    const p1 = await call(app('cursor'), 'GET', '/Users?cursor=&count=10&attributes=id');
    assert.equal(p1.body.previousCursor, undefined);
    const p2 = await call(app('cursor'), 'GET', `/Users?cursor=${p1.body.nextCursor}&count=10&attributes=id`);
    const back = await call(app('cursor'), 'GET', `/Users?cursor=${p2.body.previousCursor}&count=10&attributes=id`);
    assert.deepEqual(back.body.Resources, p1.body.Resources);
  });

  test('the walk survives inserts and deletes between pages (cursors name positions, not offsets)', async () => {
    const a = app('cursor');
    const p1 = await call(a, 'GET', '/Users?cursor=&count=10&attributes=id');
    const doomed = p1.body.Resources[2].id as string;
    assert.equal((await call(a, 'DELETE', `/Users/${doomed}`)).status, 204);
    const added = await createUser(a);
    const rest: string[] = [];
    let cursor = p1.body.nextCursor as string | undefined;
    while (cursor) {
      const r = await call(a, 'GET', `/Users?cursor=${cursor}&count=10&attributes=id`);
      rest.push(...r.body.Resources.map((x: { id: string }) => x.id));
      cursor = r.body.nextCursor;
    }
    const all = await call(a, 'GET', '/Users?count=1000&attributes=id');
    const expected = all.body.Resources.map((x: { id: string }) => x.id).slice(9);
    assert.deepEqual(rest, expected, 'no skipped or repeated user after a deletion on page 1');
    assert.ok(rest.includes(added.body.id));
  });

  test('filters and sortBy page by cursor too; the query must not change between pages', async () => {
    const filter = q('userName sw "a"');
    const w = await walk(app('cursor'), `filter=${filter}&count=3&attributes=userName`);
    const all = await call(app('cursor'), 'GET', `/Users?filter=${filter}&count=1000&attributes=userName`);
    assert.equal(w.ids.length, all.body.totalResults);
    const sorted = await walk(app('cursor'), 'sortBy=userName&sortOrder=descending&count=7&attributes=userName');
    const allSorted = await call(app('cursor'), 'GET', '/Users?sortBy=userName&sortOrder=descending&count=1000&attributes=userName');
    assert.deepEqual(sorted.ids, allSorted.body.Resources.map((r: { id: string }) => r.id));
    const first = await call(app('cursor'), 'GET', `/Users?filter=${filter}&cursor=&count=3`);
    const changed = await call(app('cursor'), 'GET', `/Users?filter=${q('userName sw "b"')}&cursor=${first.body.nextCursor}&count=3`);
    assert.equal(changed.status, 400);
    assert.equal(changed.body.scimType, 'invalidCursor');
  });

  test('POST /Users/.search takes cursor and count in the body', async () => {
    const first = await call(app('cursor'), 'POST', '/Users/.search', { schemas: [SEARCH_URN], cursor: '', count: 4, attributes: ['id'] });
    assert.equal(first.status, 200);
    assert.equal(first.body.Resources.length, 4);
    const second = await call(app('cursor'), 'POST', '/Users/.search', { schemas: [SEARCH_URN], cursor: first.body.nextCursor, count: 4, attributes: ['id'] });
    const viaGet = await call(app('cursor'), 'GET', `/Users?cursor=${first.body.nextCursor}&count=4&attributes=id`);
    assert.deepEqual(second.body.Resources, viaGet.body.Resources);
  });

  test('400 invalidCursor, invalidCount and (after cursorTimeout) expiredCursor', async () => {
    const a = app('cursor');
    for (const bad of ['garbage', 'aa.1.1.x.y', 'a%20b']) {
      const r = await call(a, 'GET', `/Users?cursor=${bad}&count=5`);
      assert.equal(r.status, 400, bad);
      assert.equal(r.body.scimType, 'invalidCursor', bad);
    }
    for (const count of ['0', '-1', 'ten']) {
      const r = await call(a, 'GET', `/Users?cursor=&count=${count}`);
      assert.equal(r.status, 400, count);
      assert.equal(r.body.scimType, 'invalidCount', count);
    }
    const p1 = await call(a, 'GET', '/Users?cursor=&count=5');
    now += 9_000;
    assert.equal((await call(a, 'GET', `/Users?cursor=${p1.body.nextCursor}&count=5`)).status, 200, 'still valid within cursorTimeout');
    now += 1_500;
    const expired = await call(a, 'GET', `/Users?cursor=${p1.body.nextCursor}&count=5`);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.scimType, 'expiredCursor');
    const issued = String(p1.body.nextCursor);
    const forged = issued.slice(0, -1) + (issued.endsWith('A') ? 'B' : 'A');
    assert.equal((await call(a, 'GET', `/Users?cursor=${forged}&count=5`)).body.scimType, 'invalidCursor', 'only issued cursors work');
    const elsewhere = await call(app('only'), 'GET', `/Users?cursor=${(await call(app('only'), 'GET', '/Users?count=5')).body.nextCursor}&count=5`);
    assert.equal(elsewhere.status, 200);
    assert.equal((await call(a, 'GET', `/Users?cursor=${elsewhere.body.nextCursor}&count=5`)).body.scimType, 'invalidCursor', 'a cursor of another app');
  });

  test('index paging is unchanged beside cursors; a strict app ignores `cursor`', async () => {
    const r = await call(app('cursor'), 'GET', '/Users?startIndex=11&count=5');
    assert.equal(r.body.startIndex, 11);
    assert.equal(r.body.nextCursor, undefined);
    const s = await call(app('strict'), 'GET', '/Users?cursor=&count=5');
    assert.equal(s.status, 200);
    assert.equal(s.body.nextCursor, undefined);
    assert.equal(s.body.startIndex, 1);
  });
});

describe('cursor switches', () => {
  test('cursorPagination only: every list page carries nextCursor, startIndex is ignored, pagination.index false', async () => {
    const a = app('only');
    const spc = (await call(a, 'GET', '/ServiceProviderConfig')).body.pagination;
    assert.deepEqual([spc.cursor, spc.index, spc.defaultPaginationMethod], [true, false, 'cursor']);
    const plain = await call(a, 'GET', '/Users?count=10&attributes=id');
    assert.ok(plain.body.nextCursor);
    const later = await call(a, 'GET', '/Users?startIndex=11&count=10&attributes=id');
    assert.deepEqual(later.body.Resources, plain.body.Resources);
    const w = await walk(a, 'count=10&attributes=id');
    assert.equal(new Set(w.ids).size, 30);
    assert.equal((await call(a, 'GET', '/Users?count=0')).body.totalResults, 30);
  });

  test('cursorLoop: the second page hands back its own cursor', async () => {
    const w = await walk(app('loop'), 'count=10&attributes=id');
    assert.equal(w.pages.length, 2);
    assert.equal(w.cursors[0], w.cursors[1]);
  });

  test('cursorOnLastPage: the last page carries nextCursor, which leads to an empty page without one', async () => {
    const w = await walk(app('last'), 'count=10&attributes=id');
    assert.equal(w.pages.length, 4);
    assert.equal(w.ids.length, 30);
    assert.ok(w.pages[2]?.body['nextCursor'], 'the page that completes totalResults still has nextCursor');
    assert.deepEqual(w.pages[3]?.body['Resources'] ?? [], []);
    assert.equal(w.pages[3]?.body['nextCursor'], undefined);
  });

  test('cursorErrors: expiredAsInvalid answers an expired cursor with invalidCursor; invalidValue answers all three so', async () => {
    const expiredIn = async (id: string): Promise<string> => {
      const p1 = await call(app(id), 'GET', '/Users?cursor=&count=5');
      now += 6_000;
      return (await call(app(id), 'GET', `/Users?cursor=${p1.body.nextCursor}&count=5`)).body.scimType;
    };
    assert.equal(await expiredIn('expiredAsInvalid'), 'invalidCursor');
    assert.equal((await call(app('expiredAsInvalid'), 'GET', '/Users?cursor=&count=0')).body.scimType, 'invalidCount');
    assert.equal(await expiredIn('invalidValue'), 'invalidValue');
    assert.equal((await call(app('invalidValue'), 'GET', '/Users?cursor=junk&count=5')).body.scimType, 'invalidValue');
    assert.equal((await call(app('invalidValue'), 'GET', '/Users?cursor=&count=0')).body.scimType, 'invalidValue');
  });

  test('previousCursor: offered on pages after the first, sorted walks included; off by default', async () => {
    const sortedPage = async (cursor: string): Promise<{ body: { Resources: { id: string }[]; nextCursor?: string; previousCursor?: string } }> =>
      call(app('back'), 'GET', `/Users?sortBy=userName&count=7&attributes=id&cursor=${cursor}`);
    const p1 = await sortedPage('');
    const p2 = await sortedPage(p1.body.nextCursor ?? '');
    const p3 = await sortedPage(p2.body.nextCursor ?? '');
    assert.equal(p1.body.previousCursor, undefined);
    assert.deepEqual((await sortedPage(p3.body.previousCursor ?? '')).body.Resources, p2.body.Resources);
    const plain = await call(app('last'), 'GET', '/Users?cursor=&count=10');
    assert.equal((await call(app('last'), 'GET', `/Users?cursor=${plain.body.nextCursor}&count=10`)).body.previousCursor, undefined);
  });

  test('cursorTotalResults omitted: cursor pages leave totalResults out; index pages keep it', async () => {
    const r = await call(app('noTotal'), 'GET', '/Users?cursor=&count=5');
    assert.equal('totalResults' in r.body, false);
    assert.ok(r.body.nextCursor);
    assert.equal((await call(app('noTotal'), 'GET', '/Users?count=5')).body.totalResults, 30);
  });

  test('drift, string numbers and the page cap apply to cursor pages too', async () => {
    const w = await walk(app('drift'), 'count=20&attributes=id');
    assert.equal(w.pages[0]?.body['itemsPerPage'], '8', 'capped at maxPageSize 8, as a string');
    const totals = new Set(w.pages.map((p) => p.body['totalResults']));
    assert.ok(totals.size > 1, `totals ${[...totals].join(',')}`);
    assert.equal(new Set(w.ids).size, 30);
  });

  test('a created user appears at the end of a later cursor walk', async () => {
    const created = await call(app('last'), 'POST', '/Users', { schemas: [USER_URN], userName: 'late.comer@example.com' });
    const w = await walk(app('last'), 'count=50&attributes=id');
    assert.equal(w.ids[w.ids.length - 1], created.body.id);
  });
});

describe('CursorRegistry', () => {
  test('a cursor resolves to its position until cursorTimeout, is expired for a while after, then forgotten', () => {
    let clock = 0;
    const registry = new CursorRegistry({ now: () => clock, quirks: { ...RFC_QUIRKS, cursorTimeoutSeconds: 10 } });
    const token = registry.issue({ kind: 'after', seq: 42 }, 'Users\n\n\n');
    assert.match(token, /^[A-Za-z0-9_-]{13,}$/);
    assert.deepEqual(registry.resolve(token, 'Users\n\n\n'), { position: { kind: 'after', seq: 42 } });
    assert.deepEqual(registry.resolve(token, 'Groups\n\n\n'), { error: 'invalidCursor' });
    clock = 10_001;
    assert.deepEqual(registry.resolve(token, 'Users\n\n\n'), { error: 'expiredCursor' });
    clock = 40_001;
    for (let i = 0; i < 256; i++) registry.issue({ kind: 'offset', offset: i }, 'Users\n\n\n');
    assert.equal(registry.size, 256, 'every 256th issue sweeps the cursors long expired: the first one is gone');
    assert.deepEqual(registry.resolve(token, 'Users\n\n\n'), { error: 'invalidCursor' });
  });
});

// Switches about what lists, filters and writes return, each alone on top of the RFC core, over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuirkOverrides, RunningApp, RunningSandbox } from '../../../src/sandbox';
import { USER_URN, appOf, call, createUser, patch, q, start } from './helpers';

const SWITCHES: Record<string, QuirkOverrides> = {
  gap: { pageGap: 2 },
  strings: { pagingNumbers: 'strings' },
  advertised: { advertisedMaxPageSize: 5 },
  userNameOnly: { filterAttributes: ['userName'] },
  caseSensitiveFilter: { filterCaseSensitive: true },
  noMatch404: { noMatchStatus: 404 },
  notUnique: { userNameUnique: false },
  noRequired: { requiredAttributes: 'ignored' },
  looseOps: { invalidPatchOps: 'ignore' },
  oneEmail: { singleValuedEmails: true },
};

let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start([{ id: 'rfc', users: 30, groups: 2 }, ...Object.entries(SWITCHES).map(([id, quirks]) => ({ id, quirks, users: 30, groups: 2 }))]);
});
after(async () => sb.stop());

const ids = (body: { Resources?: { id: string }[] }): string[] => (body.Resources ?? []).map((r) => r.id);

describe('list switches', () => {
  test('pageGap: pages after the first start N late, so a full walk never sees N users', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 30; start += 10) {
      const page = await call(app('gap'), 'GET', `/Users?startIndex=${start}&count=10&attributes=id`);
      assert.equal(page.body.startIndex, start);
      assert.equal(page.body.totalResults, 30);
      seen.push(...ids(page.body));
    }
    assert.equal(new Set(seen).size, seen.length, 'no duplicates');
    assert.equal(seen.length, 28, 'users 11 and 12 are never returned');
    const all = await call(app('gap'), 'GET', '/Users?count=30&attributes=id');
    assert.deepEqual(ids(all.body).filter((id) => !seen.includes(id)), ids(all.body).slice(10, 12));
  });

  test('pagingNumbers strings: totalResults, itemsPerPage and startIndex are JSON strings', async () => {
    const r = await call(app('strings'), 'GET', '/Users?startIndex=3&count=4');
    assert.deepEqual([r.body.totalResults, r.body.itemsPerPage, r.body.startIndex], ['30', '4', '3']);
    assert.equal(r.body.Resources.length, 4);
  });

  test('advertisedMaxPageSize: ServiceProviderConfig claims 5, pages of 20 still come back', async () => {
    const spc = (await call(app('advertised'), 'GET', '/ServiceProviderConfig')).body;
    assert.equal(spc.filter.maxResults, 5);
    assert.equal(spc.pagination.maxPageSize, 5);
    assert.equal((await call(app('advertised'), 'GET', '/Users?count=20')).body.Resources.length, 20);
    assert.equal((await call(app('rfc'), 'GET', '/ServiceProviderConfig')).body.filter.maxResults, 1000);
  });
});

describe('filter switches', () => {
  test('filterAttributes: a filter on another attribute is dropped (200, everything); userName filters work', async () => {
    const some = (await call(app('userNameOnly'), 'GET', '/Users?count=1')).body.Resources[0];
    const byName = await call(app('userNameOnly'), 'GET', `/Users?filter=${q(`userName eq "${some.userName}"`)}`);
    assert.deepEqual(ids(byName.body), [some.id]);
    for (const f of [`displayName eq "${some.displayName}" and userName eq "${some.userName}"`, 'active eq false', `emails[value eq "${some.userName}"]`]) {
      const r = await call(app('userNameOnly'), 'GET', `/Users?filter=${q(f)}&count=0`);
      assert.equal(r.status, 200, f);
      assert.equal(r.body.totalResults, 30, f);
    }
    assert.equal((await call(app('rfc'), 'GET', `/Users?filter=${q('active eq false')}&count=0`)).body.totalResults < 30, true);
  });

  test('filterCaseSensitive: userName eq with another case finds nothing', async () => {
    const some = (await call(app('caseSensitiveFilter'), 'GET', '/Users?count=1')).body.Resources[0];
    const upper = `/Users?filter=${q(`userName eq "${String(some.userName).toUpperCase()}"`)}`;
    assert.equal((await call(app('caseSensitiveFilter'), 'GET', upper)).body.totalResults, 0);
    assert.equal((await call(app('caseSensitiveFilter'), 'GET', `/Users?filter=${q(`userName eq "${some.userName}"`)}`)).body.totalResults, 1);
    const rfcSome = (await call(app('rfc'), 'GET', '/Users?count=1')).body.Resources[0];
    assert.equal((await call(app('rfc'), 'GET', `/Users?filter=${q(`userName eq "${String(rfcSome.userName).toUpperCase()}"`)}`)).body.totalResults, 1);
  });

  test('noMatchStatus 404: a filter that matches nothing answers 404; matches and plain lists stay 200', async () => {
    const none = await call(app('noMatch404'), 'GET', `/Users?filter=${q('userName eq "ghost@example.com"')}`);
    assert.equal(none.status, 404);
    assert.equal((await call(app('noMatch404'), 'GET', `/Users?filter=${q('userName pr')}&count=1`)).status, 200);
  });
});

describe('write switches', () => {
  test('userNameUnique false: an exact duplicate is created', async () => {
    const first = await createUser(app('notUnique'));
    const again = await call(app('notUnique'), 'POST', '/Users', { schemas: [USER_URN], userName: first.body.userName });
    assert.equal(again.status, 201);
    assert.notEqual(again.body.id, first.body.id);
  });

  test('requiredAttributes ignored: a user without userName is created, named after its displayName', async () => {
    const r = await call(app('noRequired'), 'POST', '/Users', { schemas: [USER_URN], displayName: 'scimwb-probe-nameless' });
    assert.equal(r.status, 201);
    assert.equal(r.body.userName, 'scimwb-probe-nameless');
    const bare = await call(app('noRequired'), 'POST', '/Users', { schemas: [USER_URN] });
    assert.equal(bare.status, 201);
    assert.match(bare.body.userName, /^unnamed-[0-9a-f]{8}$/);
    assert.equal((await call(app('rfc'), 'POST', '/Users', { schemas: [USER_URN], displayName: 'x' })).status, 400);
  });

  test('invalidPatchOps ignore: an unknown op is skipped with 200; the rest of the request applies', async () => {
    const u = await createUser(app('looseOps'), { title: 'Before' });
    const r = await call(app('looseOps'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'frobnicate', path: 'title', value: 'After' }));
    assert.equal(r.status, 200);
    assert.equal((await call(app('looseOps'), 'GET', `/Users/${u.body.id}`)).body.title, 'Before');
    await call(app('looseOps'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'frobnicate', path: 'title', value: 'x' }, { op: 'replace', path: 'title', value: 'Mixed' }));
    assert.equal((await call(app('looseOps'), 'GET', `/Users/${u.body.id}`)).body.title, 'Mixed');
    const v = await createUser(app('rfc'));
    assert.equal((await call(app('rfc'), 'PATCH', `/Users/${v.body.id}`, patch({ op: 'frobnicate', path: 'title', value: 'x' }))).status, 400);
  });

  test('singleValuedEmails: two emails (POST, PUT or PATCH) answer 400; one is fine', async () => {
    const two = [{ value: 'a@example.com', type: 'work' }, { value: 'b@example.com', type: 'home' }];
    assert.equal((await call(app('oneEmail'), 'POST', '/Users', { schemas: [USER_URN], userName: 'two.mails@example.com', emails: two })).status, 400);
    const u = await createUser(app('oneEmail'), { emails: [two[0]] });
    assert.equal(u.status, 201);
    assert.equal((await call(app('oneEmail'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'add', path: 'emails', value: two }))).status, 400);
    assert.equal((await call(app('oneEmail'), 'PATCH', `/Users/${u.body.id}`, patch({ op: 'replace', value: { phoneNumbers: [{ value: '1' }, { value: '2' }] } }))).status, 400);
    assert.equal((await call(app('oneEmail'), 'PUT', `/Users/${u.body.id}`, { schemas: [USER_URN], userName: u.body.userName, emails: two })).status, 400);
    assert.equal((await call(app('rfc'), 'POST', '/Users', { schemas: [USER_URN], userName: 'two.mails@example.com', emails: two })).status, 201);
  });
});

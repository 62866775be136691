// The write log over real HTTP: every write (Bulk operations included) with its final status, names before and
// after, the endpoint's auth, `since` and reset, and the onWrite hook the CLI's --write-log uses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningApp, RunningSandbox, WriteLogEntry } from '../../../src/sandbox';
import { BULK_URN, TOKEN, USER_URN, appOf, call, patch, start } from './helpers';

let sb: RunningSandbox;
const hooked: [string, WriteLogEntry][] = [];
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start(
    [
      { id: 'log', users: 3, groups: 1 },
      { id: 'own', users: 1, groups: 0, token: 'own-token' },
      { id: 'limited', users: 1, groups: 0, quirks: { rateLimit: { requestsPerMinute: 1, burst: 1, retryAfter: true } } },
    ],
    { onWrite: (appId, entry) => hooked.push([appId, entry]) },
  );
});
after(async () => sb.stop());

async function readLog(appId: string, query = '', token = TOKEN): Promise<{ status: number; body: { app: string; dropped: number; writes: WriteLogEntry[] } }> {
  const res = await fetch(`${sb.url}/apps/${appId}/_sandbox/writes${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as { app: string; dropped: number; writes: WriteLogEntry[] } };
}

describe('write log', () => {
  test('POST, PATCH (rename), PUT, DELETE and a failed POST are logged with ids, names and statuses; reads are not', async () => {
    const a = app('log');
    a.clearWrites();
    const created = await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-one' });
    const id = created.body.id as string;
    await call(a, 'GET', `/Users/${id}`);
    await call(a, 'PATCH', `/Users/${id}`, patch({ op: 'replace', path: 'userName', value: 'scimwb-probe-renamed' }));
    await call(a, 'PUT', `/Users/${id}`, { schemas: [USER_URN], userName: 'scimwb-probe-renamed', title: 'x' });
    await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'SCIMWB-PROBE-RENAMED' });
    await call(a, 'DELETE', `/Users/${id}`);
    await call(a, 'POST', '/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], count: 1 });
    const writes = a.writes();
    assert.deepEqual(writes.map((w) => [w.method, w.status, w.name, w.nameAfter, w.existed]), [
      ['POST', 201, 'scimwb-probe-one', undefined, false],
      ['PATCH', 200, 'scimwb-probe-one', 'scimwb-probe-renamed', true],
      ['PUT', 200, 'scimwb-probe-renamed', undefined, true],
      ['POST', 409, 'SCIMWB-PROBE-RENAMED', undefined, false],
      ['DELETE', 204, 'scimwb-probe-renamed', undefined, true],
    ]);
    assert.ok(writes.every((w) => w.resourceType === 'User' && w.bulk === undefined));
    assert.deepEqual(writes.filter((w) => w.status < 300).map((w) => w.id), [id, id, id, id]);
    assert.equal(writes[1]?.path, `/Users/${id}`);
    assert.ok(writes.every((w, i) => i === 0 || w.seq > (writes[i - 1]?.seq ?? 0)));
    assert.ok(!Number.isNaN(Date.parse(writes[0]?.time ?? '')));
  });

  test('Bulk operations are logged one by one with their bulkId; writes to unknown ids show existed=false', async () => {
    const a = app('log');
    a.clearWrites();
    const group = (await call(a, 'GET', '/Groups?count=1')).body.Resources[0];
    await call(a, 'POST', '/Bulk', {
      schemas: [BULK_URN],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: { schemas: [USER_URN], userName: 'scimwb-probe-bulk' } },
        { method: 'PATCH', path: `/Groups/${group.id}`, data: patch({ op: 'add', path: 'members', value: [{ value: 'bulkId:u1' }] }) },
        { method: 'DELETE', path: '/Users/nobody' },
      ],
    });
    const writes = a.writes();
    assert.deepEqual(writes.map((w) => [w.method, w.resourceType, w.status, w.name, w.bulk]), [
      ['POST', 'User', 201, 'scimwb-probe-bulk', { bulkId: 'u1' }],
      ['PATCH', 'Group', 200, group.displayName, {}],
      ['DELETE', 'User', 404, undefined, {}],
    ]);
    assert.equal(writes[2]?.existed, false);
  });

  test('refused writes are logged too: 401 without a token, 429 over the rate limit', async () => {
    const a = app('log');
    a.clearWrites();
    await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-x' }, { authorization: '' });
    const l = app('limited');
    await call(l, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-first' });
    await call(l, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-second' });
    assert.deepEqual(a.writes().map((w) => w.status), [401]);
    assert.equal(a.writes()[0]?.name, 'scimwb-probe-x');
    assert.deepEqual(l.writes().map((w) => w.status), [201, 429]);
  });

  test('GET /apps/<id>/_sandbox/writes needs the app\'s or the sandbox\'s token, takes since, and DELETE resets it', async () => {
    const a = app('own');
    await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-own-1' });
    await call(a, 'POST', '/Users', { schemas: [USER_URN], userName: 'scimwb-probe-own-2' });
    assert.equal((await readLog('own', '', '')).status, 401);
    assert.equal((await readLog('own', '', 'wrong')).status, 401);
    const viaOwn = await readLog('own', '', 'own-token');
    const viaSandbox = await readLog('own');
    assert.equal(viaOwn.status, 200);
    assert.deepEqual(viaOwn.body, viaSandbox.body);
    assert.equal(viaOwn.body.app, 'own');
    const first = viaOwn.body.writes[0]?.seq ?? 0;
    assert.deepEqual((await readLog('own', `?since=${first}`)).body.writes.map((w) => w.name), ['scimwb-probe-own-2']);
    assert.equal((await readLog('own', '?since=x')).status, 400);
    assert.equal((await readLog('nope')).status, 404);
    const reset = await fetch(`${sb.url}/apps/own/_sandbox/writes`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(reset.status, 204);
    assert.deepEqual((await readLog('own')).body.writes, []);
    await call(a, 'DELETE', `/Users/${viaOwn.body.writes[0]?.id ?? ''}`);
    assert.ok(((await readLog('own')).body.writes[0]?.seq ?? 0) > first + 1, 'sequence numbers go on after a reset');
  });

  test('onWrite sees every entry with its app id, and entries carry no token', async () => {
    assert.ok(hooked.length > 5);
    assert.ok(hooked.some(([appId]) => appId === 'own') && hooked.some(([appId]) => appId === 'log'));
    assert.ok(!JSON.stringify(hooked).includes(TOKEN) && !JSON.stringify(hooked).includes('own-token'));
  });
});

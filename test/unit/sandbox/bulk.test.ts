// Bulk (RFC 7644 §3.7) over real HTTP: limits as advertised, bulkId references in any order, failOnErrors,
// per-operation status and location, the request quirks inside operations, and the Bulk switches.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningApp, RunningSandbox } from '../../../src/sandbox';
import { BULK_URN, PATCH_URN, USER_URN, appOf, call, start } from './helpers';

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start([
    { id: 'rfc', users: 5, groups: 0, quirks: { bulkMaxOperations: 5, bulkMaxPayloadSize: 4096 } },
    { id: 'unenforced', users: 5, groups: 0, quirks: { bulkMaxOperations: 2, bulkMaxPayloadSize: 2048, bulkLimits: 'ignored' } },
    { id: 'unresolved', users: 5, groups: 0, quirks: { bulkIdReferences: 'unresolved' } },
    { id: 'advertised', users: 5, groups: 0, quirks: { bulk: 'advertisedOnly' } },
    { id: 'entra', profile: 'entra-compatible', users: 5, groups: 0 },
    { id: 'picky', users: 5, groups: 0, quirks: { capitalisedPatchOps: 'reject' } },
  ]);
});
after(async () => sb.stop());

let n = 0;
const user = (bulkId: string, extra: Record<string, unknown> = {}): unknown => ({
  method: 'POST', path: '/Users', bulkId, data: { schemas: [USER_URN], userName: `bulk.${bulkId}.${++n}@example.com`, ...extra },
});
const bulk = (ops: unknown[], extra: Record<string, unknown> = {}): unknown => ({ schemas: [BULK_URN], Operations: ops, ...extra });
const idOf = (location: string): string => location.split('/').pop() ?? '';

describe('Bulk (RFC 7644 §3.7)', () => {
  test('ServiceProviderConfig advertises the app\'s limits', async () => {
    const spc = (await call(app('rfc'), 'GET', '/ServiceProviderConfig')).body;
    assert.deepEqual(spc.bulk, { supported: true, maxOperations: 5, maxPayloadSize: 4096 });
  });

  test('maxOperations and maxPayloadSize are enforced with 413 tooMany, before anything is written', async () => {
    const before = app('rfc').writes().length;
    const many = await call(app('rfc'), 'POST', '/Bulk', bulk([1, 2, 3, 4, 5, 6].map((i) => user(`m${i}`))));
    assert.equal(many.status, 413);
    assert.equal(many.body.scimType, 'tooMany');
    assert.match(many.body.detail, /"maxOperations":5/);
    const big = await call(app('rfc'), 'POST', '/Bulk', bulk([user('big', { displayName: 'x'.repeat(5000) })]));
    assert.equal(big.status, 413);
    assert.equal(big.body.scimType, 'tooMany');
    assert.equal(app('rfc').writes().length, before);
  });

  test('bulkId references resolve in any order, in data and in paths; each operation has its status and location', async () => {
    const r = await call(app('rfc'), 'POST', '/Bulk', bulk([
      { method: 'POST', path: '/Groups', bulkId: 'g1', data: { schemas: [GROUP_URN], displayName: 'Bulk group', members: [{ value: 'bulkId:u1' }] } },
      user('u1'),
      { method: 'PATCH', path: '/Users/bulkId:u1', data: { schemas: [PATCH_URN], Operations: [{ op: 'replace', path: 'title', value: 'Patched' }] } },
      { method: 'DELETE', path: '/Users/does-not-exist' },
    ]));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:BulkResponse']);
    const [g, u, p, d] = r.body.Operations;
    assert.deepEqual([g.status, u.status, p.status, d.status], ['201', '201', '200', '404']);
    assert.equal(g.bulkId, 'g1');
    assert.ok(String(u.location).startsWith(`${app('rfc').baseUrl}/Users/`));
    assert.ok(u.version);
    assert.equal(d.response.status, '404');
    const group = await call(app('rfc'), 'GET', `/Groups/${idOf(g.location)}`);
    assert.deepEqual(group.body.members.map((m: { value: string }) => m.value), [idOf(u.location)]);
    assert.equal((await call(app('rfc'), 'GET', `/Users/${idOf(u.location)}`)).body.title, 'Patched');
  });

  test('unknown, failed and circular references fail their operations', async () => {
    const r = await call(app('rfc'), 'POST', '/Bulk', bulk([
      { method: 'POST', path: '/Groups', bulkId: 'a', data: { displayName: 'A', members: [{ value: 'bulkId:b' }] } },
      { method: 'POST', path: '/Groups', bulkId: 'b', data: { displayName: 'B', members: [{ value: 'bulkId:a' }] } },
      { method: 'POST', path: '/Groups', bulkId: 'c', data: { displayName: 'C', members: [{ value: 'bulkId:nobody' }] } },
      { method: 'POST', path: '/Users', bulkId: 'bad', data: { schemas: [USER_URN] } },
      { method: 'POST', path: '/Groups', bulkId: 'd', data: { displayName: 'D', members: [{ value: 'bulkId:bad' }] } },
    ]));
    assert.deepEqual(r.body.Operations.map((o: { status: string }) => o.status), ['409', '409', '400', '400', '400']);
  });

  test('failOnErrors stops after that many errors; malformed operations and bodies are 400', async () => {
    const r = await call(app('rfc'), 'POST', '/Bulk', bulk([
      { method: 'DELETE', path: '/Users/nope1' },
      { method: 'FROB', path: '/Users' },
      user('after'),
    ], { failOnErrors: 2 }));
    assert.deepEqual(r.body.Operations.map((o: { status: string }) => o.status), ['404', '400']);
    for (const body of [{ schemas: [BULK_URN], Operations: [] }, { Operations: [user('x')] }, bulk([user('y')], { failOnErrors: -1 })]) {
      assert.equal((await call(app('rfc'), 'POST', '/Bulk', body)).status, 400);
    }
  });

  test('the request quirks apply inside operations: Entra\'s "Replace" and "False" work where the app takes them', async () => {
    const created = await call(app('entra'), 'POST', '/Bulk', bulk([user('e1', { active: 'True' })]));
    const id = idOf(created.body.Operations[0].location);
    const r = await call(app('entra'), 'POST', '/Bulk', bulk([
      { method: 'PATCH', path: `/Users/${id}`, data: { schemas: [PATCH_URN], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] } },
    ]));
    assert.equal(r.body.Operations[0].status, '200');
    assert.equal((await call(app('entra'), 'GET', `/Users/${id}`)).body.active, false);
    const strictBool = await call(app('rfc'), 'POST', '/Bulk', bulk([user('s1', { active: 'False' })]));
    assert.equal(strictBool.body.Operations[0].status, '400', 'the RFC core rejects a string boolean inside Bulk too');
    const picky = await call(app('picky'), 'POST', '/Bulk', bulk([user('p1'), {
      method: 'PATCH', path: '/Users/bulkId:p1', data: { schemas: [PATCH_URN], Operations: [{ op: 'Replace', path: 'title', value: 'x' }] },
    }]));
    assert.deepEqual(picky.body.Operations.map((o: { status: string }) => o.status), ['201', '400']);
  });
});

describe('Bulk switches', () => {
  test('bulkLimits ignored: the limits are advertised but larger requests are processed', async () => {
    const spc = (await call(app('unenforced'), 'GET', '/ServiceProviderConfig')).body;
    assert.equal(spc.bulk.maxOperations, 2);
    const r = await call(app('unenforced'), 'POST', '/Bulk', bulk([user('i1'), user('i2'), user('i3', { displayName: 'y'.repeat(3000) })]));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.Operations.map((o: { status: string }) => o.status), ['201', '201', '201']);
  });

  test('bulkIdReferences unresolved: a member keeps the literal bulkId:u1', async () => {
    const r = await call(app('unresolved'), 'POST', '/Bulk', bulk([
      user('u1'),
      { method: 'POST', path: '/Groups', bulkId: 'g1', data: { displayName: 'Unresolved', members: [{ value: 'bulkId:u1' }] } },
    ]));
    assert.deepEqual(r.body.Operations.map((o: { status: string }) => o.status), ['201', '201']);
    const group = await call(app('unresolved'), 'GET', `/Groups/${idOf(r.body.Operations[1].location)}`);
    assert.deepEqual(group.body.members.map((m: { value: string }) => m.value), ['bulkId:u1']);
  });

  test('bulk advertisedOnly: ServiceProviderConfig says supported, /Bulk answers 501', async () => {
    assert.equal((await call(app('advertised'), 'GET', '/ServiceProviderConfig')).body.bulk.supported, true);
    assert.equal((await call(app('advertised'), 'POST', '/Bulk', bulk([user('z')]))).status, 501);
  });
});

// Group membership over real HTTP: the RFC behaviour (idempotent adds, users' groups kept current, the RFC,
// Entra and Okta membership forms) and every group switch.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { QuirkOverrides, RunningApp, RunningSandbox } from '../../../src/sandbox';
import { PATCH_URN, appOf, call, createUser, patch, start } from './helpers';

const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const SWITCHES: Record<string, QuirkOverrides> = {
  ignored: { groupPatch: 'ignored' },
  never: { groupMembers: 'never' },
  excludedIgnored: { groupMembers: 'excludedIgnored' },
  duplicated: { duplicateMembers: 'duplicated' },
  limit: { groupMemberLimit: 2 },
  omitted: { userGroups: 'omitted' },
  stale: { userGroups: 'stale' },
  noFilterRemove: { memberRemoveByFilter: 'reject' },
  noReplace: { memberReplace: 'reject' },
};

let sb: RunningSandbox;
const app = (id: string): RunningApp => appOf(sb, id);

before(async () => {
  sb = await start([{ id: 'rfc', users: 10, groups: 3 }, ...Object.entries(SWITCHES).map(([id, quirks]) => ({ id, quirks, users: 10, groups: 3 }))]);
});
after(async () => sb.stop());

async function groupWith(a: RunningApp, ...memberIds: string[]): Promise<string> {
  const g = await call(a, 'POST', '/Groups', { schemas: [GROUP_URN], displayName: `Group ${Math.random()}`, members: memberIds.map((value) => ({ value })) });
  assert.equal(g.status, 201, JSON.stringify(g.body));
  return g.body.id as string;
}

async function members(a: RunningApp, groupId: string): Promise<string[] | undefined> {
  const g = await call(a, 'GET', `/Groups/${groupId}`);
  return (g.body.members as { value: string }[] | undefined)?.map((m) => m.value);
}

const addMembers = (...ids: string[]): unknown => patch({ op: 'add', path: 'members', value: ids.map((value) => ({ value })) });

describe('groups (RFC 7643 §4.2, RFC 7644 §3.5.2)', () => {
  test('adding an existing member is idempotent; a user\'s groups follow every membership change', async () => {
    const a = app('rfc');
    const u1 = (await createUser(a)).body.id as string;
    const u2 = (await createUser(a)).body.id as string;
    const g = await groupWith(a, u1);
    assert.ok([200, 204].includes((await call(a, 'PATCH', `/Groups/${g}`, addMembers(u1, u2))).status));
    assert.deepEqual(await members(a, g), [u1, u2]);
    const user = await call(a, 'GET', `/Users/${u2}`);
    assert.deepEqual(user.body.groups.map((x: { value: string; type: string }) => [x.value, x.type]), [[g, 'direct']]);
    assert.match(user.body.groups[0].$ref, new RegExp(`^${a.baseUrl}/Groups/${g}$`));
    await call(a, 'PATCH', `/Groups/${g}`, patch({ op: 'remove', path: `members[value eq "${u2}"]` }));
    assert.equal((await call(a, 'GET', `/Users/${u2}`)).body.groups, undefined);
    assert.equal((await call(a, 'GET', `/Users?filter=${encodeURIComponent(`id eq "${u1}"`)}`)).body.Resources[0].groups[0].value, g);
    await call(a, 'DELETE', `/Groups/${g}`);
    assert.equal((await call(a, 'GET', `/Users/${u1}`)).body.groups, undefined);
  });

  test('Okta\'s replace of the whole list and Entra\'s value-array removal work; excludedAttributes=members is honoured', async () => {
    const a = app('rfc');
    const [u1, u2, u3] = await Promise.all([createUser(a), createUser(a), createUser(a)]).then((rs) => rs.map((r) => r.body.id as string));
    const g = await groupWith(a, u1 as string);
    await call(a, 'PATCH', `/Groups/${g}`, patch({ op: 'replace', path: 'members', value: [{ value: u2 }, { value: u3 }] }));
    assert.deepEqual(await members(a, g), [u2, u3]);
    await call(a, 'PATCH', `/Groups/${g}`, patch({ op: 'Remove', path: 'members', value: [{ value: u2 }] }));
    assert.deepEqual(await members(a, g), [u3]);
    const lean = await call(a, 'GET', `/Groups/${g}?excludedAttributes=members`);
    assert.equal(lean.body.members, undefined);
  });
});

describe('group switches', () => {
  test('groupPatch ignored: a membership PATCH answers 200 and changes nothing; other attributes still change', async () => {
    const a = app('ignored');
    const [u1, u2] = [(await createUser(a)).body.id as string, (await createUser(a)).body.id as string];
    const g = await groupWith(a, u1);
    const r = await call(a, 'PATCH', `/Groups/${g}`, addMembers(u2));
    assert.equal(r.status, 200);
    assert.deepEqual(await members(a, g), [u1]);
    await call(a, 'PATCH', `/Groups/${g}`, patch({ op: 'replace', path: 'displayName', value: 'Renamed' }, { op: 'add', path: 'members', value: [{ value: u2 }] }));
    const after = await call(a, 'GET', `/Groups/${g}`);
    assert.equal(after.body.displayName, 'Renamed');
    assert.deepEqual(after.body.members.map((m: { value: string }) => m.value), [u1]);
  });

  test('groupMembers never: not even the members of the POST come back', async () => {
    const a = app('never');
    const u1 = (await createUser(a)).body.id as string;
    const g = await groupWith(a, u1);
    assert.equal(await members(a, g), undefined);
    const list = await call(a, 'GET', '/Groups?count=10');
    assert.ok(list.body.Resources.every((x: Record<string, unknown>) => !('members' in x)));
    assert.equal((await call(a, 'GET', `/Users/${u1}`)).body.groups[0].value, g, 'membership itself is stored');
  });

  test('groupMembers excludedIgnored: excludedAttributes=members has no effect', async () => {
    const a = app('excludedIgnored');
    const g = await groupWith(a, (await createUser(a)).body.id as string);
    assert.equal((await call(a, 'GET', `/Groups/${g}?excludedAttributes=members,meta`)).body.members.length, 1);
    assert.equal((await call(a, 'GET', `/Groups/${g}?excludedAttributes=members,meta`)).body.meta, undefined);
  });

  test('duplicateMembers duplicated: adding an existing member lists it twice', async () => {
    const a = app('duplicated');
    const u1 = (await createUser(a)).body.id as string;
    const g = await groupWith(a, u1);
    await call(a, 'PATCH', `/Groups/${g}`, addMembers(u1));
    assert.deepEqual(await members(a, g), [u1, u1]);
  });

  test('groupMemberLimit: more members in one request answer 400; within the limit they apply', async () => {
    const a = app('limit');
    const ids = await Promise.all([1, 2, 3].map(() => createUser(a).then((r) => r.body.id as string)));
    const tooMany = await call(a, 'POST', '/Groups', { schemas: [GROUP_URN], displayName: 'Big', members: ids.map((value) => ({ value })) });
    assert.equal(tooMany.status, 400);
    const g = await groupWith(a, ids[0] as string);
    assert.equal((await call(a, 'PATCH', `/Groups/${g}`, addMembers(ids[1] as string, ids[2] as string))).status, 200);
    assert.equal((await call(a, 'PATCH', `/Groups/${g}`, { schemas: [PATCH_URN], Operations: [{ op: 'replace', value: { members: ids.map((value) => ({ value })) } }] })).status, 400);
  });

  test('userGroups omitted: users never show groups; stale: frozen at the user\'s last write', async () => {
    const o = app('omitted');
    const ou = (await createUser(o)).body.id as string;
    await groupWith(o, ou);
    assert.equal((await call(o, 'GET', `/Users/${ou}`)).body.groups, undefined);
    const s = app('stale');
    const seeded = await call(s, 'GET', '/Users?count=10');
    assert.ok(seeded.body.Resources.some((x: Record<string, unknown>) => Array.isArray(x['groups'])), 'seeded users show their groups');
    const su = (await createUser(s)).body.id as string;
    const g = await groupWith(s, su);
    assert.equal((await call(s, 'GET', `/Users/${su}`)).body.groups, undefined, 'added after the user was written');
    await call(s, 'PATCH', `/Users/${su}`, patch({ op: 'replace', path: 'title', value: 'touched' }));
    assert.equal((await call(s, 'GET', `/Users/${su}`)).body.groups[0].value, g, 'a write of the user refreshes the snapshot');
  });

  test('memberRemoveByFilter reject: members[value eq "…"] removal is 400; memberReplace reject: replacing the list is 400', async () => {
    const a = app('noFilterRemove');
    const u1 = (await createUser(a)).body.id as string;
    const g = await groupWith(a, u1);
    const r = await call(a, 'PATCH', `/Groups/${g}`, patch({ op: 'remove', path: `members[value eq "${u1}"]` }));
    assert.equal(r.status, 400);
    assert.equal(r.body.scimType, 'invalidPath');
    assert.deepEqual(await members(a, g), [u1]);
    const b = app('noReplace');
    const [v1, v2] = [(await createUser(b)).body.id as string, (await createUser(b)).body.id as string];
    const h = await groupWith(b, v1);
    assert.equal((await call(b, 'PATCH', `/Groups/${h}`, patch({ op: 'replace', path: 'members', value: [{ value: v2 }] }))).status, 400);
    assert.equal((await call(b, 'PATCH', `/Groups/${h}`, addMembers(v2))).status, 200);
    assert.deepEqual(await members(b, h), [v1, v2]);
  });
});

// Group switches hold for projections too: `attributes=members` (or `attributes=groups`) drops `meta`, and a
// switch that hides members or users' groups must still hide them (the groups probe asks for members that way).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../../src/sandbox';
import { appOf, call, createUser, start } from './helpers';

let sb: RunningSandbox;
before(async () => {
  sb = await start([
    { id: 'never', quirks: { groupMembers: 'never', userGroups: 'omitted' }, users: 3, groups: 1 },
    { id: 'rfc', users: 3, groups: 1 },
  ]);
});
after(async () => sb.stop());

for (const id of ['never', 'rfc']) {
  test(`${id}: members and users' groups asked for with attributes= are ${id === 'never' ? 'still hidden' : 'returned'}`, async () => {
    const a = appOf(sb, id);
    const user = (await createUser(a)).body.id as string;
    const g = await call(a, 'POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `projection ${id}`, members: [{ value: user }] });
    const one = await call(a, 'GET', `/Groups/${g.body.id as string}?attributes=members`);
    const list = await call(a, 'GET', `/Groups?attributes=members&filter=${encodeURIComponent(`displayName eq "projection ${id}"`)}`);
    const groups = await call(a, 'GET', `/Users/${user}?attributes=groups`);
    const shown = [one.body.members, (list.body.Resources as Record<string, unknown>[])[0]?.['members'], groups.body.groups];
    if (id === 'never') assert.deepEqual(shown, [undefined, undefined, undefined]);
    else assert.ok(shown.every((v) => Array.isArray(v) && v.length === 1), JSON.stringify(shown));
  });
}

// The groups probe against real sandboxes: the RFC and IdP membership forms it sends, and each finding both ways
// (a switch that provokes it, strict that does not).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type StartOptions } from '../../../src/sandbox';
import type { Application } from '../../../src/core/registry/model';
import type { ProbeReport } from '../../../src/core/probes';
import { appEntry, codesOf, probe, TOKEN } from './helpers';

let sb: RunningSandbox;
const APPS: StartOptions['apps'] = [
  { id: 'strict', profile: 'strict' },
  { id: 'github-like', profile: 'github-like' },
  { id: 'minimal', profile: 'minimal' },
  { id: 'entra-compatible', profile: 'entra-compatible' },
  { id: 'duplicated', profile: 'strict', quirks: { duplicateMembers: 'duplicated' } },
  { id: 'ignored', profile: 'strict', quirks: { groupPatch: 'ignored' } },
  { id: 'hidden', profile: 'strict', quirks: { groupMembers: 'never', userGroups: 'omitted' } },
  { id: 'hidden-groups-shown', profile: 'strict', quirks: { groupMembers: 'never' } },
  { id: 'stale', profile: 'strict', quirks: { userGroups: 'stale' } },
  { id: 'no-replace', profile: 'strict', quirks: { memberReplace: 'reject' } },
  { id: 'no-filter-remove', profile: 'strict', quirks: { memberRemoveByFilter: 'reject' } },
  { id: 'member-limit', profile: 'strict', quirks: { groupMemberLimit: 1 } },
  { id: 'caps-ignored', profile: 'strict', quirks: { capitalisedPatchOps: 'ignore' } },
];
before(async () => { sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 5, groups: 1 })), token: TOKEN, seed: 3 }); });
after(async () => { await sb.stop(); });

const app = (id: string, profile: 'rfc' | 'entra' | 'okta' = 'rfc', extra: Partial<Application> = {}): Application =>
  appEntry(sb.apps.find((a) => a.id === id)!, { probe: { allowWrites: true, idpProfile: profile }, ...extra });
const run = (a: Application) => probe(a, { only: ['groups'] });
const groups = (r: ProbeReport) => r.probes.find((p) => p.probe === 'groups')!;
/** The PATCH bodies sent to /Groups, in order. */
const groupPatches = (r: ProbeReport) => r.transcript.filter((x) => x.request.method === 'PATCH' && x.request.url.includes('/Groups/')).map((x) => JSON.parse(x.request.body!.text).Operations);
const finding = (r: ProbeReport, code: string) => groups(r).findings.find((f) => f.code === code);

describe('groups: request forms', () => {
  test('rfc on strict: add with a value array, remove by members[value eq "..."]; each change reads back, in the group and the users\' groups', async () => {
    const { report, journal } = await run(app('strict'));
    assert.deepEqual(codesOf(report), []);
    assert.equal(groups(report).observed['userGroupsReturned'], true);
    const ops = groupPatches(report);
    assert.equal(ops.length, 4);
    assert.deepEqual(Object.keys(ops[0][0]), ['op', 'path', 'value']);
    assert.equal(ops[0][0].op, 'add');
    assert.match(ops[3][0].path, /^members\[value eq "[^"]+"\]$/);
    assert.ok(groups(report).checks.every((c) => c.status === 'pass'), JSON.stringify(groups(report).checks));
    assert.deepEqual(report.cleanup, { created: 3, deleted: 3, failed: [] });
    assert.deepEqual(journal.pending(), []);
  });

  test('entra: "Add" with $ref null, "Remove" with a value array; entra-compatible applies both', async () => {
    const { report } = await run(app('entra-compatible', 'entra'));
    assert.deepEqual(codesOf(report), []);
    const ops = groupPatches(report);
    assert.equal(ops[4][0].op, 'Add');
    assert.equal(ops[4][0].value[0].$ref, null);
    assert.equal(ops[5][0].op, 'Remove');
    assert.equal(ops[5][0].path, 'members');
    assert.equal(typeof ops[5][0].value[0].value, 'string');
  });

  test('okta: remove by replacing the whole member list; strict applies it', async () => {
    const { report } = await run(app('strict', 'okta'));
    assert.deepEqual(codesOf(report), []);
    const ops = groupPatches(report);
    assert.equal(ops[5][0].op, 'replace');
    assert.equal(ops[5][0].path, 'members');
    assert.equal(ops[5][0].value.length, 1);
  });

  test('a member limit of one per request does not get in the way of one-at-a-time changes', async () => {
    assert.deepEqual(codesOf((await run(app('member-limit'))).report), []);
  });
});

describe('groups: findings', () => {
  test('GROUP_DUPLICATE_MEMBER: a re-added member listed twice; strict adds idempotently', async () => {
    const { report } = await run(app('duplicated'));
    assert.deepEqual(codesOf(report), ['GROUP_DUPLICATE_MEMBER']);
    assert.match(finding(report, 'GROUP_DUPLICATE_MEMBER')!.message, /lists it 2 times/);
    assert.ok(groups((await run(app('strict'))).report).checks.some((c) => c.name === 'add the same member again (RFC)' && c.status === 'pass'));
  });

  test('GROUP_PATCH_IGNORED: membership PATCHes answered 200 and dropped, even on an empty group (whose members list is simply absent)', async () => {
    const { report } = await run(app('ignored'));
    assert.deepEqual(codesOf(report), ['GROUP_PATCH_IGNORED']);
    const f = finding(report, 'GROUP_PATCH_IGNORED')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /answered 200 but the membership did not change: the group still lists no members/);
    // A second group created with a member showed that the server does show members.
    assert.ok(report.transcript.some((x) => x.request.method === 'POST' && /-visible-\d+/.test(x.request.body?.text ?? '')));
  });

  test('GROUP_MEMBERS_NOT_REFLECTED: members never shown and no users\' groups, so no change can be seen', async () => {
    const { report } = await run(app('hidden'));
    assert.deepEqual(codesOf(report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    assert.match(finding(report, 'GROUP_MEMBERS_NOT_REFLECTED')!.message, /never shows its `members`/);
    assert.ok(groups(report).checks.filter((c) => c.status === 'skipped').length >= 2);
  });

  test('members hidden but users\' groups kept: the change is seen on the users, no finding', async () => {
    const { report } = await run(app('hidden-groups-shown'));
    assert.deepEqual(codesOf(report), []);
    assert.ok(groups(report).checks.some((c) => /the group hides its members, the users' groups show the change/.test(c.message ?? '')));
  });

  test('GROUP_MEMBERS_NOT_REFLECTED: users\' groups frozen at the user\'s last write', async () => {
    const { report } = await run(app('stale'));
    assert.deepEqual(codesOf(report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    assert.match(finding(report, 'GROUP_MEMBERS_NOT_REFLECTED')!.message, /showed the group only after the user itself was written|still lists the group/);
  });

  test('GROUP_MEMBERS_NOT_REFLECTED: github-like refuses the RFC removal by value filter (400), as evidence', async () => {
    const { report } = await run(app('github-like'));
    assert.deepEqual(codesOf(report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    const f = finding(report, 'GROUP_MEMBERS_NOT_REFLECTED')!;
    assert.match(f.message, /RFC remove by filter .* 400 invalidPath/);
    assert.equal(report.transcript.find((x) => x.id === f.evidence[0])?.response?.status, 400);
  });

  test('the IdP\'s own forms refused: Okta\'s whole-list replace, and the filter removal Entra sends with its compliance flag', async () => {
    const okta = await run(app('no-replace', 'okta'));
    assert.deepEqual(codesOf(okta.report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    assert.match(finding(okta.report, 'GROUP_MEMBERS_NOT_REFLECTED')!.message, /Okta replace of the whole member list/);
    assert.deepEqual(codesOf((await run(app('no-replace'))).report), [], 'rfc never sends the whole-list replace');
    const entra = await run(app('no-filter-remove', 'entra'));
    assert.deepEqual(codesOf(entra.report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    assert.ok(groups(entra.report).checks.some((c) => c.name === 'remove one member (Microsoft Entra ID)' && c.status === 'pass'), 'Entra\'s default value-array removal still works');
  });

  test('GROUP_PATCH_IGNORED under entra: Entra\'s capitalised "Add" and "Remove" answered 200 and dropped; rfc is unaffected', async () => {
    const { report } = await run(app('caps-ignored', 'entra'));
    assert.deepEqual(codesOf(report), ['GROUP_PATCH_IGNORED']);
    assert.equal(groups(report).findings.length, 2);
    assert.deepEqual(codesOf((await run(app('caps-ignored'))).report), []);
  });

  test('minimal under entra: its members are hidden, which is what shows (GROUP_MEMBERS_NOT_REFLECTED)', async () => {
    const { report } = await run(app('minimal', 'entra'));
    assert.deepEqual(codesOf(report), ['GROUP_MEMBERS_NOT_REFLECTED']);
  });

  test('skipped without allowWrites', async () => {
    const { report } = await run(app('strict', 'rfc', { probe: { allowWrites: false } }));
    assert.equal(groups(report).status, 'skipped');
  });
});

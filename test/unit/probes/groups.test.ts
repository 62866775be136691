// The groups probe against real sandboxes: the RFC and IdP membership forms it sends, and each finding both ways.
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
];
before(async () => { sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 5, groups: 1 })), token: TOKEN, seed: 3 }); });
after(async () => { await sb.stop(); });

const app = (id: string, profile: 'rfc' | 'entra' | 'okta' = 'rfc', extra: Partial<Application> = {}): Application =>
  appEntry(sb.apps.find((a) => a.id === id)!, { probe: { allowWrites: true, idpProfile: profile }, ...extra });
const run = (a: Application) => probe(a, { only: ['groups'] });
const groups = (r: ProbeReport) => r.probes.find((p) => p.probe === 'groups')!;
/** The PATCH bodies sent to /Groups, in order. */
const groupPatches = (r: ProbeReport) => r.transcript.filter((x) => x.request.method === 'PATCH' && x.request.url.includes('/Groups/')).map((x) => JSON.parse(x.request.body!.text).Operations);
/** Codes of this probe apart from the duplicate adds main's sandbox core still lists twice (see duplicates test). */
const membershipCodes = (r: ProbeReport) => codesOf(r, 'groups').filter((c) => c !== 'GROUP_DUPLICATE_MEMBER');

describe('groups: request forms', () => {
  test('rfc: add with a value array, remove by members[value eq "..."]; each change reads back; test resources removed', async () => {
    const { report, journal } = await run(app('strict'));
    assert.deepEqual(membershipCodes(report), []);
    const ops = groupPatches(report);
    assert.equal(ops.length, 4);
    assert.deepEqual(Object.keys(ops[0][0]), ['op', 'path', 'value']);
    assert.equal(ops[0][0].op, 'add');
    assert.match(ops[3][0].path, /^members\[value eq "[^"]+"\]$/);
    assert.ok(groups(report).checks.some((c) => c.name === 'remove one member (RFC)' && c.status === 'pass'));
    assert.deepEqual(report.cleanup, { created: 3, deleted: 3, failed: [] });
    assert.deepEqual(journal.pending(), []);
  });

  test('entra: "Add" with $ref null, "Remove" with a value array; entra-compatible applies both', async () => {
    const { report } = await run(app('entra-compatible', 'entra'));
    assert.deepEqual(membershipCodes(report), []);
    const ops = groupPatches(report);
    assert.equal(ops[4][0].op, 'Add');
    assert.equal(ops[4][0].value[0].$ref, null);
    assert.equal(ops[5][0].op, 'Remove');
    assert.equal(ops[5][0].path, 'members');
    assert.equal(typeof ops[5][0].value[0].value, 'string');
  });

  test('okta: remove by replacing the whole member list; strict applies it', async () => {
    const { report } = await run(app('strict', 'okta'));
    assert.deepEqual(membershipCodes(report), []);
    const ops = groupPatches(report);
    assert.equal(ops[5][0].op, 'replace');
    assert.equal(ops[5][0].path, 'members');
    assert.equal(ops[5][0].value.length, 1);
  });
});

describe('groups: findings', () => {
  test('GROUP_MEMBERS_NOT_REFLECTED: github-like refuses the RFC removal by value filter (400), as evidence', async () => {
    const { report } = await run(app('github-like'));
    assert.deepEqual(membershipCodes(report), ['GROUP_MEMBERS_NOT_REFLECTED']);
    const f = groups(report).findings.find((x) => x.code === 'GROUP_MEMBERS_NOT_REFLECTED')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /RFC remove by filter .* 400 invalidPath/);
    assert.equal(report.transcript.find((x) => x.id === f.evidence[0])?.response?.status, 400);
  });

  test('GROUP_PATCH_IGNORED: minimal answers Entra\'s capitalised "Add" and "Remove" with 200 and changes nothing; entra-compatible does not', async () => {
    const { report } = await run(app('minimal', 'entra'));
    assert.deepEqual(membershipCodes(report), ['GROUP_PATCH_IGNORED']);
    assert.equal(groups(report).findings.filter((f) => f.code === 'GROUP_PATCH_IGNORED').length, 2);
    const rfc = await run(app('minimal'));
    assert.deepEqual(membershipCodes(rfc.report), []);
  });

  test('GROUP_DUPLICATE_MEMBER: adding a member twice lists it twice (main\'s sandbox core does; the sandbox switch comes with its merge)', async () => {
    const { report } = await run(app('strict'));
    const f = groups(report).findings.find((x) => x.code === 'GROUP_DUPLICATE_MEMBER');
    assert.ok(f, 'expected the duplicate');
    assert.match(f.message, /lists it 2 times/);
  });

  test('skipped without allowWrites', async () => {
    const { report } = await run(app('strict', 'rfc', { probe: { allowWrites: false } }));
    assert.equal(groups(report).status, 'skipped');
  });
});

// The group-mapping probe: rules whose groups or attributes the server does not have, read-only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { ProbeReport } from '../../../src/core/probes';
import type { Application, GroupMapping } from '../../../src/core/registry/model';
import { appEntry, clientFor, codesOf, probe, TOKEN } from './helpers';

let sb: RunningSandbox;
const existing = new Map<string, string[]>();
before(async () => {
  sb = await startSandbox({ apps: ['strict', 'minimal', 'aws-like'].map((id) => ({ id, profile: id, users: 5, groups: 4 })), token: TOKEN, seed: 3 });
  for (const a of sb.apps) {
    const list = await clientFor(appEntry(a)).send({ method: 'GET', path: '/Groups', query: { count: 10 } });
    existing.set(a.id, ((list.json as { Resources: { displayName: string }[] }).Resources).map((g) => g.displayName));
  }
});
after(async () => { await sb.stop(); });

const app = (id: string, groupMapping: GroupMapping): Application => appEntry(sb.apps.find((a) => a.id === id)!, { groupMapping, probe: { allowWrites: false } });
const gm = (r: ProbeReport) => r.probes.find((p) => p.probe === 'group-mapping')!;

describe('group mapping', () => {
  test('strict: named groups exist (case differences noted), attributes exist in the discovered user schema: no finding', async () => {
    const [first, second] = existing.get('strict')!;
    const { report } = await probe(app('strict', { strategy: 'composite', rules: [
      { group: first!, role: 'admin' },
      { groups: [first!, second!.toUpperCase()], role: 'both' },
      { attribute: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', value: 'Sales', role: 'sales' },
      { attribute: 'roles', value: 'x', role: 'x' },
    ] }), { only: ['group-mapping'] });
    assert.deepEqual(codesOf(report), []);
    assert.equal(gm(report).status, 'pass');
    assert.ok(gm(report).checks.some((c) => c.status === 'warn' && /different case/.test(c.message ?? '')));
    assert.ok(!report.transcript.some((x) => x.request.method !== 'GET'), 'read-only');
    assert.ok(report.transcript.some((x) => x.request.url.includes('excludedAttributes=members')));
  });

  test('GROUP_MAPPING_UNRESOLVED: a missing group and an attribute no schema defines, each located in the registry', async () => {
    const { report } = await probe(app('strict', { strategy: 'attribute', rules: [
      { group: 'No Such Group', role: 'ghost' },
      { attribute: 'costCentre', value: '42', role: 'finance' },
    ] }), { only: ['group-mapping'] });
    const findings = gm(report).findings;
    assert.deepEqual(findings.map((f) => [f.code, f.field]), [
      ['GROUP_MAPPING_UNRESOLVED', ['groupMapping', 'rules', 0, 'group']],
      ['GROUP_MAPPING_UNRESOLVED', ['groupMapping', 'rules', 1, 'attribute']],
    ]);
    assert.match(findings[0]!.message, /"No Such Group", which the server does not have/);
    assert.equal(report.transcript.find((x) => x.id === findings[0]!.evidence[0])?.response?.status, 200);
    assert.ok(findings[1]!.evidence.length > 0, 'the /Schemas answer is the evidence');
  });

  test('without discovered schemas (minimal) attributes are not judged; groups still are', async () => {
    const { report } = await probe(app('minimal', { strategy: 'attribute', rules: [{ attribute: 'costCentre', value: '1' }, { group: existing.get('minimal')![0]! }] }), { only: ['group-mapping'] });
    assert.deepEqual(codesOf(report, 'group-mapping'), []);
    assert.deepEqual(gm(report).checks.map((c) => c.status), ['skipped', 'pass']);
  });

  test('skipped without groupMapping rules', async () => {
    const { report } = await probe(app('strict', { strategy: 'direct' }), { only: ['group-mapping'] });
    assert.equal(gm(report).status, 'skipped');
  });
});

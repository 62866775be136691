// For each sandbox preset: exactly the codes the deactivation, groups, registry-filters, group-mapping, bulk and
// lifecycle probes produce in one run (writes allowed, the preset's IdP profile), no more, no fewer (traffic
// codes: no more). The registry
// entry names an existing group, a working filter and the preset's real deactivation contract; a few rows add a
// field the server contradicts, to show the registry-dependent codes. Every code is one the preset documents
// (`describePreset(...).findings`), bar the registry-dependent ones. The table is in presetTables.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY_DEPENDENT_CODES, describePreset, presetNames, startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { ProbeReport } from '../../../src/core/probes';
import type { Application } from '../../../src/core/registry/model';
import { appEntry, clientFor, probe, TOKEN } from './helpers';
import { TRAFFIC_CODES, WRITING_PROBES, WRITING_ROWS, type WritingRow } from './presetTables';

const MINE = WRITING_PROBES;
const ROWS = WRITING_ROWS;
type Row = WritingRow;

let sb: RunningSandbox;
const groupNames = new Map<string, string[]>();
before(async () => {
  sb = await startSandbox({ apps: presetNames.map((p) => ({ id: p, profile: p, users: 12, groups: 3 })), token: TOKEN, seed: 3 });
  for (const a of sb.apps) {
    const r = await clientFor(appEntry(a)).send({ method: 'GET', path: '/Groups', query: { count: 3 } });
    groupNames.set(a.id, ((r.json as { Resources: { displayName: string }[] }).Resources).map((g) => g.displayName));
  }
});
after(async () => { await sb.stop(); });

function entry(row: Row): Application {
  const running = sb.apps.find((a) => a.id === row.preset)!;
  const groups = groupNames.get(row.preset)!;
  return appEntry(running, {
    probe: { allowWrites: true, idpProfile: describePreset(row.preset)!.idpProfile },
    filters: [{ expression: 'userName eq "{{userName}}"' }],
    groupMapping: { strategy: 'direct', rules: [{ group: groups[0]!, role: 'member' }] },
    deactivation: row.deactivation,
    ...row.extra?.(groups),
  });
}

const mine = (r: ProbeReport) => r.probes.filter((p) => MINE.includes(p.probe));
const codes = (r: ProbeReport) => [...new Set(mine(r).flatMap((p) => p.findings.map((f) => f.code)))].sort();

describe('presets: the codes of the writing and IdP probes', () => {
  test('every preset has a row, and every code is one the preset documents (or registry-dependent)', () => {
    assert.deepEqual(ROWS.map((r) => r.preset).sort(), [...presetNames].sort());
    for (const row of ROWS) {
      const documented = new Set<string>(describePreset(row.preset)!.findings);
      const odd = row.expect.filter((c) => !documented.has(c) && !(c in REGISTRY_DEPENDENT_CODES));
      assert.deepEqual(odd, [], `${row.preset}: codes the preset does not document`);
    }
  });

  for (const row of ROWS) {
    test(`${row.preset} (${describePreset(row.preset)!.idpProfile}): ${row.expect.join(', ')}`, async () => {
      const { report } = await probe(entry(row), { only: MINE, deactivationHorizonMs: 10_000 });
      const detail = mine(report).map((p) => `${p.probe} ${p.status}: ${p.findings.map((f) => `${f.code} ${f.message}`).join(' | ') || p.reason || ''}`).join('\n');
      // Traffic codes (a 429, a 5xx a retry cured) depend on how fast this machine sends: listed ones may be
      // missing on a slow run, unlisted ones never appear. The probes provoke them deterministically elsewhere.
      const seen = codes(report);
      assert.deepEqual(seen.filter((c) => !TRAFFIC_CODES.includes(c)), row.expect.filter((c) => !TRAFFIC_CODES.includes(c)).sort(), detail);
      assert.deepEqual(seen.filter((c) => TRAFFIC_CODES.includes(c) && !row.expect.includes(c)), [], `unexpected traffic codes\n${detail}`);
      assert.ok(!mine(report).some((p) => p.status === 'error'), detail);
      assert.deepEqual(report.cleanup.failed, []);
    });
  }

  test('strict under rfc: no error or warning finding at all', async () => {
    const { report } = await probe(entry(ROWS[0]!), { only: MINE });
    assert.deepEqual(mine(report).flatMap((p) => p.findings).filter((f) => f.severity !== 'info').map((f) => f.code), []);
  });
});

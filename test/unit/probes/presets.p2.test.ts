// For each sandbox preset: exactly the codes the deactivation, groups, registry-filters, group-mapping, bulk and
// lifecycle probes produce in one run (writes allowed, the preset's IdP profile), no more, no fewer. The registry
// entry names an existing group, a working filter and the preset's real deactivation contract; a few rows add a
// field the server contradicts, to show the registry-dependent codes. Every code is one the preset documents
// (`describePreset(...).findings`), bar the registry-dependent ones and the divergences listed below with why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REGISTRY_DEPENDENT_CODES, describePreset, presetNames, startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { ProbeName, ProbeReport } from '../../../src/core/probes';
import type { Application, Deactivation } from '../../../src/core/registry/model';
import { appEntry, clientFor, probe, TOKEN } from './helpers';

const MINE: ProbeName[] = ['deactivation', 'groups', 'registry-filters', 'group-mapping', 'bulk', 'lifecycle'];

interface Row {
  preset: string;
  deactivation: Deactivation;
  expect: string[];
  /** Registry fields the server contradicts (beyond the common entry). */
  extra?: (groups: string[]) => Partial<Application>;
}

const ROWS: Row[] = [
  { preset: 'strict', deactivation: { contract: 'immediate' }, expect: ['DEACTIVATION_CONTRACT'] },
  { preset: 'entra-compatible', deactivation: { contract: 'immediate' }, expect: ['DEACTIVATION_CONTRACT'] },
  {
    preset: 'aws-like', deactivation: { contract: 'immediate' },
    extra: () => ({ filters: [{ expression: 'userName eq "{{userName}}"' }, { expression: 'userName co "{{userName}}"' }] }),
    expect: ['DEACTIVATION_CONTRACT', 'REGISTRY_FILTER_FAILS'],
  },
  // 600 requests a minute with a burst of 20: a run of these probes goes faster than that, so a 429 comes.
  { preset: 'slack-like', deactivation: { contract: 'immediate' }, expect: ['DEACTIVATION_CONTRACT', 'RATE_LIMITED'] },
  {
    preset: 'github-like', deactivation: { contract: 'deleted' },
    extra: (groups) => ({ groupMapping: { strategy: 'direct', rules: [{ group: groups[0]!, role: 'a' }, { group: 'Not A Group', role: 'b' }] }, deactivation: { contract: 'immediate' } }),
    expect: ['DEACTIVATED_USER_NOT_READABLE', 'DEACTIVATION_CONTRACT', 'GROUP_MAPPING_UNRESOLVED', 'GROUP_MEMBERS_NOT_REFLECTED', 'REGISTRY_DRIFT'],
  },
  {
    preset: 'drifting', deactivation: { contract: 'immediate' },
    expect: ['BULK_BULKID_UNRESOLVED', 'DEACTIVATION_CONTRACT', 'FILTER_RESULTS_WRONG', 'GROUP_DUPLICATE_MEMBER'],
  },
  {
    preset: 'minimal', deactivation: { contract: 'immediate' },
    expect: ['DEACTIVATION_CONTRACT', 'EMPTY_FILTER_NOT_200', 'GROUP_MEMBERS_NOT_REFLECTED', 'PATCH_CAPITALISED_OP_IGNORED', 'PATCH_STRING_BOOLEAN_REJECTED'],
  },
  {
    preset: 'throttled', deactivation: { contract: 'delayed', delaySeconds: 3 },
    expect: ['BULK_CLAIM_CONTRADICTED', 'DEACTIVATION_CONTRACT', 'GROUP_PATCH_IGNORED', 'PATCH_PATHLESS_REJECTED', 'RATE_LIMITED', 'RETRY_AFTER_MISSING', 'SERVER_ERROR_TRANSIENT'],
  },
  { preset: 'cursor', deactivation: { contract: 'immediate' }, expect: ['DEACTIVATION_CONTRACT'] },
];

/** Codes these probes report that the preset's documented list names otherwise, and why. */
const DIVERGENCES: Record<string, Record<string, string>> = {
  minimal: {
    PATCH_CAPITALISED_OP_IGNORED: 'minimal answers a capitalised op with 200 and changes nothing: the IGNORED code (an error), where the preset list, written before that code existed, says REJECTED',
  },
};

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
  test('every preset has a row, and every code is one the preset documents (or registry-dependent, or a listed divergence)', () => {
    assert.deepEqual(ROWS.map((r) => r.preset).sort(), [...presetNames].sort());
    for (const row of ROWS) {
      const documented = new Set<string>(describePreset(row.preset)!.findings);
      const odd = row.expect.filter((c) => !documented.has(c) && !(c in REGISTRY_DEPENDENT_CODES) && !DIVERGENCES[row.preset]?.[c]);
      assert.deepEqual(odd, [], `${row.preset}: codes the preset does not document`);
    }
  });

  for (const row of ROWS) {
    test(`${row.preset} (${describePreset(row.preset)!.idpProfile}): ${row.expect.join(', ')}`, async () => {
      const { report } = await probe(entry(row), { only: MINE, deactivationHorizonMs: 10_000 });
      const detail = mine(report).map((p) => `${p.probe} ${p.status}: ${p.findings.map((f) => `${f.code} ${f.message}`).join(' | ') || p.reason || ''}`).join('\n');
      assert.deepEqual(codes(report), [...row.expect].sort(), detail);
      assert.ok(!mine(report).some((p) => p.status === 'error'), detail);
      assert.deepEqual(report.cleanup.failed, []);
    });
  }

  test('strict under rfc: no error or warning finding at all', async () => {
    const { report } = await probe(entry(ROWS[0]!), { only: MINE });
    assert.deepEqual(mine(report).flatMap((p) => p.findings).filter((f) => f.severity !== 'info').map((f) => f.code), []);
  });
});

// The registry-filters probe: each `filters` entry run with its placeholders filled, judged with the core
// evaluator, and its status/testedAt written back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type StartOptions } from '../../../src/sandbox';
import { writeBackReport, type ProbeReport } from '../../../src/core/probes';
import { fillFilter, placeholderValue } from '../../../src/core/probes/registryFiltersProbe';
import { parseRegistry } from '../../../src/core/registry';
import type { Application, FilterRecord } from '../../../src/core/registry/model';
import { appEntry, codesOf, probe, TOKEN } from './helpers';

let sb: RunningSandbox;
const APPS: StartOptions['apps'] = [
  { id: 'strict', profile: 'strict' },
  { id: 'aws-like', profile: 'aws-like' },
  { id: 'username-only', profile: 'strict', quirks: { filterAttributes: ['userName'] } },
];
before(async () => { sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 12, groups: 2 })), token: TOKEN, seed: 3 }); });
after(async () => { await sb.stop(); });

const FILTERS: FilterRecord[] = [
  { expression: 'userName eq "{{userName}}"', status: 'untested' },
  { expression: 'userName co "{{userName}}"' },
  { expression: 'externalId eq "{{externalId}}" and active eq true' },
  { expression: 'displayName eq "{{displayName}}"', resource: 'Groups' },
  { expression: 'title eq "{{title}}"' },
];
const app = (id: string, extra: Partial<Application> = {}): Application => appEntry(sb.apps.find((a) => a.id === id)!, { filters: FILTERS, ...extra });
const rf = (r: ProbeReport) => r.probes.find((p) => p.probe === 'registry-filters')!;

describe('registry filters', () => {
  test('strict: every filter with a value works, each verified against the probe user; unfillable ones are skipped', async () => {
    const { report } = await probe(app('strict'), { only: ['registry-filters'] });
    const p = rf(report);
    assert.deepEqual(codesOf(report), []);
    assert.deepEqual(p.checks.map((c) => c.status), ['pass', 'pass', 'pass', 'pass', 'skipped']);
    assert.match(p.checks[0]!.message!, /1 matching resource \(sent as userName eq "scimwb-probe-\w+-filter-user-1"\)/);
    assert.match(p.checks[4]!.message!, /no value for \{\{title\}\}/);
    const statuses = p.fields.filter((f) => f.field[2] === 'status').map((f) => [f.field[1], f.observed, f.update]);
    assert.deepEqual(statuses, [[0, 'works', 'always'], [1, 'works', 'always'], [2, 'works', 'always'], [3, 'works', 'always']]);
    assert.equal(p.summary, '4/5 filters work');
    assert.deepEqual(report.cleanup.failed, []);
  });

  test('REGISTRY_FILTER_FAILS: aws-like refuses co (400 invalidFilter), with the filter\'s field and the exchange as evidence', async () => {
    const { report } = await probe(app('aws-like'), { only: ['registry-filters'] });
    const p = rf(report);
    assert.deepEqual(codesOf(report), ['REGISTRY_FILTER_FAILS']);
    const f = p.findings[0]!;
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.field, ['filters', 1, 'expression']);
    assert.match(f.message, /answered 400 invalidFilter/);
    assert.equal(report.transcript.find((x) => x.id === f.evidence[0])?.response?.status, 400);
  });

  test('REGISTRY_FILTER_FAILS: a filter the server silently drops returns resources that do not match it (judged with the core evaluator)', async () => {
    const filters = [{ expression: 'userName eq "{{userName}}"' }, { expression: 'externalId eq "{{externalId}}"' }];
    const { report } = await probe(app('username-only', { filters }), { only: ['registry-filters'] });
    const p = rf(report);
    assert.deepEqual(p.checks.map((c) => c.status), ['pass', 'fail']);
    assert.match(p.findings[0]!.message, /returned \d+ of \d+ resources that do not match it/);
    assert.deepEqual(p.findings[0]!.field, ['filters', 1, 'expression']);
  });

  test('a filter the registry already marks as failing still fails, as info', async () => {
    const filters = [{ expression: 'userName co "a"', status: 'fails' as const }];
    const { report } = await probe(app('aws-like', { filters }), { only: ['registry-filters'] });
    assert.equal(rf(report).findings[0]!.severity, 'info');
  });

  test('write-back records status and testedAt without --promote, keeping comments', async () => {
    const a = app('aws-like');
    const { report } = await probe(a, { only: ['registry-filters'] });
    const text = `{\n  // registry\n  "applications": [\n    ${JSON.stringify(a)}\n  ]\n}\n`;
    const out = writeBackReport(text, report);
    assert.deepEqual(out.problems, []);
    const written = parseRegistry(out.text).applications[0]!.app.filters!;
    assert.deepEqual(written.map((f) => f.status), ['works', 'fails', 'works', 'works', undefined]);
    assert.ok(written[0]!.testedAt && !Number.isNaN(Date.parse(written[0]!.testedAt)));
    assert.equal(written[4]!.testedAt, undefined);
    assert.ok(out.text.includes('// registry'));
  });

  test('without writes the placeholders come from an existing user, and nothing is created', async () => {
    const { report } = await probe(app('strict', { probe: { allowWrites: false } }), { only: ['registry-filters'] });
    assert.deepEqual(codesOf(report), []);
    assert.ok(!report.transcript.some((x) => x.request.method !== 'GET'));
    assert.match(rf(report).checks[0]!.message!, /sent as userName eq "[^"]+@example\.com"/);
  });

  test('skipped when the registry lists no filters', async () => {
    const { report } = await probe(app('strict', { filters: [] }), { only: ['registry-filters'] });
    assert.equal(rf(report).status, 'skipped');
  });

  test('placeholders: quoted ones are escaped inside the string, bare ones become JSON values; e-mail and dotted paths', () => {
    const user = { userName: 'a"b', emails: [{ value: 'x@example.com', type: 'work' }], name: { givenName: 'G' }, active: true };
    assert.deepEqual(fillFilter('userName eq "{{userName}}"', user), { text: 'userName eq "a\\"b"' });
    assert.deepEqual(fillFilter('userName eq {{userName}} and active eq {{active}}', user), { text: 'userName eq "a\\"b" and active eq true' });
    assert.deepEqual(fillFilter('emails.value eq "{{email}}" and name.givenName eq "{{name.givenName}}"', user), { text: 'emails.value eq "x@example.com" and name.givenName eq "G"' });
    assert.deepEqual(fillFilter('title eq "{{title}}"', user), { missing: ['title'] });
    assert.equal(placeholderValue(user, 'USERNAME'), 'a"b');
  });
});

// The lifecycle probe: the request sequence each IdP profile replays (as its vendor documents it), and where the
// application would break that IdP, each finding both ways.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RunningSandbox, type StartOptions } from '../../../src/sandbox';
import type { Application } from '../../../src/core/registry/model';
import type { ProbeReport } from '../../../src/core/probes';
import type { Exchange } from '../../../src/core/http';
import { valueAtPath } from '../../../src/core/probes/lifecycleSteps';
import { appEntry, codesOf, probe, TOKEN } from './helpers';

let sb: RunningSandbox;
const APPS: StartOptions['apps'] = [
  { id: 'strict', profile: 'strict' },
  { id: 'github-like', profile: 'github-like' },
  { id: 'minimal', profile: 'minimal' },
  { id: 'entra-compatible', profile: 'entra-compatible' },
  { id: 'caps-reject', profile: 'strict', quirks: { capitalisedPatchOps: 'reject', stringBooleans: 'coerce' } },
  { id: 'no-pathless', profile: 'strict', quirks: { pathlessPatch: 'reject' } },
  { id: 'failing', profile: 'strict', quirks: { faults: { rate: 1, kind: '503' } } },
  { id: 'no-patch-claim', profile: 'strict', quirks: { falseClaims: ['patch'] } },
  { id: 'no-match-404', profile: 'strict', quirks: { noMatchStatus: 404 } },
  { id: 'string-numbers', profile: 'strict', quirks: { pagingNumbers: 'strings' } },
  { id: 'zero-based', profile: 'strict', quirks: { startIndex: 'zeroBased' } },
  { id: 'username-only-filters', profile: 'strict', quirks: { filterAttributes: ['userName'] } },
];
before(async () => { sb = await startSandbox({ apps: APPS.map((a) => ({ ...a, users: 5, groups: 1 })), token: TOKEN, seed: 3 }); });
after(async () => { await sb.stop(); });

const app = (id: string, profile: 'rfc' | 'entra' | 'okta' = 'rfc'): Application =>
  appEntry(sb.apps.find((a) => a.id === id)!, { probe: { allowWrites: true, idpProfile: profile }, rateLimit: { backoff: { maxRetries: 0 } } });
const run = (a: Application, only: ('lifecycle' | 'deactivation')[] = ['lifecycle']) => probe(a, { only });
const lifecycle = (r: ProbeReport) => r.probes.find((p) => p.probe === 'lifecycle')!;
/** `METHOD /path?query` of the lifecycle probe's requests (not discovery's, not cleanup's), below the base URL. */
function sequence(r: ProbeReport, baseUrl: string): string[] {
  const p = lifecycle(r);
  return r.transcript.filter((x) => x.startedAt >= p.startedAt && x.startedAt <= p.finishedAt)
    .map((x) => `${x.request.method} ${decodeURIComponent(x.request.url.slice(baseUrl.length)).replace(/[0-9a-f-]{36}/g, '{id}').replace(/scimwb-probe-\w+-/g, '')}`);
}
const body = (x: Exchange | undefined): unknown => JSON.parse(x?.request.body?.text ?? 'null');

describe('lifecycle: the sequence each IdP sends', () => {
  test('rfc on strict: lookup, create, read, PATCH update, group push, deactivate, DELETE; every step works', async () => {
    const a = app('strict');
    const { report } = await run(a);
    assert.deepEqual(codesOf(report, 'lifecycle'), []);
    assert.equal(lifecycle(report).status, 'pass');
    assert.deepEqual(sequence(report, a.baseUrl).slice(0, 12), [
      'GET /Users?filter=userName eq "lifecycle-1"',
      'POST /Users',
      'GET /Users/{id}',
      'PATCH /Users/{id}',
      'GET /Users/{id}',
      'GET /Groups?filter=displayName eq "lifecycle-group-2"',
      'POST /Groups',
      'PATCH /Groups/{id}',
      'PATCH /Users/{id}',
      'GET /Users/{id}',
      'DELETE /Users/{id}',
      'GET /Users/{id}',
    ]);
  });

  test('entra: capitalised Replace, the e-mail value path, a path-less dotted replace, groups without members, "Replace" "False"', async () => {
    const a = app('entra-compatible', 'entra');
    const { report } = await run(a);
    assert.deepEqual(codesOf(report, 'lifecycle'), []);
    const x = report.transcript;
    const create = x.find((e) => e.request.method === 'POST' && e.request.url.endsWith('/Users'));
    assert.deepEqual((body(create) as { schemas: string[] }).schemas, ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    const patches = x.filter((e) => e.request.method === 'PATCH' && e.request.url.includes('/Users/')).map((e) => (body(e) as { Operations: unknown[] }).Operations[0]);
    assert.deepEqual(patches[0], { op: 'Replace', path: 'name.familyName', value: 'Updated' });
    assert.deepEqual((patches[1] as { path: string }).path, 'emails[type eq "work"].value');
    assert.deepEqual(Object.keys((patches[2] as { value: object }).value), ['name.givenName', 'displayName']);
    assert.deepEqual(patches[3], { op: 'Replace', path: 'active', value: 'False' });
    assert.ok(sequence(report, a.baseUrl).includes('GET /Groups?excludedAttributes=members&filter=displayName eq "lifecycle-group-2"'));
    assert.ok(sequence(report, a.baseUrl).includes('GET /Groups/{id}?excludedAttributes=members'));
    assert.ok(!sequence(report, a.baseUrl).some((s) => s.startsWith('DELETE')));
  });

  test('okta: lookup with startIndex=1&count=100, GET then PUT, path-less rename and deactivation, no DELETE', async () => {
    const a = app('strict', 'okta');
    const { report } = await run(a);
    assert.deepEqual(codesOf(report, 'lifecycle'), []);
    const seq = sequence(report, a.baseUrl);
    assert.equal(seq[0], 'GET /Users?filter=userName eq "lifecycle-1"&startIndex=1&count=100');
    assert.ok(seq.includes('PUT /Users/{id}'));
    const patches = report.transcript.filter((e) => e.request.method === 'PATCH').map((e) => (body(e) as { Operations: { op: string; path?: string; value: unknown }[] }).Operations[0]!);
    assert.ok(patches.some((p) => p.path === undefined && (p.value as { displayName?: string }).displayName !== undefined));
    assert.ok(patches.some((p) => p.path === undefined && JSON.stringify(p.value) === '{"active":false}'));
    assert.ok(!seq.some((s) => s.startsWith('DELETE')));
  });
});

describe('lifecycle: where the application breaks the IdP', () => {
  test('PATCH_FILTERED_PATH_REJECTED (error for Entra): github-like refuses emails[type eq "work"].value; strict does not', async () => {
    const { report } = await run(app('github-like', 'entra'));
    const f = lifecycle(report).findings.find((x) => x.code === 'PATCH_FILTERED_PATH_REJECTED');
    assert.equal(f?.severity, 'error');
    assert.ok(!codesOf((await run(app('strict', 'entra'))).report).includes('PATCH_FILTERED_PATH_REJECTED'));
  });

  test('PATCH_CAPITALISED_OP_IGNORED: minimal answers "Replace" with 200 and changes nothing; PATCH_CAPITALISED_OP_REJECTED where it is refused', async () => {
    const ignored = await run(app('minimal', 'entra'));
    assert.ok(codesOf(ignored.report).includes('PATCH_CAPITALISED_OP_IGNORED'));
    assert.match(lifecycle(ignored.report).findings.find((f) => f.code === 'PATCH_CAPITALISED_OP_IGNORED')!.message, /name\.familyName did not change/);
    const rejected = await run(app('caps-reject', 'entra'));
    assert.deepEqual(codesOf(rejected.report, 'lifecycle'), ['PATCH_CAPITALISED_OP_REJECTED']);
    assert.ok(!codesOf((await run(app('entra-compatible', 'entra'))).report).some((c) => c.startsWith('PATCH_CAPITALISED')));
  });

  test('PATCH_PATHLESS_REJECTED: an error for Okta (rename, deactivation), a warning for Entra\'s dotted keys; rfc never sends it', async () => {
    const okta = await run(app('no-pathless', 'okta'));
    const f = lifecycle(okta.report).findings.find((x) => x.code === 'PATCH_PATHLESS_REJECTED')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /group's name/);
    const entra = await run(app('no-pathless', 'entra'));
    const g = lifecycle(entra.report).findings.find((x) => x.code === 'PATCH_PATHLESS_REJECTED')!;
    assert.equal(g.severity, 'warning');
    assert.match(g.message, /dotted keys/);
    assert.deepEqual(codesOf((await run(app('no-pathless'))).report, 'lifecycle'), []);
  });

  test('LIFECYCLE_STEP_FAILED and EMPTY_FILTER_NOT_200: a server answering 503 to everything; the rest of the sequence is not attempted', async () => {
    const { report } = await run(app('failing'));
    assert.deepEqual(codesOf(report, 'lifecycle'), ['EMPTY_FILTER_NOT_200', 'LIFECYCLE_STEP_FAILED']);
    const create = lifecycle(report).checks.find((c) => c.name === 'create the user')!;
    assert.equal(create.status, 'fail');
    assert.ok(!lifecycle(report).checks.some((c) => c.name === 'read the user'));
    assert.deepEqual(report.cleanup.failed.length, 1, 'the unanswered create stays journalled for cleanup');
  });

  test('DISCOVERY_CLAIM_CONTRADICTED: ServiceProviderConfig says PATCH is unsupported, yet PATCH works; strict\'s claim holds', async () => {
    const { report } = await run(app('no-patch-claim'));
    assert.deepEqual(codesOf(report, 'lifecycle'), ['DISCOVERY_CLAIM_CONTRADICTED']);
    assert.match(lifecycle(report).findings[0]!.message, /says PATCH is not supported, but a PATCH answered 200/);
    assert.ok(!codesOf((await run(app('strict'))).report).includes('DISCOVERY_CLAIM_CONTRADICTED'));
  });

  test('EMPTY_FILTER_NOT_200: a lookup of a name that does not exist answers 404', async () => {
    const { report } = await run(app('no-match-404', 'entra'));
    assert.ok(codesOf(report, 'lifecycle').includes('EMPTY_FILTER_NOT_200'));
    assert.match(lifecycle(report).findings.find((f) => f.code === 'EMPTY_FILTER_NOT_200')!.message, /answered 404/);
  });

  test('FILTER_RESULTS_WRONG: a server that drops filters on displayName answers the group lookup with every group', async () => {
    const { report } = await run(app('username-only-filters', 'entra'));
    const f = lifecycle(report).findings.find((x) => x.code === 'FILTER_RESULTS_WRONG');
    assert.match(f?.message ?? '', /lookup of a group that does not exist returned \d+ resources/);
  });

  test('okta: PAGING_NUMBERS_NOT_INTEGERS on its lookup, START_INDEX_NOT_ONE_BASED when startIndex=1 skips the only match; rfc sees neither', async () => {
    const strings = await run(app('string-numbers', 'okta'));
    assert.deepEqual(codesOf(strings.report, 'lifecycle'), ['PAGING_NUMBERS_NOT_INTEGERS']);
    const zero = await run(app('zero-based', 'okta'));
    assert.deepEqual(codesOf(zero.report, 'lifecycle'), ['START_INDEX_NOT_ONE_BASED']);
    assert.match(lifecycle(zero.report).findings[0]!.message, /without startIndex finds it/);
    assert.deepEqual(codesOf((await run(app('zero-based'))).report, 'lifecycle'), []);
  });

  test('what the deactivation probe already reported is named, not repeated', async () => {
    const { report } = await run(app('minimal', 'entra'), ['deactivation', 'lifecycle']);
    const all = report.probes.flatMap((p) => p.findings.map((f) => `${p.probe} ${f.code}`)).filter((s) => s.includes('PATCH_'));
    assert.deepEqual(all.sort(), ['deactivation PATCH_CAPITALISED_OP_IGNORED', 'deactivation PATCH_STRING_BOOLEAN_REJECTED']);
    assert.ok(lifecycle(report).checks.some((c) => /reported as PATCH_CAPITALISED_OP_IGNORED by the deactivation probe/.test(c.message ?? '')));
  });
});

test('valueAtPath reads dotted and e-mail value paths', () => {
  const user = { name: { familyName: 'F' }, emails: [{ type: 'home', value: 'h' }, { type: 'work', value: 'w' }] };
  assert.equal(valueAtPath(user, 'name.familyName'), 'F');
  assert.equal(valueAtPath(user, 'emails[type eq "work"].value'), 'w');
  assert.equal(valueAtPath(user, 'title'), undefined);
});

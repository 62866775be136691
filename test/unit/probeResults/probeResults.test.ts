import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegistry } from '../../../src/core/registry';
import {
  addKnownIssue, addRun, buildResultTree, decideRun, driftMarks, exchangeLabel, exchangeToHttp, historyFileText, historyKey,
  knownIssueFor, observationsAt, parseHistoryFile, prepareForStorage, probeChoices, productionConfirmationText, writeConfirmationText,
} from '../../../src/core/probeResults';
import { BASE, exchange, REGISTRY, report, stored } from './fixtures';

describe('probe run history (what the editor stores)', () => {
  test('redacts secret values anywhere in the report, in their JSON-escaped form too', () => {
    const r = report();
    r.probes[0]!.findings[0]!.message = 'the server echoed s3cr"et-value in its detail';
    r.transcript[0]!.response!.body.text = '{"detail":"token s3cr\\"et-value"}';
    const { report: out } = prepareForStorage(r, [{ name: 'acme-token', value: 's3cr"et-value' }]);
    const text = JSON.stringify(out);
    assert.ok(!text.includes('s3cr'), text);
    assert.match(out.probes[0]!.findings[0]!.message, /«redacted:acme-token»/);
    assert.match(r.probes[0]!.findings[0]!.message, /s3cr"et/, 'the original report is left alone');
  });

  test('keeps the whole transcript when small, only cited exchanges when large', () => {
    assert.equal(prepareForStorage(report(), []).report.transcript.length, 3);
    const cut = prepareForStorage(report(), [], 100);
    assert.deepEqual(cut.report.transcript.map((x) => x.id), ['x1', 'x2']);
    assert.equal(cut.droppedExchanges, 1);
  });

  test('adds runs newest first, replaces a run of the same id, and keeps at most the limit', () => {
    let runs = [stored(report({ runId: 'a' }))];
    runs = addRun(runs, stored(report({ runId: 'b' })), 2);
    runs = addRun(runs, stored(report({ runId: 'c' })), 2);
    assert.deepEqual(runs.map((r) => r.report.runId), ['c', 'b']);
    runs = addRun(runs, stored(report({ runId: 'b', cancelled: true })), 2);
    assert.deepEqual(runs.map((r) => [r.report.runId, r.report.cancelled]), [['b', true], ['c', false]]);
    assert.equal(addRun(runs, stored(report({ runId: 'd' })), 0).length, 1, 'a limit below 1 still keeps the latest');
  });

  test('round-trips through the file and survives damage', () => {
    const key = historyKey('file:///ws/r.jsonc', 'acme');
    const back = parseHistoryFile(historyFileText(key, [stored()]));
    assert.equal(back.key, key);
    assert.equal(back.runs[0]?.report.runId, 'r1abcd');
    assert.deepEqual(parseHistoryFile('{oops').runs, []);
    assert.match(parseHistoryFile('{oops').problem ?? '', /not JSON/);
    assert.match(parseHistoryFile('{"version":9,"key":"k","runs":[]}').problem ?? '', /not a version 1/);
    const partly = parseHistoryFile(JSON.stringify({ version: 1, key, runs: [stored(), { appId: 1 }] }));
    assert.equal(partly.runs.length, 1);
    assert.match(partly.problem ?? '', /1 damaged run/);
  });
});

describe('the Probe Results tree', () => {
  test('application -> run -> probe -> finding -> evidence, with icons and figures', () => {
    const older = stored(report({ runId: 'r0', startedAt: '2026-01-14T09:00:00.000Z' }));
    const [app] = buildResultTree([[stored(), older]]);
    assert.ok(app);
    assert.equal(app.label, 'Acme');
    assert.equal(app.description, 'acme · warn · 2026-01-15 10:00:00');
    assert.deepEqual(app.children.map((r) => r.label), ['2026-01-15 10:00:00', '2026-01-14 09:00:00']);
    const run = app.children[0]!;
    assert.equal(run.description, '12.3 s · rfc · read-only · 2 warnings');
    assert.equal(run.contextValue, 'scimProbeRun scimProbeRunLatest');
    assert.equal(app.children[1]!.contextValue, 'scimProbeRun');
    const [pagination, deactivation] = run.children;
    assert.equal(pagination?.description, 'max 50/page · 4.0 s');
    assert.equal(pagination?.icon, 'warning');
    assert.equal(deactivation?.icon, 'debug-step-over');
    assert.equal(deactivation?.description, 'skipped: writes are not allowed');
    const [capped, drift] = pagination!.children;
    assert.equal(capped?.description, 'PAGE_SIZE_CAPPED');
    assert.equal(capped?.label, 'Asked for 100 per page, got 50.');
    assert.deepEqual(capped?.children.map((e) => e.label), ['GET /Users?startIndex=51&count=50 → 200 · 34 ms', 'GET /Users?count=100 → 200 · 12 ms']);
    assert.equal(capped?.children[0]?.ref.exchangeId, 'x1');
    assert.deepEqual(drift?.ref.field, ['pagination', 'maxPageSize']);
    assert.equal(drift?.contextValue, 'scimProbeFinding scimProbeFindingField');
  });

  test('an exchange that is not stored shows as a note; a failed one names the failure', () => {
    const r = report();
    r.transcript = [exchange('x1', '/Users', undefined, 10_000)];
    const [app] = buildResultTree([[stored(r)]]);
    const evidence = app!.children[0]!.children[0]!.children[0]!.children;
    assert.equal(evidence[0]?.label, 'GET /Users → refused · 10000 ms');
    assert.equal(evidence[1]?.kind, 'note');
    assert.equal(exchangeLabel(exchange('y', '', 404), BASE), 'GET / → 404 · 34 ms');
  });

  test('a cancelled run says so', () => {
    const [app] = buildResultTree([[stored(report({ cancelled: true }))]]);
    assert.equal(app!.icon, 'circle-slash');
    assert.match(app!.children[0]!.description, /cancelled/);
  });
});

describe('drift in the registry file', () => {
  const parsed = parseRegistry(REGISTRY);
  const latest = (id: string) => (id === 'acme' ? stored() : undefined);

  test('marks the declared value with declared, observed, run and time', () => {
    const [mark, ...rest] = driftMarks(parsed, latest);
    assert.equal(rest.length, 0);
    assert.ok(mark);
    assert.equal(REGISTRY.slice(mark.range.start, mark.range.end), '100');
    assert.equal(mark.declared, 100);
    assert.equal(mark.observed, 50);
    assert.match(mark.message, /pagination\.maxPageSize is declared 100 but the pagination probe observed 50 \(run r1abcd, 2026-01-15T10:00:05\.000Z\)/);
  });

  test('is gone once the file agrees, and absent without a run', () => {
    assert.deepEqual(driftMarks(parseRegistry(REGISTRY.replace('"maxPageSize": 100', '"maxPageSize": 50')), latest), []);
    assert.deepEqual(driftMarks(parsed, () => undefined), []);
  });

  test('honours the observation\'s tolerance', () => {
    const r = report();
    r.probes[0]!.fields = [{ field: ['pagination', 'maxPageSize'], observed: 98, tolerance: 5 }];
    assert.deepEqual(driftMarks(parsed, () => stored(r)), []);
  });

  test('hover notes: the field, or the fields under a key', () => {
    const [note] = observationsAt(parsed, ['applications', 0, 'pagination', 'maxPageSize'], latest);
    assert.equal(note?.observed, 50);
    assert.equal(note?.agrees, false);
    assert.equal(observationsAt(parsed, ['applications', 0, 'pagination'], latest).length, 1);
    assert.equal(observationsAt(parsed, ['applications', 0, 'baseUrl'], latest).length, 0);
  });
});

describe('known issues from findings', () => {
  const issue = knownIssueFor({ code: 'PAGE_SIZE_CAPPED', message: 'Asked for 100 per page, got 50.' }, '2026-01-15T10:00:00.000Z');

  test('appends to the array, keeping comments', () => {
    const r = addKnownIssue(REGISTRY, 'acme', issue);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.ok(r.text.includes('// keep me') && r.text.includes('// from the docs'));
    const app = parseRegistry(r.text).applications[0]!.app;
    assert.deepEqual(app.knownIssues?.[1], { summary: 'Asked for 100 per page, got 50.', codes: ['PAGE_SIZE_CAPPED'], since: '2026-01-15' });
  });

  test('creates the array when there is none; refuses an unknown app', () => {
    const without = REGISTRY.replace(/"knownIssues": \[[\s\S]*?\]/, '"notes": "none"');
    const r = addKnownIssue(without, 'acme', issue);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(parseRegistry(r.text).applications[0]!.app.knownIssues?.length, 1);
    assert.equal(addKnownIssue(REGISTRY, 'nope', issue).ok, false);
  });
});

describe('run decisions', () => {
  test('read-only probes preselected; writing ones offered only with allowWrites', () => {
    const closed = probeChoices({});
    assert.ok(!closed.some((c) => c.writes === 'always'));
    assert.deepEqual(closed.filter((c) => c.picked).map((c) => c.name), ['discovery', 'pagination', 'filters', 'group-mapping']);
    const open = probeChoices({ probe: { allowWrites: true } });
    assert.ok(open.some((c) => c.name === 'deactivation' && !c.picked));
  });

  test('writes need one confirmation, production two; read-only plans none', () => {
    assert.deepEqual(decideRun({ probe: { allowWrites: true } }, ['pagination']), { plan: ['discovery', 'pagination'], writes: false, confirmations: 0 });
    assert.equal(decideRun({ probe: { allowWrites: true }, environment: 'staging' }, ['deactivation']).confirmations, 1);
    assert.equal(decideRun({ probe: { allowWrites: true }, environment: 'production' }, ['deactivation']).confirmations, 2);
    assert.equal(decideRun({ environment: 'production' }, ['deactivation']).writes, false);
    assert.throws(() => decideRun({}, ['nope']), /unknown probe 'nope'/);
  });

  test('the confirmations name the application, its base URL and environment', () => {
    const app = { id: 'acme', name: 'Acme', baseUrl: BASE, environment: 'production' as const };
    const text = writeConfirmationText(app, ['discovery', 'deactivation']);
    assert.match(text, /"Acme" \(acme\) at https:\/\/api\.example\.com\/scim\/v2, environment production/);
    assert.match(text, /deactivation will create/);
    assert.match(productionConfirmationText(app), /PRODUCTION/);
  });
});

describe('an exchange as a document', () => {
  test('request and response as HTTP text, JSON pretty-printed, failures said', () => {
    const text = exchangeToHttp(exchange('x1', '/Users?count=1', 200));
    assert.match(text, /^# Exchange x1/);
    assert.match(text, /GET https:\/\/api\.example\.com\/scim\/v2\/Users\?count=1 HTTP\/1\.1\nauthorization: Bearer «redacted:acme-token»/);
    assert.match(text, /HTTP\/1\.1 200 OK\ncontent-type: application\/scim\+json\n\n\{\n {2}"totalResults": 120\n\}/);
    assert.match(exchangeToHttp(exchange('x2', '/Users', undefined)), /# No response: refused: connection refused/);
  });
});

// The errors probe against real sandboxes: read-only checks always, writing checks only with allowWrites and only
// on the probe's own users, each error finding provoked by its switch and absent on strict.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestLogEntry, RunningSandbox } from '../../../src/sandbox';
import { appEntry, codesOf, probe } from './helpers';
import { check, evidenceResolves, result, startApps } from './p1Helpers';

let sb: RunningSandbox;
const log: RequestLogEntry[] = [];
before(async () => {
  sb = await startApps([
    { id: 'strict' },
    { id: 'no-scimtype', quirks: { conflictScimType: false } },
    { id: 'case-dupes', quirks: { userNameCaseSensitive: true } },
    { id: 'sparse', quirks: { errorFormat: 'sparse', errorStatus: 'number' } },
    { id: 'text', quirks: { errorFormat: 'textPlain' } },
    { id: 'me-404', quirks: { unsupportedStatus: 404 } },
    { id: 'no-location', quirks: { createdLocation: false } },
    { id: 'not-unique', quirks: { userNameUnique: false } },
    { id: 'no-required', quirks: { requiredAttributes: 'ignored' } },
    { id: 'json-500', quirks: { invalidJsonStatus: 500 } },
    { id: 'json-200', quirks: { invalidJsonStatus: 200 } },
    { id: 'write-400', quirks: { unknownIdWriteStatus: 400 } },
    { id: 'gateway-403', quirks: { unauthorizedStatus: 403, unauthorizedBody: 'gatewayJson' } },
    { id: 'auth-empty', quirks: { unauthorizedBody: 'empty' } },
    { id: 'op-ignored', quirks: { invalidPatchOps: 'ignore' } },
  ], { users: 20, onRequest: (e) => log.push(e) });
});
after(async () => {
  await sb.stop();
});
const app = (id: string, extra = {}) => appEntry(sb.apps.find((a) => a.id === id)!, extra);
const run = (id: string, extra = {}) => probe(app(id, extra), { only: ['errors'] });

describe('errors probe', () => {
  test('strict: every check passes, and the probe removes the users it made', async () => {
    const { report, journal } = await run('strict');
    const e = result(report, 'errors');
    assert.equal(e.status, 'pass', JSON.stringify(e.findings));
    assert.ok(e.checks.length >= 14);
    assert.ok(e.checks.every((c) => c.status === 'pass'), JSON.stringify(e.checks.filter((c) => c.status !== 'pass')));
    assert.deepEqual(report.cleanup.failed, []);
    assert.deepEqual(journal.pending(), []);
    const left = await fetch(`${sb.apps[0]!.baseUrl}/Users?filter=${encodeURIComponent('userName sw "scimwb-probe-"')}`, { headers: { authorization: `Bearer ${sb.apps[0]!.token}` } });
    assert.equal(((await left.json()) as { totalResults: number }).totalResults, 0);
    // The user without userName carried the probe's name in externalId, so it is gone too.
    const noName = await fetch(`${sb.apps[0]!.baseUrl}/Users?filter=${encodeURIComponent('externalId sw "scimwb-probe-"')}`, { headers: { authorization: `Bearer ${sb.apps[0]!.token}` } });
    assert.equal(((await noName.json()) as { totalResults: number }).totalResults, 0);
  });

  test('without allowWrites: only GETs are sent, each writing check says how to allow it', async () => {
    const before = log.length;
    const { report } = await run('strict', { probe: { allowWrites: false } });
    const sent = log.slice(before).filter((x) => x.appId === 'strict');
    assert.deepEqual([...new Set(sent.map((x) => x.method))], ['GET']);
    for (const name of ['a duplicate userName is 409 uniqueness', 'PUT of an unknown id is 404', 'DELETE of an unknown id is 404', 'an unknown PATCH op is 400']) {
      const c = check(report, 'errors', name);
      assert.equal(c.status, 'skipped');
      assert.match(c.message ?? '', /allowWrites/);
    }
    assert.equal(check(report, 'errors', 'GET of an unknown id is 404').status, 'pass');
    assert.equal(check(report, 'errors', 'a wrong credential is 401').status, 'pass');
  });

  test('a 409 without scimType: ERROR_SCIMTYPE_MISSING, the inspector\'s code', async () => {
    const { report } = await run('no-scimtype');
    assert.deepEqual(codesOf(report, 'errors'), ['ERROR_SCIMTYPE_MISSING']);
    assert.equal(report.transcript.find((x) => x.id === result(report, 'errors').findings[0]!.evidence[0])?.response?.status, 409);
  });

  test('case-sensitive uniqueness: UNIQUENESS_CASE_VARIANT_ACCEPTED, and the variant is removed', async () => {
    const { report } = await run('case-dupes');
    assert.deepEqual(codesOf(report, 'errors'), ['UNIQUENESS_CASE_VARIANT_ACCEPTED']);
    assert.deepEqual(report.cleanup.failed, []);
    assert.deepEqual(evidenceResolves(report), []);
  });

  test('sparse and plain-text error bodies: ERROR_BODY_NOT_SCIM with the answers as evidence (a sparse 409 also lacks its scimType)', async () => {
    for (const [id, codes] of [['sparse', ['ERROR_BODY_NOT_SCIM', 'ERROR_SCIMTYPE_MISSING']], ['text', ['ERROR_BODY_NOT_SCIM']]] as const) {
      const { report } = await run(id);
      assert.deepEqual(codesOf(report, 'errors'), codes, id);
      const f = result(report, 'errors').findings.find((x) => x.code === 'ERROR_BODY_NOT_SCIM')!;
      assert.ok(f.evidence.length >= 3);
      for (const x of f.evidence) assert.ok((report.transcript.find((t) => t.id === x)?.response?.status ?? 0) >= 400);
    }
  });

  test('an unsupported endpoint answering 404: UNSUPPORTED_ENDPOINT_WRONG_STATUS', async () => {
    const { report } = await run('me-404');
    assert.deepEqual(codesOf(report, 'errors'), ['UNSUPPORTED_ENDPOINT_WRONG_STATUS']);
  });

  test('201 without Location: CREATE_NO_LOCATION', async () => {
    const { report } = await run('no-location');
    assert.deepEqual(codesOf(report, 'errors'), ['CREATE_NO_LOCATION']);
  });

  test('every write the probe sends names a resource of its own run or an id that does not exist', async () => {
    const before = log.length;
    const { report } = await run('strict');
    const writes = log.slice(before).filter((x) => x.appId === 'strict' && x.method !== 'GET');
    assert.ok(writes.length >= 8);
    const ours = new Set(report.transcript.filter((x) => x.request.method === 'POST' && x.response?.status === 201)
      .map((x) => (JSON.parse(x.response!.body.text) as { id: string }).id));
    const unknown = report.transcript.find((x) => x.request.line.startsWith('GET') && x.response?.status === 404 && /\/Users\/[0-9a-f-]{36} /.test(x.request.line));
    const unknownId = /\/Users\/([0-9a-f-]{36})/.exec(unknown!.request.line)![1]!;
    for (const w of writes) {
      if (w.method === 'POST') continue;
      const id = /^\/Users\/([^/?]+)/.exec(w.path)?.[1];
      assert.ok(id && (ours.has(id) || id === unknownId), `${w.method} ${w.path} touches someone else's resource`);
    }
  });

  test('duplicates created: UNIQUENESS_NOT_ENFORCED (error); the case variant is not tested again; both users removed', async () => {
    const { report } = await run('not-unique');
    assert.deepEqual(codesOf(report, 'errors'), ['UNIQUENESS_NOT_ENFORCED']);
    assert.equal(check(report, 'errors', 'a case-variant userName is 409 uniqueness').status, 'skipped');
    assert.deepEqual(report.cleanup.failed, []);
  });

  test('a user without userName created: REQUIRED_ATTRIBUTE_NOT_ENFORCED, and it is removed', async () => {
    const { report, journal } = await run('no-required');
    assert.deepEqual(codesOf(report, 'errors'), ['REQUIRED_ATTRIBUTE_NOT_ENFORCED']);
    assert.deepEqual(journal.pending(), []);
    const writes = sb.apps.find((a) => a.id === 'no-required')!.writes();
    const created = writes.find((w) => w.method === 'POST' && w.name === undefined && w.status === 201)!;
    assert.ok(writes.some((w) => w.method === 'DELETE' && w.id === created.id && w.status === 204));
  });

  test('invalid JSON answered 500 or 200: INVALID_JSON_WRONG_STATUS', async () => {
    for (const id of ['json-500', 'json-200']) {
      const { report } = await run(id);
      assert.deepEqual(codesOf(report, 'errors'), ['INVALID_JSON_WRONG_STATUS'], id);
      assert.deepEqual(report.cleanup.failed, [], id);
    }
  });

  test('writes to an unknown id answered 400: NOT_FOUND_WRONG_STATUS with PUT, PATCH and DELETE as evidence', async () => {
    const { report } = await run('write-400');
    assert.deepEqual(codesOf(report, 'errors'), ['NOT_FOUND_WRONG_STATUS']);
    const f = result(report, 'errors').findings[0]!;
    const methods = f.evidence.map((id) => report.transcript.find((x) => x.id === id)!.request.method);
    assert.deepEqual(methods, ['PUT', 'PATCH', 'DELETE']);
  });

  test('a gateway answering bad credentials with 403 and its own JSON: UNAUTHORIZED_WRONG_STATUS and ERROR_BODY_NOT_SCIM', async () => {
    const { report } = await run('gateway-403');
    assert.deepEqual(codesOf(report, 'errors'), ['ERROR_BODY_NOT_SCIM', 'UNAUTHORIZED_WRONG_STATUS']);
    const empty = await run('auth-empty');
    assert.deepEqual(codesOf(empty.report, 'errors'), ['ERROR_BODY_NOT_SCIM']);
  });

  test('an unknown PATCH op answered 200: PATCH_INVALID_OP_ACCEPTED', async () => {
    const { report } = await run('op-ignored');
    assert.deepEqual(codesOf(report, 'errors'), ['PATCH_INVALID_OP_ACCEPTED']);
  });
});

// Two findings no sandbox switch provokes, shown against a small scripted SCIM server on 127.0.0.1 (the fault
// server harness): a page past the end that returns the last page again (PAGE_PAST_END_NOT_EMPTY) and a duplicate
// userName refused with 400 invalidValue instead of 409 (UNIQUENESS_WRONG_STATUS). The sandbox's strict preset,
// which does neither, is the other way round in presets.p1.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startFaultServer, type FaultServer, type RecordedRequest, type Reply } from '../../harness/faultServer';
import type { Application } from '../../../src/core/registry/model';
import { codesOf, probe, TOKEN } from './helpers';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

let server: FaultServer;
const users: { id: string; userName: string }[] = Array.from({ length: 30 }, (_x, i) => ({ id: randomUUID(), userName: `user${i + 1}@example.com` }));

function error(reply: Reply, status: number, detail: string, scimType?: string): void {
  reply.json(status, { schemas: [ERROR], status: String(status), detail, ...(scimType ? { scimType } : {}) });
}

/** GET lists users (a startIndex past the end clamps to the last page); POST refuses duplicates with 400. */
function usersRoute(req: RecordedRequest, reply: Reply): void {
  if (req.headers['authorization'] !== `Bearer ${TOKEN}`) return error(reply, 401, 'bad token');
  if (req.method === 'POST') {
    let body: { userName?: unknown };
    try {
      body = JSON.parse(req.body) as { userName?: unknown };
    } catch {
      return error(reply, 400, 'not JSON', 'invalidSyntax');
    }
    if (typeof body.userName !== 'string') return error(reply, 400, 'userName is required', 'invalidValue');
    const name = body.userName;
    if (users.some((u) => u.userName.toLowerCase() === name.toLowerCase())) return error(reply, 400, `userName ${name} already exists`, 'invalidValue');
    const user = { id: randomUUID(), userName: name };
    users.push(user);
    return reply.json(201, { schemas: [USER], ...user }, { Location: `${server.origin}/scim/Users/${user.id}` });
  }
  const q = new URLSearchParams(req.target.split('?')[1] ?? '');
  const count = Math.max(0, Number(q.get('count') ?? 100));
  let start = Math.max(1, Number(q.get('startIndex') ?? 1));
  if (start > users.length) start = Math.max(1, users.length - count + 1);
  const page = users.slice(start - 1, start - 1 + count);
  reply.json(200, { schemas: [LIST], totalResults: users.length, itemsPerPage: page.length, startIndex: start, Resources: page.map((u) => ({ schemas: [USER], ...u, active: true })) });
}

/** The same users, but the single-request checks (count=0, startIndex=0, a page past the end) always meet a 429
 * without Retry-After, as a rate limit shared with other clients can make them do. */
function limitedUsersRoute(req: RecordedRequest, reply: Reply): void {
  const q = new URLSearchParams(req.target.split('?')[1] ?? '');
  if (q.get('count') === '0' || q.get('startIndex') === '0' || Number(q.get('startIndex') ?? 1) > users.length) return error(reply, 429, 'Too many requests');
  usersRoute(req, reply);
}

before(async () => {
  server = await startFaultServer();
  server.route('/scim/Users', usersRoute);
  server.route('/limited/Users', limitedUsersRoute);
  server.route('/limited/Me', (_req, reply) => error(reply, 501, 'not implemented'));
  server.route('/scim/Me', (_req, reply) => error(reply, 501, 'not implemented'));
});
after(async () => {
  await server.close();
});

const app = (): Application => ({
  id: 'scripted', baseUrl: `${server.origin}/scim`, auth: { type: 'bearer', secret: 'probe-token' }, probe: { allowWrites: true },
});

describe('findings no sandbox switch provokes', () => {
  test('a check whose request stays rate limited is inconclusive, not a finding about paging', async () => {
    const limited: Application = { ...app(), id: 'limited', baseUrl: `${server.origin}/limited`, rateLimit: { backoff: { initialMs: 10, maxMs: 40 } } };
    const { report } = await probe(limited, { only: ['pagination'] });
    assert.deepEqual(codesOf(report, 'pagination'), ['RATE_LIMITED', 'RETRY_AFTER_MISSING']);
    const checks = report.probes.find((p) => p.probe === 'pagination')!.checks;
    for (const name of ['count=0 returns only totalResults', 'startIndex is 1-based', 'a page past the end is empty']) {
      const c = checks.find((x) => x.name === name);
      assert.equal(c?.status, 'skipped', `${name}: ${JSON.stringify(c)}`);
      assert.match(c?.message ?? '', /inconclusive: answered 429 \(rate limited\) after retries/);
    }
  });

  test('a page past the end that returns the last page again: PAGE_PAST_END_NOT_EMPTY, and nothing else', async () => {
    const { report } = await probe(app(), { only: ['pagination'] });
    assert.deepEqual(codesOf(report, 'pagination'), ['PAGE_PAST_END_NOT_EMPTY']);
    const f = report.probes.find((p) => p.probe === 'pagination')!.findings[0]!;
    assert.match(report.transcript.find((x) => x.id === f.evidence[0])!.request.line, /startIndex=131&count=100/);
  });

  test('a duplicate refused with 400 invalidValue: UNIQUENESS_WRONG_STATUS (an error for Okta, which expects 409)', async () => {
    const { report } = await probe(app(), { only: ['errors'] });
    assert.deepEqual(codesOf(report, 'errors'), ['UNIQUENESS_WRONG_STATUS']);
    assert.equal(report.probes.find((p) => p.probe === 'errors')!.findings[0]!.severity, 'warning');
    const okta = await probe({ ...app(), probe: { allowWrites: true, idpProfile: 'okta' } }, { only: ['errors'] });
    assert.equal(okta.report.probes.find((p) => p.probe === 'errors')!.findings.find((f) => f.code === 'UNIQUENESS_WRONG_STATUS')?.severity, 'error');
  });
});

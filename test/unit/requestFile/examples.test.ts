// The example request files (examples/workspace/requests): no findings against the example registry, and, resolved
// request by request with each response fed to the next, they do against the sandbox what their comments promise.
// The requests are sent with fetch by this test only; the product sends through the HTTP engine.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRequestFile, appDirectiveFor, parseRequestFile, resolveRequest, type ResponseSnapshot } from '../../../src/core/requestFile';
import { parseRegistry } from '../../../src/core/registry';
import type { RunningSandbox } from '../../../src/sandbox';
import { appOf, start } from '../sandbox/helpers';

const dir = join(import.meta.dirname, '../../../examples/workspace/requests');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const registry = parseRegistry(readFileSync(join(dir, '../scim-registry.jsonc'), 'utf8'));

describe('example request files', () => {
  let sandbox: RunningSandbox;
  before(async () => { sandbox = await start([{ id: 'strict', profile: 'strict', users: 20 }, { id: 'aws-like', profile: 'aws-like', users: 20 }]); });
  after(async () => { await sandbox.stop(); });

  /** Sends every request of a file in order, as "Send all" will, and returns the statuses. */
  async function sendAll(name: string): Promise<number[]> {
    const file = parseRequestFile(read(name));
    const statuses: number[] = [];
    let lastResponse: ResponseSnapshot | undefined;
    const memo = new Map<string, string>();
    for (const request of file.requests) {
      const app = appOf(sandbox, appDirectiveFor(file, request)?.id ?? 'strict');
      const r = await resolveRequest(file, request, { app: { id: app.id, baseUrl: app.baseUrl }, memo, ...(lastResponse ? { lastResponse } : {}) });
      assert.ok(r.ok, `${name} #${request.index + 1}: ${JSON.stringify(r)}`);
      // As the engine will: the registry's auth, and the SCIM media type unless the file sets another.
      const headers = new Headers(r.request.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/scim+json');
      headers.set('authorization', `Bearer ${app.token}`);
      const res = await fetch(r.request.url, {
        method: r.request.method,
        headers,
        ...(r.request.body !== undefined ? { body: r.request.body } : {}),
      });
      const text = await res.text();
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, key) => { responseHeaders[key] = value; });
      lastResponse = { status: res.status, headers: responseHeaders, bodyText: text };
      if (text) lastResponse.body = JSON.parse(text);
      statuses.push(res.status);
    }
    return statuses;
  }

  test('there are examples, and none has a finding against the example registry', () => {
    const names = readdirSync(dir).filter((f) => f.endsWith('.scim'));
    assert.ok(names.length >= 4, names.join(', '));
    const apps = registry.applications.map((a) => ({ id: a.app.id }));
    for (const name of names) assert.deepEqual(analyzeRequestFile(parseRequestFile(read(name)), { apps }), [], name);
  });

  test('list-users: every request succeeds', async () => {
    assert.deepEqual(await sendAll('list-users.scim'), [200, 200, 200, 200]);
  });

  test('create-then-patch: create, PATCH what was created (id and version from the 201), read, delete', async () => {
    assert.deepEqual(await sendAll('create-then-patch.scim'), [201, 200, 200, 204]);
  });

  test('duplicate-user: the second request gets 409 uniqueness', async () => {
    assert.deepEqual(await sendAll('duplicate-user.scim'), [200, 409]);
  });

  test('aws-filter-rejected: co is rejected by aws-like only', async () => {
    assert.deepEqual(await sendAll('aws-filter-rejected.scim'), [400, 200, 200]);
  });
});

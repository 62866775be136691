// `scim-workbench sandbox` in-process: prints base URLs and tokens, serves, stops when the signal aborts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../../harness/waitFor';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { presetNames } from '../../../src/sandbox';
import type { CliIO } from '../../../src/cli/command';

function io(cwd = process.cwd()): CliIO & { out: () => string; err: () => string; controller: AbortController } {
  let out = '';
  let err = '';
  const controller = new AbortController();
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    env: {},
    signal: controller.signal,
    out: () => out,
    err: () => err,
    controller,
  };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  await waitFor(what, predicate);
}

describe('scim-workbench sandbox', () => {
  test('--profile serves one app: base URL on its own line, the given token works, Ctrl-C stops it', async () => {
    const t = io();
    const running = main(['sandbox', '--profile', 'aws-like', '--users', '60', '--token', 'cli-token'], t);
    await until(() => t.out().includes('Press Ctrl-C'), 'the banner');
    const lines = t.out().split('\n');
    const base = lines.find((l) => /^http:\/\/127\.0\.0\.1:\d+\/apps\/aws-like\/scim\/v2$/.test(l));
    assert.ok(base, t.out());
    assert.match(t.out(), /bearer token: cli-token/);
    const r = await fetch(`${base}/Users?count=100`, { headers: { authorization: 'Bearer cli-token' } });
    assert.equal(((await r.json()) as { Resources: unknown[] }).Resources.length, 50);
    t.controller.abort();
    assert.equal(await running, 0);
    assert.match(t.out(), /stopped/);
    await assert.rejects(fetch(`${base}/Users`));
  });

  test('without options: one app per preset and a random token', async () => {
    const t = io();
    const running = main(['sandbox', '--users', '5'], t);
    await until(() => t.out().includes('Press Ctrl-C'), 'the banner');
    const bases = t.out().split('\n').filter((l) => /^http:\/\/127\.0\.0\.1:\d+\/apps\/[\w-]+\/scim\/v2$/.test(l));
    assert.equal(bases.length, presetNames.length);
    const token = /bearer token: (\S+)/.exec(t.out())?.[1] ?? '';
    assert.ok(token.length >= 20);
    t.controller.abort();
    assert.equal(await running, 0);
  });

  test('--config with errors prints file:line:col findings and exits 1; bad options exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    writeFileSync(join(dir, 'bad.scim-sandbox.jsonc'), '{\n  "apps": [ { "id": "a", "profile": "strct" } ]\n}\n');
    const t = io(dir);
    assert.equal(await main(['sandbox', '--config', 'bad.scim-sandbox.jsonc'], t), 1);
    assert.match(t.err(), /bad\.scim-sandbox\.jsonc:2:37: error SANDBOX_UNKNOWN_PROFILE: .*did you mean 'strict'/);
    const u = io(dir);
    assert.equal(await main(['sandbox', '--profile', 'nope'], u), 2);
    assert.equal(await main(['sandbox', '--port', 'x'], u), 2);
    assert.equal(await main(['sandbox', '--config', 'a', '--profile', 'strict'], u), 2);
    assert.equal(await main(['sandbox', '--config', 'missing.jsonc'], u), 1);
  });

  test('--config serves the file\'s apps with their own tokens', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    writeFileSync(join(dir, 'two.scim-sandbox.jsonc'), '{ "token": "shared", "apps": [ { "id": "one", "users": 3 }, { "id": "two", "profile": "minimal", "token": "own", "users": 3 } ] }');
    const t = io(dir);
    const running = main(['sandbox', '--config', 'two.scim-sandbox.jsonc'], t);
    await until(() => t.out().includes('Press Ctrl-C'), 'the banner');
    const base = (id: string) => t.out().split('\n').find((l) => l.endsWith(`/apps/${id}/scim/v2`)) ?? '';
    assert.equal((await fetch(`${base('one')}/Users`, { headers: { authorization: 'Bearer shared' } })).status, 200);
    assert.equal((await fetch(`${base('two')}/Users`, { headers: { authorization: 'Bearer own' } })).status, 200);
    assert.equal((await fetch(`${base('two')}/Users`, { headers: { authorization: 'Bearer shared' } })).status, 401);
    t.controller.abort();
    assert.equal(await running, 0);
  });

  test('--config with Basic and API-key apps prints each scheme, its registry auth block and the variable for its secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    writeFileSync(join(dir, 'auth.scim-sandbox.jsonc'), JSON.stringify({ token: 'shared-cli', apps: [
      { id: 'hr', users: 2, auth: { type: 'basic', username: 'hr-bot', password: 'hr-pass' } },
      { id: 'crm', users: 2, auth: { type: 'apiKey' } },
      { id: 'plain', users: 2 },
    ] }));
    const t = io(dir);
    const running = main(['sandbox', '--config', 'auth.scim-sandbox.jsonc'], t);
    await until(() => t.out().includes('Press Ctrl-C'), 'the banner');
    const block = (id: string): string => t.out().split('\n\n').find((b) => b.startsWith(`${id} (`)) ?? '';
    assert.match(block('hr'), /\n {2}HTTP Basic: username hr-bot, password hr-pass\n {2}registry: "auth": \{ "type": "basic", "username": "hr-bot", "secret": "sandbox-hr-password" \} \(set SCIM_SECRET_SANDBOX_HR_PASSWORD to the Basic password\)$/);
    assert.match(block('crm'), /\n {2}API key: header X-API-Key, key shared-cli\n {2}registry: "auth": \{ "type": "apiKey", "header": "X-API-Key", "secret": "sandbox-token" \} \(set SCIM_SECRET_SANDBOX_TOKEN to the API key\)$/);
    assert.match(block('plain'), /bearer token: shared-cli\n {2}OAuth token URL: .*\n {2}registry: "auth": \{ "type": "bearer", "secret": "sandbox-token" \}/);
    assert.ok(!block('hr').includes('OAuth'), 'no token endpoint offered to a Basic app');
    const base = (id: string): string => block(id).split('\n')[1] ?? '';
    assert.equal((await fetch(`${base('hr')}/Users`, { headers: { authorization: `Basic ${Buffer.from('hr-bot:hr-pass').toString('base64')}` } })).status, 200);
    assert.equal((await fetch(`${base('crm')}/Users`, { headers: { 'x-api-key': 'shared-cli' } })).status, 200);
    assert.equal((await fetch(`${base('crm')}/Users`, { headers: { authorization: 'Bearer shared-cli' } })).status, 401);
    t.controller.abort();
    assert.equal(await running, 0);
  });

  test('--write-log FILE appends every write (Bulk operations too) as JSON lines with the app id; a bad path exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    writeFileSync(join(dir, 'writes.jsonl'), '{"earlier":"line"}\n');
    const t = io(dir);
    const running = main(['sandbox', '--profile', 'strict', '--users', '3', '--token', 'wl-token', '--write-log', 'writes.jsonl'], t);
    await until(() => t.out().includes('Press Ctrl-C'), 'the banner');
    assert.match(t.out(), /Every write is appended to writes\.jsonl/);
    const base = t.out().split('\n').find((l) => l.endsWith('/apps/strict/scim/v2')) ?? '';
    const headers = { authorization: 'Bearer wl-token', 'content-type': 'application/scim+json' };
    const user = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scimwb-probe-cli' };
    const created = (await (await fetch(`${base}/Users`, { method: 'POST', headers, body: JSON.stringify(user) })).json()) as { id: string };
    await fetch(`${base}/Bulk`, { method: 'POST', headers, body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'DELETE', path: `/Users/${created.id}` }],
    }) });
    t.controller.abort();
    assert.equal(await running, 0);
    const lines = readFileSync(join(dir, 'writes.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines[0], { earlier: 'line' });
    assert.deepEqual(lines.slice(1).map((l) => [l['app'], l['method'], l['status'], l['name'], l['bulk']]), [
      ['strict', 'POST', 201, 'scimwb-probe-cli', undefined],
      ['strict', 'DELETE', 204, 'scimwb-probe-cli', {}],
    ]);
    assert.ok(!readFileSync(join(dir, 'writes.jsonl'), 'utf8').includes('wl-token'));
    const u = io(dir);
    assert.equal(await main(['sandbox', '--profile', 'strict', '--write-log', join(dir, 'no', 'such', 'dir', 'w.jsonl')], u), 1);
    assert.match(u.err(), /cannot write the write log/);
  });
});

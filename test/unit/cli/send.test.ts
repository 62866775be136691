// `scim-workbench send` against an in-test sandbox, using the example registry with its base URLs pointed at
// it: list, create, a duplicate explained, a 429 from slack-like waited out, configuration errors (exit 2),
// a transport failure (exit 1), the standby secret, and no secret anywhere in the output or the transcript.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';
import { assertNoLeak } from '../http/helpers';

const TOKEN = 'Sandbox-CLI-Token-7f3e9a1b2c';
const root = join(__dirname, '..', '..', '..');
let sandbox: RunningSandbox;
// The sandbox's clock, frozen while a test needs its rate-limit bucket to stay empty.
let frozenAt: number | undefined;
let skewMs = 0;
let dir: string;
let registry: string;
before(async () => {
  sandbox = await startSandbox({ token: TOKEN, now: () => frozenAt ?? Date.now() + skewMs, apps: ['strict', 'entra-compatible', 'slack-like'].map((p) => ({ id: p, profile: p, users: 5 })) });
  dir = mkdtempSync(join(tmpdir(), 'scimwb-send-'));
  registry = join(dir, 'scim-registry.jsonc');
  const example = readFileSync(join(root, 'examples', 'workspace', 'scim-registry.jsonc'), 'utf8');
  writeFileSync(registry, example.replaceAll('http://127.0.0.1:4780', sandbox.url).replace('"../../schemas/', '"./'));
});
after(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

const env = { SCIM_SECRET_SANDBOX_TOKEN: TOKEN };
async function send(args: string[], extraEnv: Record<string, string> = {}, onStderr?: (text: string) => void): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir, { ...env, ...extraEnv });
  if (onStderr) {
    const write = io.stderr.bind(io);
    io.stderr = (t: string) => {
      write(t);
      onStderr(t);
    };
  }
  const code = await main(['send', registry, ...args], io);
  assertNoLeak('CLI output', io.out + io.err, [TOKEN]);
  return { code, out: io.out, err: io.err };
}

const newUser = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'cli.user@example.com', active: true });

test('lists users (exit 0), with the status line, headers and the pretty body', async () => {
  const r = await send(['--app', 'strict', 'GET', '/Users', '--query', 'count=2', '--query', 'filter=userName pr']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^GET \/apps\/strict\/scim\/v2\/Users\?count=2&filter=userName%20pr HTTP\/1\.1\nHTTP 200 OK · \d+ ms\n/);
  assert.match(r.out, /content-type: application\/scim\+json/);
  assert.match(r.out, /"itemsPerPage": 2/);
});

test('creates a user (201), then explains the duplicate (409, exit 1) with the registry entry that matches', async () => {
  const created = await send(['--app', 'strict', 'POST', '/Users', '--data', newUser]);
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /HTTP 201 Created/);
  const dataFile = join(dir, 'user.json');
  writeFileSync(dataFile, newUser);
  const dup = await send(['--app', 'strict', 'POST', '/Users', '--data', `@${dataFile}`]);
  assert.equal(dup.code, 1);
  assert.match(dup.out, /HTTP 409/);
  assert.match(dup.out, /Explanation: 409 · uniqueness · scimType uniqueness · scim-error/);
  assert.match(dup.out, /registry .*errors\[0\]: userName already exists/);
  const asJson = await send(['--app', 'strict', 'POST', '/Users', '--data', newUser, '--json', '--transcript', 'dup.json']);
  const parsed = JSON.parse(asJson.out) as { exchange: { response: { status: number }; request: { headers: Record<string, string> } }; explanation: { category: string; registryMatches: unknown[] } };
  assert.equal(parsed.exchange.response.status, 409);
  assert.equal(parsed.explanation.category, 'uniqueness');
  assert.equal(parsed.exchange.request.headers['authorization'], 'Bearer «redacted:sandbox-token»');
  const transcript = readFileSync(join(dir, 'dup.json'), 'utf8');
  assertNoLeak('transcript', transcript, [TOKEN]);
  assert.equal((JSON.parse(transcript) as { response: { status: number } }).response.status, 409);
});

test('a 429 from slack-like is waited out per Retry-After', async () => {
  const slack = sandbox.apps.find((a) => a.id === 'slack-like');
  assert.ok(slack);
  // Spend the sandbox's burst with its clock stopped, so the CLI's request meets the limit; the clock runs again
  // once the CLI announces its wait, so the retry finds a token.
  frozenAt = Date.now();
  await Promise.all(Array.from({ length: 25 }, () => fetch(`${slack.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.arrayBuffer())));
  const started = Date.now();
  const r = await send(['--app', 'slack-like', 'GET', '/Users?count=1'], {}, (text) => {
    if (frozenAt !== undefined && text.includes('Retry-After')) {
      skewMs = frozenAt - Date.now() + 1000;
      frozenAt = undefined;
    }
  });
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.err, /429 with Retry-After \d+ s; attempt 2 in \d+\.\d s/);
  assert.match(r.out, /HTTP 200 OK · \d+ ms · 1 retry \(waited \d+\.\d s\)/);
  assert.ok(Date.now() - started >= 900);
});

test('the standby secret is sent with --secondary (and a refused one is explained)', async () => {
  const r = await send(['--app', 'entra-compatible', 'GET', '/Users?count=1', '--secondary'], { SCIM_SECRET_SANDBOX_TOKEN_NEXT: 'Not-The-Right-Token-123456' });
  assert.equal(r.code, 1);
  assert.match(r.out, /HTTP 401/);
  assert.match(r.out, /Explanation: 401 · unauthorized/);
  assertNoLeak('secondary output', r.out + r.err, ['Not-The-Right-Token-123456']);
});

test('configuration and usage errors exit 2 and say what to do', async () => {
  const missing = await send(['--app', 'strict', 'GET', '/Users'], { SCIM_SECRET_SANDBOX_TOKEN: '' });
  assert.equal(missing.code, 2);
  assert.match(missing.err, /SCIM_SECRET_SANDBOX_TOKEN/);
  const unknown = await send(['--app', 'nope', 'GET', '/Users']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown application 'nope'.*strict/);
  assert.equal((await send(['--app', 'strict', 'FETCH', '/Users'])).code, 2);
  assert.equal((await send(['--app', 'strict', 'POST', '/Users', '--data', '{not json'])).code, 2);
  assert.equal((await send(['--app', 'strict', 'GET', '/Users', '--header', 'no colon'])).code, 2);
  const otherOrigin = await send(['--app', 'strict', 'GET', 'https://elsewhere.example/scim/v2/Users']);
  assert.equal(otherOrigin.code, 2);
  assert.match(otherOrigin.err, /not the application's origin/);
});

test('a transport failure exits 1 and says which', async () => {
  const closed = join(dir, 'closed.scim-registry.jsonc');
  writeFileSync(closed, JSON.stringify({ applications: [{ id: 'down', baseUrl: 'http://127.0.0.1:1/scim/v2', auth: { type: 'none' }, rateLimit: { backoff: { maxRetries: 0 } } }] }));
  const io = captureIO(dir, {});
  const code = await main(['send', closed, '--app', 'down', 'GET', '/Users'], io);
  assert.equal(code, 1);
  assert.match(io.out, /No response \(refused\)/);
});

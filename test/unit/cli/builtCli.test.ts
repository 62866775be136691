// The built CLI (dist/cli.js, a launcher of ES module chunks in dist/cli/): `send` through it reaches the sandbox,
// directly and through HTTPS_PROXY (the proxy agent is a lazily loaded chunk of its own), and prints no secret.
// The in-process tests of send.test.ts cover the behaviour; this checks the bundle the users run.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { startConnectProxy } from '../../harness/faultServer';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const TOKEN = 'Built-CLI-Token-58d1c0ffee';
let sandbox: RunningSandbox;
let dir: string;
let registry: string;

before(async () => {
  assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build)');
  sandbox = await startSandbox({ token: TOKEN, apps: [{ id: 'built', profile: 'strict', users: 3 }] });
  dir = mkdtempSync(join(tmpdir(), 'scimwb-built-cli-'));
  registry = join(dir, 'scim-registry.jsonc');
  writeFileSync(registry, JSON.stringify({ applications: [{ id: 'built', baseUrl: sandbox.apps[0]?.baseUrl, auth: { type: 'bearer', secret: 'BUILT_TOKEN' } }] }));
});
after(async () => {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built CLI without blocking this process (the sandbox answers from it). */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: 60_000 }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, out, err });
    });
  });
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, SCIM_SECRET_BUILT_TOKEN: TOKEN };
  for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) delete env[k];
  return env;
};

test('the launcher loads its chunks: dist/cli/ holds the entry and the send chunk', () => {
  assert.ok(existsSync(join(root, 'dist', 'cli', 'index.mjs')));
  assert.ok(readdirSync(join(root, 'dist', 'cli', 'chunks')).some((f) => /^send-.*\.mjs$/.test(f)));
});

test('send through the built CLI: 200 from the sandbox, exit 0, no secret printed', async () => {
  const r = await runCli(['send', registry, '--app', 'built', 'GET', '/Users', '--query', 'count=1'], baseEnv());
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /HTTP 200/);
  assert.match(r.out, /"totalResults": 3/);
  assert.ok(!(r.out + r.err).includes(TOKEN), 'the token is not printed');
});

test('send through the built CLI honours HTTPS_PROXY (the proxy chunk loads on demand)', async () => {
  const proxy = await startConnectProxy();
  try {
    const r = await runCli(['send', registry, '--app', 'built', 'GET', '/ServiceProviderConfig'], { ...baseEnv(), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /HTTP 200/);
    const port = new URL(sandbox.url).port;
    assert.deepEqual(proxy.tunnels, [`127.0.0.1:${port}`], 'the request went through the proxy');
  } finally {
    await proxy.close();
  }
});

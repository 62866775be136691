// `npm run package` builds a .vsix that VS Code 1.100's own installer accepts, and that carries no sources,
// tests or dev dependencies.
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runtimeDir, serverMain, assertRuntime, waitFor } from '../harness/codeServer';

test('npm run package makes a small .vsix that server-main.js --install-extension installs', () => {
  assertRuntime();
  const pkg = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(pkg.status, 0, pkg.stdout + pkg.stderr);
  const vsix = join(repoRoot, 'dist/scim-workbench.vsix');
  assert.ok(existsSync(vsix));
  assert.ok(statSync(vsix).size < 5_000_000, `vsix is ${statSync(vsix).size} bytes`);

  const list = spawnSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  if (list.status === 0) {
    const files = list.stdout.split('\n').filter(Boolean);
    assert.ok(files.includes('extension/dist/extension.js'));
    assert.ok(files.includes('extension/dist/cli.js'));
    assert.ok(files.includes('extension/dist/cli/index.mjs'), 'the CLI launcher\'s chunks are packaged');
    for (const f of files) {
      assert.ok(!/^extension\/(src|test|node_modules|bench|scripts|\.test-runtime)\//.test(f), `unexpected ${f} in the vsix`);
      assert.ok(!f.endsWith('.ts') && !f.endsWith('.map'), `unexpected ${f} in the vsix`);
    }
  }

  const dir = mkdtempSync(join(runtimeDir, 'install-'));
  try {
    const inst = spawnSync(process.execPath, [serverMain, '--install-extension', vsix, '--extensions-dir', join(dir, 'ext'),
      '--user-data-dir', join(dir, 'user'), '--server-data-dir', join(dir, 'server'), '--accept-server-license-terms'],
    { encoding: 'utf8', env: { ...process.env, TMPDIR: join(runtimeDir, 'tmp') } });
    assert.equal(inst.status, 0, inst.stdout + inst.stderr);
    assert.match(inst.stdout + inst.stderr, /successfully installed/i);
    const installed = readdirSync(join(dir, 'ext')).filter((d) => d.startsWith('scim-workbench.scim-workbench-'));
    assert.equal(installed.length, 1, `installed: ${readdirSync(join(dir, 'ext')).join(', ')}`);
    assert.ok(existsSync(join(dir, 'ext', installed[0] ?? '', 'dist/extension.js')));
    // The installed CLI finds its chunks (a command chunk is loaded on demand).
    const filter = spawnSync(process.execPath, [join(dir, 'ext', installed[0] ?? '', 'dist/cli.js'), 'filter', 'userName eq "bjensen"'], { encoding: 'utf8' });
    assert.equal(filter.status, 0, filter.stdout + filter.stderr);
    assert.match(filter.stdout, /userName eq "bjensen"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the production (minified) CLI bundle serves the sandbox', async () => {
  // Minification once broke scimmy, which names resources after their classes; the .vsix ships these bundles.
  const pkg = spawnSync('node', ['scripts/build.mjs', '--production'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(pkg.status, 0, pkg.stderr);
  const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), 'sandbox', '--profile', 'strict', '--port', '0', '--token', 'prod-bundle-check'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  try {
    const base = await waitFor('the sandbox base URL', () => /^(http:\/\/127\.0\.0\.1:\d+\/apps\/strict\/scim\/v2)$/m.exec(out)?.[1], 30_000)
      .catch((err: unknown) => { throw new Error(`${String(err)}\n${out}`); });
    const res = await fetch(`${base}/Users?count=1`, { headers: { authorization: 'Bearer prod-bundle-check' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { totalResults: number };
    assert.ok(body.totalResults > 0);
  } finally {
    child.kill('SIGTERM');
    await waitFor('the sandbox to stop', () => (child.exitCode !== null || child.signalCode !== null ? true : undefined), 10_000);
    // Leave development bundles (with source maps) for the tests that follow.
    spawnSync('node', ['scripts/build.mjs'], { cwd: repoRoot });
  }
});

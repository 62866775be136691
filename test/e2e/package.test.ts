// `npm run package` builds a .vsix that VS Code 1.100's own installer accepts, and that carries no sources,
// tests or dev dependencies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runtimeDir, serverMain, assertRuntime } from '../harness/codeServer';

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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

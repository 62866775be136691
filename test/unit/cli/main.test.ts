import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';

const root = join(__dirname, '..', '..', '..');

describe('scim-workbench CLI dispatch', () => {
  test('--help lists usage and commands, exit 0', async () => {
    const io = captureIO();
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.out, /Usage: scim-workbench <command>/);
    assert.match(io.out, /--version/);
  });

  test('no arguments prints help and exits 2 (usage)', async () => {
    const io = captureIO();
    assert.equal(await main([], io), 2);
    assert.match(io.out, /Usage:/);
  });

  test('unknown command is a usage error naming it', async () => {
    const io = captureIO();
    assert.equal(await main(['frobnicate'], io), 2);
    assert.match(io.err, /unknown command 'frobnicate'/);
  });

  test('the bundled dist/cli.js prints the package version and has a shebang', () => {
    const cli = join(root, 'dist/cli.js');
    assert.ok(existsSync(cli), 'dist/cli.js is built (npm run build)');
    assert.ok(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node'));
    const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
    const help = spawnSync(cli, ['--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /scim-workbench/);
  });
});

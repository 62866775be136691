#!/usr/bin/env node
// Installs the runtime the VS Code test layers need, idempotently, into .test-runtime/ (git-ignored):
// Debian's Chromium (driven by playwright-core) and code-server's bundled VS Code server (RUNTIME.md).
// Fails loudly when installation is impossible: the VS Code layers are never skipped silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const runtimeDir = join(root, '.test-runtime');
export const codeServerVersion = '4.100.3';
const csPrefix = join(runtimeDir, 'code-server');
export const serverMain = join(csPrefix, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const marker = join(csPrefix, `installed-${codeServerVersion}`);
export const chromiumPath = process.env.SCIMWB_CHROMIUM ?? '/usr/bin/chromium';

function log(msg) { process.stderr.write(`[test-runtime] ${msg}\n`); }

function fail(msg) {
  process.stderr.write(`\n[test-runtime] CANNOT INSTALL THE VS CODE TEST RUNTIME: ${msg}\n` +
    '[test-runtime] The extension-host and UI test layers need it; they are not skipped.\n\n');
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.error) fail(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const have = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;

function aptInstall(needed) {
  if (needed.length === 0) return;
  if (!isRoot() || !have('apt-get')) {
    fail(`missing Debian packages ${needed.join(', ')} and no root apt-get to install them ` +
      `(install them, or point SCIMWB_CHROMIUM at a Chromium binary)`);
  }
  log(`installing Debian packages: ${needed.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...needed], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function ensureBuildPackages() {
  // code-server's native modules (kerberos, argon2 fallback) build from source; ripgrep replaces a download.
  const needed = [];
  if (!have('rg')) needed.push('ripgrep');
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) needed.push('libkrb5-dev');
  if (!have('pkg-config')) needed.push('pkg-config');
  if (!have('g++') || !have('make')) needed.push('build-essential');
  if (!have('python3')) needed.push('python3');
  aptInstall(needed);
}

function seedRipgrepCache(tmpDir) {
  // @vscode/ripgrep's postinstall downloads a binary from outside the reachable registries; it uses a
  // cached tarball first, so we seed that cache with Debian's rg.
  const shrink = JSON.parse(readFileSync(join(csPrefix, 'node_modules/code-server/lib/vscode/npm-shrinkwrap.json'), 'utf8'));
  const rgVersion = shrink.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!rgVersion) fail('cannot find @vscode/ripgrep in code-server\'s shrinkwrap');
  const packDir = join(tmpDir, 'rgpack');
  mkdirSync(packDir, { recursive: true });
  run('npm', ['pack', `@vscode/ripgrep@${rgVersion}`, '--silent'], { cwd: packDir, stdio: ['ignore', 'ignore', 'inherit'] });
  run('tar', ['xzf', `vscode-ripgrep-${rgVersion}.tgz`], { cwd: packDir });
  const post = readFileSync(join(packDir, 'package/lib/postinstall.js'), 'utf8');
  const tag = /const VERSION = '([^']+)'/.exec(post)?.[1];
  if (!tag) fail('cannot read the ripgrep VERSION tag from @vscode/ripgrep');
  const cacheDir = join(tmpDir, `vscode-ripgrep-cache-${rgVersion}`);
  mkdirSync(join(cacheDir, 'stage'), { recursive: true });
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  copyFileSync(rg, join(cacheDir, 'stage', 'rg'));
  run('tar', ['czf', join(cacheDir, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`), '-C', join(cacheDir, 'stage'), 'rg']);
}

export function ensureCodeServer() {
  mkdirSync(runtimeDir, { recursive: true });
  if (!existsSync(marker)) ensureBuildPackages();
  if (existsSync(marker) && existsSync(serverMain)) { log(`code-server ${codeServerVersion} already installed`); return; }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) fail(`code-server ${codeServerVersion} needs Node 20 (this is ${process.version})`);
  log(`installing code-server ${codeServerVersion} into ${csPrefix} (about 300 MB, a minute or two)`);
  rmSync(csPrefix, { recursive: true, force: true });
  mkdirSync(csPrefix, { recursive: true });
  const tmpDir = join(runtimeDir, 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  writeFileSync(join(csPrefix, 'package.json'), JSON.stringify({ name: 'scimwb-test-runtime', private: true }, null, 2));
  const env = {
    ...process.env, TMPDIR: tmpDir, npm_config_unsafe_perm: 'true', npm_config_yes: 'true',
    // npm 11 gates dependency install scripts; code-server's nested installs need theirs (native modules).
    npm_config_dangerously_allow_all_scripts: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${codeServerVersion}`], { cwd: csPrefix, env });
  seedRipgrepCache(tmpDir);
  run('npm', ['rebuild', 'code-server', '--foreground-scripts'], { cwd: csPrefix, env });
  if (!existsSync(serverMain)) fail(`code-server installed but ${serverMain} is missing`);
  writeFileSync(marker, new Date().toISOString() + '\n');
  log('code-server installed');
}

export function ensureTestRuntime() {
  mkdirSync(runtimeDir, { recursive: true });
  if (!existsSync(chromiumPath)) aptInstall(['chromium']);
  ensureCodeServer();
  if (!existsSync(chromiumPath)) fail(`Chromium not found at ${chromiumPath}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureTestRuntime();
  log('ready');
}

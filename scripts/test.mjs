#!/usr/bin/env node
// `npm test`: build, static checks, then the three layers: unit (node:test), extension host (mocha inside the real
// VS Code 1.100.3 of code-server, driven by Chromium) and UI (playwright-core + Chromium against the same server).
// The VS Code runtime is installed first (idempotent); if that is impossible the run fails, it never skips.
// Ends with one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root, ensureTestRuntime } from './installTestRuntime.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const layers = only ? [only] : ['static', 'unit', 'vscode', 'e2e'];
const artifacts = join(root, '.artifacts');
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
const lines = [];

function step(title) { process.stdout.write(`\n=== ${title} ===\n`); }
function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
}
function listTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTests(p));
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}
function nodeTests(title, files) {
  step(`${title}: ${files.length} file(s)`);
  if (files.length === 0) { failed++; lines.push(`${title}: no test files found`); return; }
  const tap = join(artifacts, `${title}.tap`);
  rmSync(tap, { force: true });
  const status = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const p = num('pass');
  const f = num('fail') + num('cancelled');
  passed += p; failed += f;
  if (status !== 0 && f === 0) { failed++; lines.push(`${title}: runner exited with ${status}`); }
  lines.push(`${title}: ${p} passed, ${f} failed${num('skipped') ? `, ${num('skipped')} skipped` : ''}`);
}

step('build');
if (run('node', ['scripts/build.mjs']) !== 0) { failed++; lines.push('build: FAILED'); }
if (layers.includes('static')) {
  step('typecheck');
  const tc = run('npx', ['tsc', '--noEmit', '-p', '.']);
  if (tc !== 0) { failed++; lines.push('typecheck: FAILED'); } else { passed++; lines.push('typecheck: ok'); }
  step('lint');
  const lint = run('npx', ['eslint', '.']);
  if (lint !== 0) { failed++; lines.push('lint: FAILED'); } else { passed++; lines.push('lint: ok'); }
}

if (layers.includes('unit')) nodeTests('unit', listTests(join(root, 'test/unit')));

if (layers.includes('vscode') || layers.includes('e2e')) {
  step('VS Code test runtime');
  ensureTestRuntime();
}

if (layers.includes('vscode')) {
  step('extension host (code-server VS Code, Chromium)');
  const resultsFile = join(artifacts, 'extension-host-results.json');
  rmSync(resultsFile, { force: true });
  const status = run(process.execPath, ['--import', 'tsx', 'test/harness/runExtensionHost.ts', '--results', resultsFile]);
  if (existsSync(resultsFile)) {
    const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed += r.passes; failed += r.failures;
    lines.push(`extension host (VS Code ${r.vscodeVersion}): ${r.passes} passed, ${r.failures} failed`);
    for (const f of r.failed) lines.push(`  FAILED ${f}`);
  } else {
    failed++;
    lines.push(`extension host: no results (runner exited with ${status})`);
  }
}

if (layers.includes('e2e')) nodeTests('e2e', listTests(join(root, 'test/e2e')));

process.stdout.write(`\n=== summary ===\n${lines.join('\n')}\n\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;

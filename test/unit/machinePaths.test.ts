// Issue 15: nothing that ships (sources whose comments and messages end up in the bundles, the README, the
// examples, package.json, schemas, grammars, snippets, and the built bundles when present) names a path of the
// machine it was built on: a user's home, the build machine's work folders, or a temporary directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const SHIPPED = ['src', 'bench/results.json', 'README.md', 'CHANGELOG.md', 'examples', 'package.json', 'schemas', 'syntaxes', 'snippets', 'media', 'language-configuration.json'];
const MACHINE_PATH = /(?<![\w.])(?:\/work\/|\/root\/|\/home\/[\w.-]+\/|\/Users\/[\w.-]+\/|\/tmp\/|[A-Za-z]:\\Users\\)/;
const BINARY = /\.(png|jpe?g|gif|ico|woff2?|vsix)$/i;

function walk(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).filter((n) => n !== 'node_modules').flatMap((n) => walk(join(path, n)));
}

/** The tracked files under the shipped roots (git's list; the folders themselves where there is no git). */
function shippedFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--', ...SHIPPED], { cwd: root, encoding: 'utf8' });
  const tracked = git.status === 0 ? git.stdout.split('\0').filter(Boolean).map((f) => join(root, f)) : SHIPPED.flatMap((p) => walk(join(root, p)));
  const bundles = walk(join(root, 'dist')).filter((f) => f.endsWith('.js'));
  return [...tracked, ...bundles].filter((f) => !BINARY.test(f) && existsSync(f));
}

test('the pattern catches machine paths and spares URLs and API paths', () => {
  for (const bad of ['see /work/shared/SCIM-FACTS.md', '"/root/.npm"', 'at /home/ci/project/x.ts', '/tmp/bash_jobs/1', 'C:\\Users\\dev\\x']) assert.match(bad, MACHINE_PATH, bad);
  for (const good of ['https://example.com/work/items', 'GET /Users/2819c223', '/scim/v2/Users', 'os.tmpdir()', 'a/work/b']) assert.doesNotMatch(good, MACHINE_PATH, good);
});

test('no shipped file names a path of the build machine', () => {
  const files = shippedFiles();
  assert.ok(files.some((f) => f.endsWith(join('src', 'extension.ts'))), 'the scan sees the sources');
  const hits: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = MACHINE_PATH.exec(line);
      if (m) hits.push(`${relative(root, file)}:${i + 1}: ${line.slice(Math.max(0, m.index - 30), m.index + 50).trim()}`);
    });
  }
  assert.deepEqual(hits, []);
});

// `npm run bench [-- <name>...] [--profile] [--no-write]`: runs every bench/*.bench.ts (or those whose file or
// row name contains a given name), each file in its own Node process, and prints every row as a ratio against
// a baseline measured in the same run (this machine is noisy; absolute timings mean little). Writes
// bench/results.json and README's table. A missed target is printed, never a failure: CI does not run
// benchmarks. A benchmark that crashes makes the run exit non-zero.
//   --profile   adds `--cpu-prof` to each benchmark process; profiles land in .artifacts/profiles/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResults, printTable, updateReadme } from './harness/report';
import type { ResultRow } from './harness/types';

const root = join(__dirname, '..');

function main(): number {
  const args = process.argv.slice(2);
  const profile = args.includes('--profile');
  const write = !args.includes('--no-write');
  const filters = args.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase());
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  const rows: ResultRow[] = [];
  let crashed = 0;
  const work = mkdtempSync(join(tmpdir(), 'scimwb-bench-'));
  const profiles = join(root, '.artifacts', 'profiles');
  if (profile) mkdirSync(profiles, { recursive: true });
  try {
    for (const file of files) {
      const out = join(work, `${file}.json`);
      const node = ['--expose-gc', '--max-old-space-size=8192', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : []), '--import', 'tsx'];
      const r = spawnSync(process.execPath, [...node, join(__dirname, 'harness', 'child.ts'), join(__dirname, file), out, filters.join(',')], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
      const got: ResultRow[] = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as ResultRow[]) : [];
      rows.push(...got);
      crashed += got.filter((g) => g.error).length;
      if (r.status !== 0) {
        crashed++;
        rows.push({ name: `${file} (process)`, baseline: '', ratio: null, target: null, met: false, spread: null, rounds: null, date: new Date().toISOString(), file, error: `exited with ${r.status ?? r.signal}` });
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (rows.length === 0) {
    process.stderr.write(`no benchmark matches ${filters.join(', ')}; files: ${files.join(', ')}\n`);
    return 1;
  }
  process.stdout.write('\n');
  printTable(rows);
  const missed = rows.filter((r) => r.met === false && !r.error);
  if (missed.length > 0) process.stdout.write(`\n${missed.length} target(s) missed: ${missed.map((r) => r.name).join('; ')}\n`);
  if (write) {
    const all = mergeResults(join(__dirname, 'results.json'), rows.filter((r) => !r.name.endsWith('(process)')));
    const inReadme = updateReadme(join(root, 'README.md'), all);
    process.stdout.write(`\nbench/results.json written${inReadme ? ' and README table updated' : ''} (${all.length} rows)\n`);
  }
  if (profile) process.stdout.write(`CPU profiles in ${profiles}\n`);
  if (crashed > 0) process.stdout.write(`\n${crashed} benchmark(s) CRASHED\n`);
  return crashed > 0 ? 1 : 0;
}

process.exitCode = main();

// The pagination probe over a large directory: its index walk against a bare undici loop fetching the same pages
// (time ratio), and the walker's memory: heap after GC and RSS growth, sampled every 100 pages, in a process of
// its own. Issue 12: memory stays flat on huge directories (ids only, never resources); issue 14: <= 1.15x the
// bare loop's time, RSS growth <= 40 MB over 100k users.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox';
import type { BenchResult } from './run';

const USERS = Number(process.env['SCIMWB_BENCH_USERS'] ?? 100_000);

interface ChildResult { mode: string; ms: number; distinct: number; transcript: number; rssGrowthMB: number; heapGrowthMB: number; heapMB: number[] }

function child(mode: string, baseUrl: string, token: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'paginationWalkChild.ts'), mode, baseUrl, token, String(USERS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`${mode} walk exited ${code}`))));
  });
}

export async function run(): Promise<BenchResult[]> {
  const sandbox = await startSandbox({ apps: [{ id: 'bench', profile: 'strict', users: USERS, groups: 10 }], token: 'bench-token-123456' });
  const app = sandbox.apps[0];
  if (!app) throw new Error('no app');
  try {
    const rounds: { walk: ChildResult; bare: ChildResult }[] = [];
    for (let i = 0; i < 3; i++) rounds.push({ bare: await child('bare', app.baseUrl, app.token), walk: await child('walk', app.baseUrl, app.token) });
    const probe = await child('probe', app.baseUrl, app.token);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const walkMs = median(rounds.map((r) => r.walk.ms));
    const bareMs = median(rounds.map((r) => r.bare.ms));
    const ratios = rounds.map((r) => r.walk.ms / r.bare.ms);
    const w = rounds[rounds.length - 1]!.walk;
    const pages = Math.ceil(USERS / 100);
    return [
      {
        name: `probe: index walk of ${USERS} users, count=100`,
        ops: (pages * 1000) / walkMs,
        baseline: 'bare undici loop',
        ratio: walkMs / bareMs,
        target: 1.15,
        note: `pages/s; rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}; walker heap after GC ${w.heapMB.join('→')} MB, growth ${w.heapGrowthMB.toFixed(1)} MB, RSS growth ${w.rssGrowthMB.toFixed(1)} MB (${w.transcript} exchanges kept)`,
      },
      {
        name: `probe: whole pagination probe, ${USERS} users`,
        ops: (pages * 1000) / probe.ms,
        baseline: 'bare undici loop',
        ratio: probe.ms / bareMs,
        note: `walks, checks, filtered walk (50 pages) and discovery; heap after GC ${probe.heapMB.join('→')} MB, RSS growth ${probe.rssGrowthMB.toFixed(1)} MB (${probe.transcript} exchanges kept)`,
      },
    ];
  } finally {
    await sandbox.stop();
  }
}

// The pagination probe over 100k sandbox users, count=100 (issues 12 and 14): its index walk against a bare undici
// loop fetching the same pages one by one (time ratio, median of rounds, each pair back to back), and the walker's
// memory: heap after GC and RSS sampled every 100 pages. The walker runs in a process of its own
// (paginationWalkChild.ts), so the sandbox's 100k users in this process do not count. Memory must stay flat:
// the walk keeps ids, never resources (RSS growth <= 40 MB).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox';
import { median } from './harness/measure';
import type { Benchmark, Measurement } from './harness/types';

const USERS = Number(process.env['SCIMWB_BENCH_USERS'] ?? 100_000);
const ROUNDS = 3;

interface ChildResult { mode: string; ms: number; distinct: number; transcript: number; rssGrowthMB: number; heapGrowthMB: number; heapMB: number[] }

function child(mode: 'bare' | 'walk' | 'probe', baseUrl: string, token: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'paginationWalkChild.ts'), mode, baseUrl, token, String(USERS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`the ${mode} walker exited with ${code}`))));
  });
}

async function measure(): Promise<Measurement> {
  const sandbox = await startSandbox({ apps: [{ id: 'bench', profile: 'strict', users: USERS, groups: 10 }], token: 'bench-token-123456' });
  const app = sandbox.apps[0];
  if (!app) throw new Error('no app');
  try {
    const ratios: number[] = [];
    const walks: ChildResult[] = [];
    const bares: ChildResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const [first, second] = i % 2 === 0 ? (['bare', 'walk'] as const) : (['walk', 'bare'] as const);
      const a = await child(first, app.baseUrl, app.token);
      const b = await child(second, app.baseUrl, app.token);
      const [bare, walk] = first === 'bare' ? [a, b] : [b, a];
      if (walk.distinct !== USERS) throw new Error(`the walk read ${walk.distinct} users, not ${USERS}`);
      bares.push(bare);
      walks.push(walk);
      ratios.push(walk.ms / bare.ms);
    }
    const probe = await child('probe', app.baseUrl, app.token);
    const rss = Math.max(...walks.map((w) => w.rssGrowthMB));
    const last = walks[walks.length - 1] as ChildResult;
    return {
      ratio: median(ratios),
      spread: [Math.min(...ratios), Math.max(...ratios)],
      rounds: ROUNDS,
      note: `walk ${Math.round(median(walks.map((w) => w.ms)))} ms, bare ${Math.round(median(bares.map((w) => w.ms)))} ms; walker heap after GC ${last.heapMB.join('→')} MB (${last.transcript} compact exchanges kept); whole probe (walks, checks, filtered walk, discovery) RSS growth ${probe.rssGrowthMB.toFixed(1)} MB`,
      checks: [
        { name: 'RSS growth <= 40 MB (index walk)', ok: rss <= 40, detail: `${rss.toFixed(1)} MB` },
        { name: 'RSS growth <= 40 MB (whole pagination probe)', ok: probe.rssGrowthMB <= 40, detail: `${probe.rssGrowthMB.toFixed(1)} MB` },
      ],
      details: { walkHeapMB: last.heapMB, walkRssGrowthMB: rss, probeRssGrowthMB: probe.rssGrowthMB, probeHeapMB: probe.heapMB },
    };
  } finally {
    await sandbox.stop();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: `pagination probe: index walk of ${USERS / 1000}k sandbox users, count=100`,
    baseline: 'a bare undici loop fetching the same pages',
    target: { metric: 'time', atMost: 1.15 },
    run: measure,
  },
];

// The pagination probe over 100k sandbox users, count=100 (issue 14): the real probe (runProbes → the pagination
// probe → the engine) against a bare undici loop fetching the same URLs one by one from the same sandbox. The
// probe writes every URL it sent; the bare side replays exactly that list, so both read the same pages
// (discovery, the index walk, the checks, the filtered walk). Rounds of one of each, back to back, the order
// alternating (the first round's probe goes first: its list is the one replayed); the ratio is the median of
// the rounds' wall-time ratios. Each side runs in a process of its own (the sandbox's 100k users stay in this
// one), so RSS growth is the probe's alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox';
import { median } from './harness/measure';
import type { Benchmark, Measurement } from './harness/types';

const USERS = Number(process.env['SCIMWB_BENCH_USERS'] ?? 100_000);
const COUNT = 100;
const ROUNDS = Number(process.env['SCIMWB_BENCH_ROUNDS'] ?? 3);

interface ChildResult { mode: string; ms: number; cpuMs: number; requests: number; distinct: number; transcript: number; rssGrowthMB: number; heapMB: number[] }

function child(mode: 'bare' | 'probe', baseUrl: string, token: string, urls: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const args = ['--expose-gc', '--import', 'tsx', join(__dirname, 'paginationWalkChild.ts'), mode, baseUrl, token, urls, String(COUNT)];
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`the ${mode} side exited with ${code}`))));
  });
}

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function measure(): Promise<Measurement> {
  const sandbox = await startSandbox({ apps: [{ id: 'bench', profile: 'strict', users: USERS, groups: 10 }], token: 'bench-token-123456' });
  const app = sandbox.apps[0];
  if (!app) throw new Error('no app');
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-pagination-'));
  const urls = join(dir, 'urls.txt');
  try {
    const ratios: number[] = [];
    const probes: ChildResult[] = [];
    const bares: ChildResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // The first round's probe writes the list the bare side replays, so it goes first; then the order alternates.
      const order = i % 2 === 0 ? (['probe', 'bare'] as const) : (['bare', 'probe'] as const);
      const got: Partial<Record<'bare' | 'probe', ChildResult>> = {};
      for (const mode of order) got[mode] = await child(mode, app.baseUrl, app.token, urls);
      const { bare, probe } = got as Record<'bare' | 'probe', ChildResult>;
      if (probe.distinct !== USERS) throw new Error(`the probe's walk read ${probe.distinct} users, not ${USERS}`);
      // Every probe run sends the same requests, so the list replayed is the same in every round.
      if (bare.requests !== probe.requests || probe.requests !== (probes[0] ?? probe).requests) throw new Error(`request counts differ: probe ${probe.requests}, bare ${bare.requests}`);
      probes.push(probe);
      bares.push(bare);
      ratios.push(probe.ms / bare.ms);
    }
    const warm = probes[0] as ChildResult;
    const rss = Math.max(...probes.map((p) => p.rssGrowthMB));
    const cpuRatio = median(probes.map((p, i) => p.cpuMs / (bares[i] as ChildResult).cpuMs));
    const last = probes[probes.length - 1] as ChildResult;
    return {
      ratio: median(ratios),
      spread: [Math.min(...ratios), Math.max(...ratios)],
      rounds: ROUNDS,
      note: `${warm.requests} requests each (the probe's own list, replayed by the bare loop); probe ${secs(median(probes.map((p) => p.ms)))}, bare ${secs(median(bares.map((p) => p.ms)))}; client CPU probe ${secs(median(probes.map((p) => p.cpuMs)))}, bare ${secs(median(bares.map((p) => p.cpuMs)))} (${cpuRatio.toFixed(2)}x); probe heap after GC ${last.heapMB.join('→')} MB, ${last.transcript} compact exchanges kept; RSS growth ${rss.toFixed(1)} MB`,
      checks: [{ name: 'RSS growth <= 40 MB', ok: rss <= 40, detail: `${rss.toFixed(1)} MB (largest of the rounds)` }],
      details: {
        requests: warm.requests, probeMs: probes.map((p) => Math.round(p.ms)), bareMs: bares.map((p) => Math.round(p.ms)),
        probeCpuMs: probes.map((p) => Math.round(p.cpuMs)), bareCpuMs: bares.map((p) => Math.round(p.cpuMs)), probeRssGrowthMB: probes.map((p) => Math.round(p.rssGrowthMB * 10) / 10), probeHeapMB: last.heapMB,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sandbox.stop();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: `pagination probe over ${USERS / 1000}k sandbox users, count=${COUNT}`,
    baseline: 'a bare undici loop fetching the same pages one by one',
    target: { metric: 'time', atMost: 1.15 },
    run: measure,
  },
];

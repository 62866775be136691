// `npm run bench`: every benchmark measures its own baseline in the same run and prints the ratio, because this
// machine is noisy and absolute timings mean little. Targets are checked against ratios, never in tests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchResult {
  name: string;
  /** Operations per second of the thing measured. */
  ops: number;
  /** What it is compared with, measured in the same run. */
  baseline: string;
  /** time(thing) / time(baseline): 1 is as fast as the baseline, 4 is four times slower. */
  ratio: number;
  /** Optional target ratio; the run fails when a result is above it. */
  target?: number;
  note?: string;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('Bench.ts') && (!only || f.includes(only))).sort();
  const rows: BenchResult[] = [];
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run?: () => Promise<BenchResult[]> };
    if (typeof mod.run !== 'function') continue;
    process.stderr.write(`[bench] ${file}\n`);
    rows.push(...(await mod.run()));
  }
  const w = Math.max(...rows.map((r) => r.name.length), 10);
  const b = Math.max(...rows.map((r) => r.baseline.length), 8);
  process.stdout.write(`${'benchmark'.padEnd(w)}  ${'ops/s'.padStart(12)}  ${'baseline'.padEnd(b)}  ratio   target\n`);
  let over = 0;
  for (const r of rows) {
    const bad = r.target !== undefined && r.ratio > r.target;
    if (bad) over++;
    process.stdout.write(`${r.name.padEnd(w)}  ${r.ops.toFixed(1).padStart(12)}  ${r.baseline.padEnd(b)}  ${r.ratio.toFixed(2).padStart(6)}  ${r.target !== undefined ? `<= ${r.target}${bad ? '  OVER' : ''}` : ''}${r.note ? `  ${r.note}` : ''}\n`);
  }
  if (over > 0) {
    process.stdout.write(`\n${over} benchmark(s) above target\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

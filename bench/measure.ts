// Shared timing helper for benchmarks: runs a function repeatedly for at least `minMs`, after a warm-up, and
// returns operations per second. Thing and baseline are measured interleaved to share the machine's noise.
export function opsPerSecond(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 3; i++) fn();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs || n < 5) {
    fn();
    n++;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

/** Measures `thing` against `baseline` in alternating rounds; ratio = time(thing) / time(baseline). */
export function compare(thing: () => unknown, baseline: () => unknown, rounds = 3, minMs = 300): { ops: number; baselineOps: number; ratio: number } {
  let t = 0;
  let b = 0;
  for (let i = 0; i < rounds; i++) {
    b += opsPerSecond(baseline, minMs);
    t += opsPerSecond(thing, minMs);
  }
  const ops = t / rounds;
  const baselineOps = b / rounds;
  return { ops, baselineOps, ratio: baselineOps / ops };
}

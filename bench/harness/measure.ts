// Interleaved ratio measurement. Each round times the baseline and the thing back to back (alternating which
// goes first), so both share the same moment of a noisy machine; the ratio of every round is kept and the
// median is the result, the lowest and highest its spread.
import type { Measurement } from './types';

export interface RatioOptions {
  /** Rounds, each with one batch of thing and one of baseline. */
  rounds?: number;
  /** A batch repeats its function until it has run this long (and at least `minRuns` times). */
  minMs?: number;
  minRuns?: number;
  /** `time` gives time(thing)/time(baseline); `throughput` its inverse. */
  metric?: 'time' | 'throughput';
  /** Warm-up calls of each before the first round (JIT, caches). */
  warmup?: number;
  /**
   * Collect garbage before each batch (needs --expose-gc, which the runner passes): for work on large documents,
   * so one side's garbage is not collected on the other's time. Off for small fast work, where a forced full
   * collection only perturbs the young generation both sides depend on.
   */
  gcBetween?: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Milliseconds per call of `fn`, from a batch of at least `minMs` and `minRuns` calls. */
async function batch(fn: () => unknown, minMs: number, minRuns: number, collect: boolean): Promise<number> {
  if (collect) gc?.();
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs || n < minRuns) {
    const r = fn();
    if (r instanceof Promise) await r;
    n++;
    elapsed = performance.now() - start;
  }
  return elapsed / n;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export interface RatioResult extends Measurement {
  ratio: number;
  spread: [number, number];
  rounds: number;
  /** Median milliseconds per call, for notes. */
  thingMs: number;
  baselineMs: number;
}

export async function measureRatio(thing: () => unknown, baseline: () => unknown, opts: RatioOptions = {}): Promise<RatioResult> {
  const rounds = opts.rounds ?? 7;
  const minMs = opts.minMs ?? 250;
  const minRuns = opts.minRuns ?? 3;
  const collect = opts.gcBetween ?? false;
  for (let i = 0; i < (opts.warmup ?? 2); i++) {
    await batch(baseline, 0, 1, false);
    await batch(thing, 0, 1, false);
  }
  const ratios: number[] = [];
  const thingMs: number[] = [];
  const baseMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t: number;
    let b: number;
    if (r % 2 === 0) {
      b = await batch(baseline, minMs, minRuns, collect);
      t = await batch(thing, minMs, minRuns, collect);
    } else {
      t = await batch(thing, minMs, minRuns, collect);
      b = await batch(baseline, minMs, minRuns, collect);
    }
    thingMs.push(t);
    baseMs.push(b);
    ratios.push(opts.metric === 'throughput' ? b / t : t / b);
  }
  return {
    ratio: median(ratios),
    spread: [Math.min(...ratios), Math.max(...ratios)],
    rounds,
    thingMs: median(thingMs),
    baselineMs: median(baseMs),
  };
}

export function ms(x: number): string {
  return x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${(x * 1000).toFixed(0)} µs`;
}

/** Median times in a note: "ours 41 ms, baseline 300 ms". */
export function timesNote(r: RatioResult, ours = 'ours', theirs = 'baseline'): string {
  return `${ours} ${ms(r.thingMs)}, ${theirs} ${ms(r.baselineMs)}`;
}

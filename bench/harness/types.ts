// What a benchmark file exports and what a measured row is. A benchmark file is `bench/<name>.bench.ts`
// exporting `benchmarks: Benchmark[]`; the runner finds it by name, runs it in its own process and writes
// the row into bench/results.json and README's table. Adding a row is adding one such file.

/**
 * `time`: ratio = time(thing) / time(baseline), the target is a ceiling (`≤ 0.15x`).
 * `throughput`: ratio = throughput(thing) / throughput(baseline), the target is a floor (`≥ 3x`).
 */
export type Target = { metric: 'time'; atMost: number } | { metric: 'throughput'; atLeast: number };

export interface Check {
  /** What must hold besides the ratio, e.g. "RSS growth ≤ 40 MB" or "no heavy module before a SCIM file". */
  name: string;
  ok: boolean;
  detail?: string;
}

export interface Measurement {
  /** Median over the rounds; absent for report-only rows (the .vsix size). */
  ratio?: number;
  /** Lowest and highest per-round ratio. */
  spread?: [number, number];
  rounds?: number;
  /** A human line: absolute times of this run, sizes, where the two differ in semantics. */
  note?: string;
  checks?: Check[];
  /** Structured extras that land in results.json (sizes, module lists). */
  details?: Record<string, unknown>;
}

export interface Benchmark {
  /** Stable row name: results.json rows are replaced by name. */
  name: string;
  /** What the thing is compared with, measured in the same run. */
  baseline: string;
  target?: Target;
  run(): Promise<Measurement> | Measurement;
}

export interface ResultRow {
  name: string;
  baseline: string;
  ratio: number | null;
  /** e.g. "<= 0.15" or ">= 3"; null without a target. */
  target: string | null;
  /** null when the row has no target; false when it crashed. */
  met: boolean | null;
  spread: [number, number] | null;
  rounds: number | null;
  date: string;
  file: string;
  note?: string;
  checks?: Check[];
  details?: Record<string, unknown>;
  error?: string;
}

export function targetText(t: Target | undefined): string | null {
  if (!t) return null;
  return t.metric === 'time' ? `<= ${t.atMost}` : `>= ${t.atLeast}`;
}

export function targetMet(t: Target | undefined, m: Measurement): boolean | null {
  const checksOk = (m.checks ?? []).every((c) => c.ok);
  if (!t) return m.checks && m.checks.length > 0 ? checksOk : null;
  if (m.ratio === undefined || !Number.isFinite(m.ratio)) return false;
  const ratioOk = t.metric === 'time' ? m.ratio <= t.atMost : m.ratio >= t.atLeast;
  return ratioOk && checksOk;
}

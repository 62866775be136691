// The fuzzing scheme (issue 15) shared by every parser's suite: each property runs in a worker thread watched by
// the test, so an input that sends a parser into a runaway loop fails the test (naming the input and the seed)
// instead of hanging the run. The bound is per input and generous: it catches hangs, it measures no speed.
//
// Short mode (npm test): each property's own `short` count. Long mode, by hand:
//   SCIMWB_FUZZ_RUNS=100000 npm run test:fuzz
// Replay a failure: SCIMWB_FUZZ_SEED=<seed> (printed with every failure). SCIMWB_FUZZ_HANG_MS changes the bound.
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type fc from 'fast-check';
import { strict as assert } from 'node:assert';
import type { OffsetRange } from '../../../src/core/text';

export interface FuzzProperty<T> {
  arbitrary: fc.Arbitrary<T>;
  /** Throws (an assertion) when the input shows a bug; may be async. */
  check(input: T): void | Promise<void>;
  /** Inputs in the short mode. */
  short: number;
  /** Inputs that once failed (found by fuzzing): checked first on every run. */
  regressions?: T[];
}

/** A property module exports `properties`, one entry per test of its suite. */
export type FuzzProperties = Record<string, FuzzProperty<never>>;

export function fuzzProperty<T>(p: FuzzProperty<T>): FuzzProperty<never> {
  return p as unknown as FuzzProperty<never>;
}

const LONG_RUNS = Number(process.env.SCIMWB_FUZZ_RUNS ?? 0);
export const HANG_MS = Number(process.env.SCIMWB_FUZZ_HANG_MS ?? 30_000);

export function runsFor(short: number): number {
  return LONG_RUNS > 0 ? LONG_RUNS : short;
}

/** Longest failure report printed; longer ones are written to a file. */
const REPORT_LIMIT = 3000;

/** Longest input text kept for a hang report (UTF-16 units). */
export const REPORT_CHARS = 64 * 1024;

/** What a worker posts when its property ends. */
export type WorkerOutcome = { kind: 'done'; runs: number } | { kind: 'failed'; message: string };

/** Shared between the test and its worker: [0] inputs started, [1] length of the current input's text in `text`. */
export interface Progress {
  counters: Int32Array;
  text: Uint16Array;
}

export function progressBuffers(): { counters: SharedArrayBuffer; text: SharedArrayBuffer } {
  return { counters: new SharedArrayBuffer(8), text: new SharedArrayBuffer(REPORT_CHARS * 2) };
}

/**
 * Runs `properties[name]` of the module at `modulePath` in a worker; resolves when it passed, rejects with
 * fast-check's report when it failed, and rejects naming the input when no input finished within HANG_MS.
 */
export async function fuzz(modulePath: string, name: string, opts: { hangMs?: number } = {}): Promise<void> {
  const hangMs = opts.hangMs ?? HANG_MS;
  const shared = progressBuffers();
  const counters = new Int32Array(shared.counters);
  const text = new Uint16Array(shared.text);
  const seed = Number(process.env.SCIMWB_FUZZ_SEED ?? Math.floor(Math.random() * 0x7fffffff));
  const worker = new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(join(import.meta.dirname, 'worker.ts'))});`, {
    eval: true,
    workerData: { modulePath, name, seed, longRuns: LONG_RUNS, counters: shared.counters, text: shared.text },
  });
  let watchdog: ReturnType<typeof setInterval> | undefined;
  try {
    const outcome = await new Promise<WorkerOutcome>((resolve, reject) => {
      worker.on('message', (m: WorkerOutcome) => resolve(m));
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the fuzz worker exited (code ${code}) before reporting`)));
      let seen = -1;
      let since = Date.now();
      watchdog = setInterval(() => {
        const started = Atomics.load(counters, 0);
        // Until the first input starts, the worker is still loading (slow under load): that is not a hang.
        if (started !== seen || started === 0) {
          seen = started;
          since = Date.now();
          return;
        }
        if (Date.now() - since < hangMs) return;
        const length = Atomics.load(counters, 1);
        const input = readShared(text, Math.min(length, REPORT_CHARS));
        reject(new Error(`input #${started} of "${name}" (seed ${seed}) did not finish within ${hangMs} ms: a hang.\n` +
          `input (${length} chars${length > REPORT_CHARS ? ', truncated' : ''}): ${JSON.stringify(input)}`));
      }, Math.min(1000, hangMs / 4));
    });
    if (outcome.kind === 'failed') assert.fail(`${name} (seed ${seed}):\n${shortReport(name, outcome.message)}`);
    assert.ok(outcome.runs > 0);
  } finally {
    clearInterval(watchdog);
    await worker.terminate();
  }
}

/** fast-check's report, cut to a readable size; the whole of it goes to .artifacts/fuzz/ (counterexamples can be large). */
function shortReport(name: string, message: string): string {
  if (message.length <= REPORT_LIMIT) return message;
  const dir = join(import.meta.dirname, '../../../.artifacts/fuzz');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}.txt`);
  writeFileSync(file, message);
  return `${message.slice(0, REPORT_LIMIT)}\n… (${message.length} characters; the whole report is in ${file})`;
}

function readShared(text: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 4096) out += String.fromCharCode(...text.subarray(i, Math.min(length, i + 4096)));
  return out;
}

/** One node:test test per property of the module at `modulePath` (which exports `properties`). */
export function fuzzTests(modulePath: string, properties: FuzzProperties): void {
  for (const name of Object.keys(properties)) test(name, () => fuzz(modulePath, name));
}

/** Asserts that `r` is a well-formed range inside a text of `length`. */
export function assertInside(length: number, r: OffsetRange | undefined, what: string): void {
  assert.ok(r && Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length,
    `${what}: range ${JSON.stringify(r)} is not inside a text of ${length}`);
}

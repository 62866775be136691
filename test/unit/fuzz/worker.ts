// The worker side of harness.ts: runs one property with fast-check and publishes each input before checking it,
// so the watching test can name the input a hang is stuck on.
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import type { FuzzProperties, WorkerOutcome } from './harness';

interface Data { modulePath: string; name: string; seed: number; longRuns: number; counters: SharedArrayBuffer; text: SharedArrayBuffer }

const data = workerData as Data;
const counters = new Int32Array(data.counters);
const text = new Uint16Array(data.text);

function publish(input: unknown): void {
  const s = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  const n = Math.min(s.length, text.length);
  for (let i = 0; i < n; i++) text[i] = s.charCodeAt(i);
  Atomics.store(counters, 1, s.length);
  Atomics.add(counters, 0, 1);
}

async function main(): Promise<WorkerOutcome> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the property module is chosen at run time
  const mod = require(data.modulePath) as { properties: FuzzProperties };
  const p = mod.properties[data.name];
  if (!p) return { kind: 'failed', message: `no property "${data.name}" in ${data.modulePath}` };
  const numRuns = data.longRuns > 0 ? data.longRuns : p.short;
  let runs = 0;
  // fast-check's own report (counterexample, seed, path to replay) is the failure message.
  await fc.assert(fc.asyncProperty(p.arbitrary, async (input) => {
    runs++;
    publish(input);
    await p.check(input);
  }), { numRuns, seed: data.seed, includeErrorInReport: true, examples: (p.regressions ?? []).map((r) => [r]) });
  return { kind: 'done', runs };
}

main().then((outcome) => parentPort?.postMessage(outcome), (err: unknown) => {
  parentPort?.postMessage({ kind: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerOutcome);
});

// A spec-correct cursor walk of 100k users (RFC 9865, the `cursor` preset) against the index walk of the same
// users on the same app (issue 14). A cursor must find its position by lookup, not by scanning, so walking by
// cursor may cost at most 1.1x walking by startIndex. Both walks run side by side, a page of each in turn, and
// the ratio is of CPU time: this process is both client and server, and other processes' load hardly moves it.
import { request } from 'undici';
import { startSandbox } from '../src/sandbox';
import type { Benchmark, Measurement } from './harness/types';

const USERS = 100_000;

interface ListPage {
  Resources?: { id: string }[];
  nextCursor?: string;
}

async function getPage(url: string): Promise<ListPage> {
  const res = await request(url, { headers: { authorization: 'Bearer bench' } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${await res.body.text()}`);
  return (await res.body.json()) as ListPage;
}

/** Wall time and CPU time (client and server share this process) spent on one walk's requests. */
type Walker = { done(): boolean; step(): Promise<void>; ms: number; cpuMs: number; seen: number };

function walker(base: string, kind: 'index' | 'cursor'): Walker {
  let start = 1;
  let cursor: string | undefined = '';
  const w: Walker = {
    ms: 0,
    cpuMs: 0,
    seen: 0,
    done: () => (kind === 'index' ? start > USERS : cursor === undefined),
    async step() {
      const url = kind === 'index'
        ? `${base}/Users?startIndex=${start}&count=100&attributes=id`
        : `${base}/Users?cursor=${encodeURIComponent(cursor ?? '')}&count=100&attributes=id`;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const page = await getPage(url);
      const cpu = process.cpuUsage(cpu0);
      w.ms += performance.now() - t0;
      w.cpuMs += (cpu.user + cpu.system) / 1000;
      w.seen += page.Resources?.length ?? 0;
      if (kind === 'index') start += 100;
      else cursor = page.nextCursor;
    },
  };
  return w;
}

/** Two whole walks side by side, a page of each in turn (which goes first alternates): [cpu, wall] of b over a. */
async function sideBySide(a: Walker, b: Walker): Promise<[number, number]> {
  for (let step = 0; !a.done() || !b.done(); step++) {
    const [first, second] = step % 2 === 0 ? [a, b] : [b, a];
    if (!first.done()) await first.step();
    if (!second.done()) await second.step();
  }
  if (a.seen !== USERS || b.seen !== USERS) throw new Error(`the walks saw ${a.seen} and ${b.seen} users, not ${USERS}`);
  return [b.cpuMs / a.cpuMs, b.ms / a.ms];
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * Index walk vs cursor walk of the same 100k users on one app, page by page side by side, so both see the same
 * moments of this noisy machine. The ratio is of CPU time (this process is both client and server, and other
 * processes' load hardly moves it), the median of five rounds after one warm-up; wall-clock ratios and the same
 * measurement of an index walk against another index walk (the noise floor) go in the note.
 */
async function walks(): Promise<Measurement> {
  const sb = await startSandbox({
    apps: [{ id: 'walk', profile: 'cursor', users: USERS, groups: 0, quirks: { cursorTimeoutSeconds: 3600 } }],
    token: 'bench',
  });
  try {
    const base = sb.apps[0]?.baseUrl ?? '';
    await sideBySide(walker(base, 'index'), walker(base, 'cursor'));
    const cpu: number[] = [];
    const wall: number[] = [];
    const control: number[] = [];
    let cursorMs = 0;
    for (let round = 0; round < 5; round++) {
      const cursor = walker(base, 'cursor');
      const [c, w] = await sideBySide(walker(base, 'index'), cursor);
      cpu.push(c);
      wall.push(w);
      cursorMs += cursor.ms;
      if (round < 2) control.push((await sideBySide(walker(base, 'index'), walker(base, 'index')))[0]);
    }
    const list = (xs: number[]): string => xs.map((r) => r.toFixed(2)).join(' ');
    return {
      ratio: median(cpu),
      spread: [Math.min(...cpu), Math.max(...cpu)],
      rounds: cpu.length,
      note: `CPU-time ratios ${list(cpu)}; wall clock ${list(wall)}; index vs index (noise floor) ${list(control)}; cursor walks took ${Math.round(cursorMs / 5)} ms each`,
    };
  } finally {
    await sb.stop();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'cursor walk of 100k users (cursor preset, count=100), CPU time',
    baseline: 'index walk of the same users',
    target: { metric: 'time', atMost: 1.1 },
    run: walks,
  },
];

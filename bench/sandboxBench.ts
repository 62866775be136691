// The sandbox must hold 100k users, seed them in seconds and page fast. Seeding is compared with
// JSON.stringify of the same users (both walk every record once); HTTP list requests are compared with
// GET /ServiceProviderConfig on the same server, so the ratio is what paging or filtering 100k records costs
// on top of a request that does no work. A spec-correct cursor walk of 100k users (RFC 9865, the `cursor`
// preset) is compared with the index walk of the same users on the same app: a cursor must find its position by
// lookup, not by scanning, so walking by cursor may cost at most 1.1x walking by startIndex.
import { request } from 'undici';
import { SCIMMY } from 'scimmy-routers';
import { startSandbox } from '../src/sandbox';
import { compileFilter, filterRecords, lookupFor } from '../src/sandbox/filterEngine';
import { seedStores } from '../src/sandbox/seed';
import { ResourceStore } from '../src/sandbox/store';
import { compare } from './measure';
import type { BenchResult } from './run';

const USERS = 100_000;

function seeded(): ResourceStore {
  const users = new ResourceStore({ resourceType: 'User', uniqueAttribute: 'userName' });
  seedStores(users, new ResourceStore({ resourceType: 'Group' }), { users: USERS, groups: 0 }, 1);
  return users;
}

async function opsPerSecondAsync(fn: () => Promise<unknown>, minMs = 400): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || n < 5) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

async function compareAsync(thing: () => Promise<unknown>, baseline: () => Promise<unknown>, rounds = 2): Promise<{ ops: number; ratio: number }> {
  let t = 0;
  let b = 0;
  for (let i = 0; i < rounds; i++) {
    b += await opsPerSecondAsync(baseline);
    t += await opsPerSecondAsync(thing);
  }
  return { ops: t / rounds, ratio: b / t };
}

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
async function walks(): Promise<BenchResult> {
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
      name: 'sandbox: cursor walk of 100k users (count=100), CPU time',
      ops: (5 * 1000) / cursorMs,
      baseline: 'index walk of the same users',
      ratio: median(cpu),
      target: 1.1,
      note: `rounds ${list(cpu)}; wall clock ${list(wall)}; index vs index ${list(control)}`,
    };
  } finally {
    await sb.stop();
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sample = seeded().list();
  const seed = compare(() => seeded(), () => JSON.stringify(sample), 1, 0);
  results.push({ name: 'sandbox: seed 100k users', ops: seed.ops, baseline: 'JSON.stringify(100k users)', ratio: seed.ratio, target: 10 });

  // Why list filters use src/core/filter: the same eq filter over the same 100k records, against SCIMMY's Filter
  // (which also gets userName case-sensitivity and URN paths wrong).
  const text = `userName eq "${String(sample[USERS / 2]?.['userName'])}"`;
  const compiled = compileFilter(text);
  if (!compiled.ok) throw new Error(compiled.message);
  const lookup = lookupFor('User');
  const scimmyFilter = new SCIMMY.Types.Filter(text);
  const records = sample as unknown as Record<string, unknown>[];
  const engine = compare(() => filterRecords(sample, compiled.ast, lookup), () => scimmyFilter.match(records), 1, 0);
  results.push({ name: 'sandbox: core filter eq over 100k users', ops: engine.ops, baseline: 'SCIMMY Filter.match', ratio: engine.ratio });

  const sb = await startSandbox({ apps: [{ id: 'big', users: USERS, groups: 100 }], token: 'bench' });
  try {
    const app = sb.apps[0];
    if (!app) throw new Error('no app');
    const get = (path: string) => async (): Promise<void> => {
      const res = await fetch(app.baseUrl + path, { headers: { authorization: 'Bearer bench' } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const trivial = get('/ServiceProviderConfig');
    const deep = await compareAsync(get(`/Users?startIndex=${USERS - 49}&count=50`), trivial);
    results.push({ name: 'sandbox: GET deep page of 100k (count=50)', ops: deep.ops, baseline: 'GET /ServiceProviderConfig', ratio: deep.ratio });
    const userName = sample[USERS / 2]?.['userName'];
    const eq = await compareAsync(get(`/Users?filter=${encodeURIComponent(`userName eq "${String(userName)}"`)}`), trivial);
    results.push({ name: 'sandbox: filter eq over 100k users', ops: eq.ops, baseline: 'GET /ServiceProviderConfig', ratio: eq.ratio });
  } finally {
    await sb.stop();
  }
  results.push(await walks());
  return results;
}

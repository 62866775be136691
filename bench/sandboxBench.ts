// The sandbox must hold 100k users, seed them in seconds and page fast. Seeding is compared with
// JSON.stringify of the same users (both walk every record once); HTTP list requests are compared with
// GET /ServiceProviderConfig on the same server, so the ratio is what paging or filtering 100k records costs
// on top of a request that does no work.
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
  return results;
}

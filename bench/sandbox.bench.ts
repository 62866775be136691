// The sandbox must hold 100k users, seed them in seconds and page fast. Seeding is compared with
// JSON.stringify of the same users (both walk every record once); HTTP list requests are compared with
// GET /ServiceProviderConfig on the same server, so the ratio is what paging or filtering 100k records costs
// on top of a request that does no work.
import { SCIMMY } from 'scimmy-routers';
import { startSandbox } from '../src/sandbox';
import { compileFilter, filterRecords, lookupFor } from '../src/sandbox/filterEngine';
import { seedStores } from '../src/sandbox/seed';
import { ResourceStore } from '../src/sandbox/store';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

const USERS = 100_000;

function seeded(): ResourceStore {
  const users = new ResourceStore({ resourceType: 'User', uniqueAttribute: 'userName' });
  seedStores(users, new ResourceStore({ resourceType: 'Group' }), { users: USERS, groups: 0 }, 1);
  return users;
}

async function overHttp<T>(use: (get: (path: string) => () => Promise<void>, sample: Record<string, unknown>[]) => Promise<T>): Promise<T> {
  const sample = seeded().list();
  const sb = await startSandbox({ apps: [{ id: 'big', users: USERS, groups: 100 }], token: 'bench' });
  try {
    const app = sb.apps[0];
    if (!app) throw new Error('no app');
    const get = (path: string) => async (): Promise<void> => {
      const res = await fetch(app.baseUrl + path, { headers: { authorization: 'Bearer bench' } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    return await use(get, sample as unknown as Record<string, unknown>[]);
  } finally {
    await sb.stop();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'sandbox: seed 100k users',
    baseline: 'JSON.stringify(100k users)',
    target: { metric: 'time', atMost: 10 },
    async run() {
      const sample = seeded().list();
      const r = await measureRatio(() => seeded(), () => JSON.stringify(sample), { rounds: 3, minMs: 0, minRuns: 1, warmup: 0 });
      return { ...r, note: timesNote(r) };
    },
  },
  {
    // Why list filters use src/core/filter: the same eq filter over the same 100k records, against SCIMMY's
    // Filter (which also gets userName case-sensitivity and URN paths wrong).
    name: 'sandbox: core filter eq over 100k users',
    baseline: 'SCIMMY Filter.match',
    async run() {
      const sample = seeded().list();
      const text = `userName eq "${String(sample[USERS / 2]?.['userName'])}"`;
      const compiled = compileFilter(text);
      if (!compiled.ok) throw new Error(compiled.message);
      const lookup = lookupFor('User');
      const scimmyFilter = new SCIMMY.Types.Filter(text);
      const records = sample as unknown as Record<string, unknown>[];
      const r = await measureRatio(() => filterRecords(sample, compiled.ast, lookup), () => scimmyFilter.match(records), { rounds: 3, minMs: 0, minRuns: 1 });
      return { ...r, note: timesNote(r) };
    },
  },
  {
    name: 'sandbox: GET deep page of 100k (count=50)',
    baseline: 'GET /ServiceProviderConfig',
    run: () => overHttp(async (get) => {
      const r = await measureRatio(get(`/Users?startIndex=${USERS - 49}&count=50`), get('/ServiceProviderConfig'), { rounds: 4, minMs: 300 });
      return { ...r, note: timesNote(r) };
    }),
  },
  {
    name: 'sandbox: filter eq over 100k users (HTTP)',
    baseline: 'GET /ServiceProviderConfig',
    run: () => overHttp(async (get, sample) => {
      const userName = sample[USERS / 2]?.['userName'];
      const r = await measureRatio(get(`/Users?filter=${encodeURIComponent(`userName eq "${String(userName)}"`)}`), get('/ServiceProviderConfig'), { rounds: 4, minMs: 300 });
      return { ...r, note: timesNote(r) };
    }),
  },
];

// The HTTP engine's per-request overhead: a page walk over sandbox users through the SCIM client (auth, rate
// limiter, redaction, transcript) against a bare undici loop fetching the same pages, interleaved rounds.
// Issue 14's pagination-probe target (<= 1.15x a bare loop) rests on this overhead staying small.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request, Agent } from 'undici';
import { startSandbox } from '../src/sandbox';
import { createScimClient, closeHttpConnections } from '../src/core/http';
import type { BenchResult } from './run';

const USERS = 10_000;
const COUNT = 100;

interface Walk {
  bare(): Promise<number>;
  engine(): Promise<number>;
}

async function measure(name: string, walk: Walk, pages: number, rounds: number): Promise<BenchResult> {
  await walk.bare();
  await walk.engine();
  const times: { bare: number[]; engine: number[] } = { bare: [], engine: [] };
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await walk.bare();
    times.bare.push(performance.now() - t);
    t = performance.now();
    await walk.engine();
    times.engine.push(performance.now() - t);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const ratios = times.engine.map((t, i) => t / (times.bare[i] as number));
  return {
    name,
    ops: (pages * 1000) / median(times.engine),
    baseline: 'bare undici loop',
    ratio: median(times.engine) / median(times.bare),
    note: `pages/s; per-round ratios ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`,
  };
}

/** Pages of a ListResponse served from memory: the server costs almost nothing, so the client's overhead shows. */
async function staticPages(): Promise<BenchResult> {
  const page = JSON.stringify({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 100_000, itemsPerPage: COUNT, startIndex: 1,
    Resources: Array.from({ length: COUNT }, (_x, i) => ({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: `u${i}`, userName: `user${i}@example.com`, active: true,
      name: { givenName: 'Given', familyName: `Family${i}` }, emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
      meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z', location: `https://x/Users/u${i}` },
    })),
  });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/scim+json' });
    res.end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  const agent = new Agent();
  const client = createScimClient({ id: 'bench-static', baseUrl: base, auth: { type: 'bearer', secret: 'tok' } }, {
    secrets: { get: () => Promise.resolve('static-bench-token-123') }, env: {}, transcriptBodyChars: 2048,
  });
  const pages = 500;
  const result = await measure(`http: ${pages} in-memory pages of ${COUNT} users (${Math.round(page.length / 1024)} KB)`, {
    async bare() {
      let n = 0;
      for (let p = 0; p < pages; p++) {
        const res = await request(`${base}/Users?startIndex=${p * COUNT + 1}&count=${COUNT}`, { dispatcher: agent, headers: { authorization: 'Bearer static-bench-token-123' } });
        n += ((await res.body.json()) as { Resources: unknown[] }).Resources.length;
      }
      return n;
    },
    async engine() {
      let n = 0;
      for (let p = 0; p < pages; p++) {
        const r = await client.send({ method: 'GET', path: '/Users', query: { startIndex: p * COUNT + 1, count: COUNT } });
        n += (r.json as { Resources: unknown[] }).Resources.length;
      }
      return n;
    },
  }, pages, 5);
  await agent.close();
  await new Promise<void>((r) => server.close(() => r()));
  return result;
}

export async function run(): Promise<BenchResult[]> {
  const results = [await staticPages()];
  const sandbox = await startSandbox({ apps: [{ id: 'bench', profile: 'strict', users: USERS }], token: 'bench-token-123456' });
  const sb = sandbox.apps[0];
  if (!sb) throw new Error('no app');
  const agent = new Agent();
  const client = createScimClient({ id: 'bench', baseUrl: sb.baseUrl, auth: { type: 'bearer', secret: 'tok' } }, {
    secrets: { get: () => Promise.resolve(sb.token) }, env: {}, transcriptBodyChars: 2048,
  });
  const pages = Math.ceil(USERS / COUNT);
  const bare = async (): Promise<number> => {
    let ids = 0;
    for (let p = 0; p < pages; p++) {
      const res = await request(`${sb.baseUrl}/Users?startIndex=${p * COUNT + 1}&count=${COUNT}`, {
        dispatcher: agent, headers: { authorization: `Bearer ${sb.token}`, accept: 'application/scim+json' },
      });
      const body = (await res.body.json()) as { Resources: { id: string }[] };
      ids += body.Resources.length;
    }
    return ids;
  };
  const engine = async (): Promise<number> => {
    let ids = 0;
    for (let p = 0; p < pages; p++) {
      const r = await client.send({ method: 'GET', path: '/Users', query: { startIndex: p * COUNT + 1, count: COUNT } });
      ids += (r.json as { Resources: { id: string }[] }).Resources.length;
    }
    return ids;
  };
  results.push(await measure(`http: sandbox page walk ${USERS} users, count=${COUNT}`, { bare, engine }, pages, 3));
  await agent.close();
  await closeHttpConnections();
  await sandbox.stop();
  return results;
}

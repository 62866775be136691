// The pagination probe against a sandbox app limited to 10 requests/s (a token bucket of 10 that answers 429 with
// Retry-After over the limit), against the ideal schedule: requests ÷ 10 s (issue 14). Two ways a client meets
// such a limit, each its own row:
//   - the row: the client does not know the limit (the registry declares none) and learns it only from
//     the 429s' Retry-After, which pauses every request to the app (the engine's shared limiter);
//   - the registry declares rateLimit.requestsPerSecond: 10, so the engine paces itself and should meet no 429
//     (reported without a target: the target is the first row's).
// Failed requests are exchanges whose final answer is a 429, a 5xx or no answer (retries exhausted). Both cases
// run in turn, round by round, on apps of their own (each with its own bucket); the same probe on an unlimited
// app gives the time the requests take by themselves on this machine (the note).
import { closeHttpConnections, createScimClient, type Exchange } from '../src/core/http';
import { CleanupJournal, memoryJournalStore, runProbes } from '../src/core/probes';
import type { Application, RateLimit } from '../src/core/registry/model';
import { startSandbox, type RunningApp } from '../src/sandbox';
import { median } from './harness/measure';
import type { Benchmark, Measurement } from './harness/types';

const RATE = 10;
/** 1,000 users at count=10: about 100 index pages, 50 filtered ones, discovery and the checks (~160 requests). */
const USERS = 1000;
const COUNT = 10;
const ROUNDS = Number(process.env['SCIMWB_BENCH_ROUNDS'] ?? 3);

interface Run { ms: number; requests: number; failed: number; limited: number; waitedMs: number }

async function probeRun(target: RunningApp, id: string, rateLimit: RateLimit | undefined): Promise<Run> {
  const app: Application = { id, baseUrl: target.baseUrl, auth: { type: 'bearer', secret: 'tok' }, probe: { allowWrites: false }, ...(rateLimit ? { rateLimit } : {}) };
  const client = createScimClient(app, { secrets: { get: () => Promise.resolve(target.token) }, env: {} });
  const t0 = performance.now();
  const report = await runProbes(app, { client, journal: new CleanupJournal(memoryJournalStore(), app.id, app.baseUrl), only: ['pagination'], pageSize: COUNT });
  const ms = performance.now() - t0;
  const pagination = report.probes.find((p) => p.probe === 'pagination');
  if (pagination?.observed['distinctResources'] !== USERS) throw new Error(`the probe read ${String(pagination?.observed['distinctResources'])} users, not ${USERS} (${pagination?.status})`);
  const failed = (x: Exchange): boolean => x.response === undefined || x.response.status === 429 || x.response.status >= 500;
  return {
    ms,
    requests: report.transcript.length,
    failed: report.transcript.filter(failed).length,
    limited: report.transcript.reduce((n, x) => n + x.attempts.filter((a) => a.status === 429).length, 0),
    waitedMs: report.transcript.reduce((n, x) => n + x.timings.waitedMs, 0),
  };
}

type Case = 'retryAfter' | 'declared';
const results = new Map<Case, Measurement>();

async function measureBoth(): Promise<void> {
  const limited = { rateLimit: { requestsPerSecond: RATE, retryAfter: true } };
  const sb = await startSandbox({
    apps: [
      { id: 'told', profile: 'strict', users: USERS, groups: 0, quirks: limited },
      { id: 'paced', profile: 'strict', users: USERS, groups: 0, quirks: limited },
      { id: 'free', profile: 'strict', users: USERS, groups: 0 },
    ],
    token: 'bench-token-123456',
  });
  const [told, paced, free] = sb.apps as [RunningApp, RunningApp, RunningApp];
  try {
    await probeRun(free, 'warm', undefined);
    const runs: Record<Case | 'free', Run[]> = { retryAfter: [], declared: [], free: [] };
    for (let r = 0; r < ROUNDS; r++) {
      // Fresh client ids each round: the engine's limiter is per application, and a new one starts with a full bucket
      // like the server's (whose bucket refills while the other cases run).
      const order: (Case | 'free')[] = r % 2 === 0 ? ['retryAfter', 'declared', 'free'] : ['free', 'declared', 'retryAfter'];
      for (const c of order) {
        if (c === 'retryAfter') runs.retryAfter.push(await probeRun(told, `told-${r}`, undefined));
        else if (c === 'declared') runs.declared.push(await probeRun(paced, `paced-${r}`, { requestsPerSecond: RATE }));
        else runs.free.push(await probeRun(free, `free-${r}`, undefined));
      }
    }
    const freeMs = median(runs.free.map((x) => x.ms));
    for (const c of ['retryAfter', 'declared'] as const) {
      const ratios = runs[c].map((x) => x.ms / ((x.requests / RATE) * 1000));
      const failed = Math.max(...runs[c].map((x) => x.failed));
      const list = (f: (x: Run) => number): string => runs[c].map(f).join('/');
      results.set(c, {
        ratio: median(ratios),
        spread: [Math.min(...ratios), Math.max(...ratios)],
        rounds: ROUNDS,
        note: `${list((x) => x.requests)} requests per run, ${(median(runs[c].map((x) => x.ms)) / 1000).toFixed(1)} s (ideal ${(median(runs[c].map((x) => x.requests)) / RATE).toFixed(1)} s); 429s met ${list((x) => x.limited)}, engine waited ${list((x) => Math.round(x.waitedMs / 1000))} s per run; failed ${list((x) => x.failed)}; the same probe unlimited takes ${(freeMs / 1000).toFixed(1)} s here`,
        // The row is the one that learns the limit from Retry-After; the declared case is reported beside it.
        ...(c === 'retryAfter' ? { checks: [{ name: '0 failed requests', ok: failed === 0, detail: `${failed} at most in a run` }] } : {}),
        details: { runs: runs[c], unlimitedMs: runs.free.map((x) => Math.round(x.ms)) },
      });
    }
  } finally {
    await sb.stop();
    await closeHttpConnections();
  }
}

async function get(c: Case): Promise<Measurement> {
  if (!results.has(c)) await measureBoth();
  const m = results.get(c);
  if (!m) throw new Error(`no measurement for ${c}`);
  return m;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'probe under a 10 requests/s limit with Retry-After (limit learnt from 429s)',
    baseline: 'the ideal schedule (requests ÷ 10/s)',
    target: { metric: 'time', atMost: 1.2 },
    run: () => get('retryAfter'),
  },
  {
    name: 'probe under a 10 requests/s limit, declared in the registry (engine paces itself)',
    baseline: 'the ideal schedule (requests ÷ 10/s)',
    run: () => get('declared'),
  },
];

// Child process of paginationProbe.bench.ts: walks a sandbox's users in a process of its own (the sandbox's 100k
// users live in the parent), so its memory figures are the walker's alone. Prints one JSON line.
//   mode walk  : the pagination probe's index walk (walkByIndex through a ProbeContext), ids only
//   mode probe : the whole pagination probe through runProbes (discovery, walks, checks, cleanup)
//   mode bare  : an undici loop fetching the same pages and counting resources, nothing kept
import { request, Agent } from 'undici';
import { closeHttpConnections, createScimClient } from '../src/core/http';
import { CleanupJournal, DEFAULT_PROBE_OPTIONS, memoryJournalStore, ProbeContext, runProbes } from '../src/core/probes';
import { walkByIndex } from '../src/core/probes/pageWalk';
import type { Application } from '../src/core/registry/model';

const [mode, baseUrl, token, usersText] = process.argv.slice(2) as [string, string, string, string];
const users = Number(usersText);
const COUNT = 100;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Sample { pages: number; rss: number; heap: number }
const samples: Sample[] = [];
function sample(pages: number): void {
  gc();
  const m = process.memoryUsage();
  samples.push({ pages, rss: m.rss, heap: m.heapUsed });
}

async function main(): Promise<void> {
  const app: Application = { id: 'bench', baseUrl, auth: { type: 'bearer', secret: 'tok' }, probe: { allowWrites: false } };
  const client = createScimClient(app, { secrets: { get: () => Promise.resolve(token) }, env: {}, transcriptBodyChars: 2048 });
  const pages = Math.ceil(users / COUNT);
  // Warm up connections and code paths, then take the starting point.
  await client.send({ method: 'GET', path: '/Users', query: { count: 1 } });
  sample(0);
  const t0 = performance.now();
  let distinct = 0;
  let transcript = 0;
  if (mode === 'bare') {
    const agent = new Agent();
    for (let p = 0; p < pages; p++) {
      const res = await request(`${baseUrl}/Users?startIndex=${p * COUNT + 1}&count=${COUNT}`, { dispatcher: agent, headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } });
      distinct += ((await res.body.json()) as { Resources: unknown[] }).Resources.length;
      if ((p + 1) % 100 === 0) sample(p + 1);
    }
    await agent.close();
  } else if (mode === 'walk') {
    const ctx = new ProbeContext({
      app, client, journal: new CleanupJournal(memoryJournalStore(), app.id, baseUrl), runId: 'bench', allowWrites: false, idpProfile: 'rfc',
      options: { ...DEFAULT_PROBE_OPTIONS, pageSize: COUNT }, signal: new AbortController().signal, now: Date.now,
      onProgress: (p) => { if (p.done !== undefined && p.done % 10_000 === 0) sample(p.done / COUNT); },
    });
    ctx.begin('pagination');
    const walk = await walkByIndex(ctx, { label: 'the walk', count: COUNT, maxPages: 5000 });
    distinct = walk.distinct;
    transcript = ctx.transcript.length;
  } else {
    const report = await runProbes(app, {
      client, journal: new CleanupJournal(memoryJournalStore(), app.id, baseUrl), only: ['pagination'], pageSize: COUNT, maxPages: 5000,
      onProgress: (p) => { if (p.done !== undefined && p.done % 10_000 === 0) sample(p.done / COUNT); },
    });
    distinct = Number(report.probes.find((p) => p.probe === 'pagination')?.observed['distinctResources'] ?? 0);
    transcript = report.transcript.length;
  }
  const ms = performance.now() - t0;
  sample(pages);
  await closeHttpConnections();
  const first = samples[0] as Sample;
  process.stdout.write(JSON.stringify({
    mode, ms, distinct, transcript,
    rssGrowthMB: (Math.max(...samples.map((s) => s.rss)) - first.rss) / 2 ** 20,
    heapGrowthMB: ((samples[samples.length - 1] as Sample).heap - first.heap) / 2 ** 20,
    heapMB: samples.map((s) => Math.round(s.heap / 2 ** 20)),
  }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

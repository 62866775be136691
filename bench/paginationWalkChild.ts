// Child process of paginationProbe.bench.ts: one side of the pagination row, in a process of its own (the
// sandbox's 100k users live in the parent), so its time, CPU and memory are the client's alone. Prints one JSON line.
//   mode probe <urls-out> : the real pagination probe through runProbes and the engine (discovery, the index walk,
//                           the checks, the filtered walk, the cursor question); writes every URL it sent, in order
//   mode bare <urls-in>   : a bare undici loop fetching those same URLs one by one, parsing each body, keeping nothing
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { closeHttpConnections, createScimClient } from '../src/core/http';
import { CleanupJournal, memoryJournalStore, runProbes } from '../src/core/probes';
import type { Application } from '../src/core/registry/model';

const [mode, baseUrl, token, urlsFile, countText] = process.argv.slice(2) as [string, string, string, string, string];
const COUNT = Number(countText);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Sample { at: number; rss: number; heap: number }
const samples: Sample[] = [];
/** The timed part starts after the warm-up (the first sample) and ends with the last response. */
const clock = { t0: 0, cpu0: process.cpuUsage(), ms: 0, cpuMs: 0 };
function start(): void {
  sample(0);
  clock.t0 = performance.now();
  clock.cpu0 = process.cpuUsage();
}
function stop(): void {
  clock.ms = performance.now() - clock.t0;
  const cpu = process.cpuUsage(clock.cpu0);
  clock.cpuMs = (cpu.user + cpu.system) / 1000;
}
function sample(at: number): void {
  gc();
  const m = process.memoryUsage();
  samples.push({ at, rss: m.rss, heap: m.heapUsed });
}

const app: Application = { id: 'bench', baseUrl, auth: { type: 'bearer', secret: 'tok' }, probe: { allowWrites: false } };

async function probe(): Promise<{ requests: number; distinct: number; transcript: number }> {
  const client = createScimClient(app, { secrets: { get: () => Promise.resolve(token) }, env: {} });
  // Warm the connection and the engine's code paths, as the bare side warms its own.
  await client.send({ method: 'GET', path: '/ServiceProviderConfig' });
  start();
  const report = await runProbes(app, {
    client, journal: new CleanupJournal(memoryJournalStore(), app.id, baseUrl), only: ['pagination'], pageSize: COUNT, maxPages: 5000,
    onProgress: (p) => { if (p.done !== undefined && p.done % 10_000 === 0) sample(p.done); },
  });
  stop();
  const pagination = report.probes.find((p) => p.probe === 'pagination');
  if (pagination?.status === 'error' || pagination?.status === 'skipped') throw new Error(`the pagination probe ended ${pagination.status}`);
  // The bare side replays exactly what the probe sent (the URLs are redacted copies, but nothing here is a secret).
  const urls = report.transcript.map((x) => x.request.url);
  writeFileSync(urlsFile, urls.join('\n'));
  await closeHttpConnections();
  return { requests: urls.length, distinct: Number(pagination?.observed['distinctResources'] ?? 0), transcript: report.transcript.length };
}

async function bare(): Promise<{ requests: number; distinct: number; transcript: number }> {
  const urls = readFileSync(urlsFile, 'utf8').split('\n');
  const agent = new Agent();
  const headers = { authorization: `Bearer ${token}`, accept: 'application/scim+json' };
  await (await request(`${baseUrl}/ServiceProviderConfig`, { dispatcher: agent, headers })).body.text();
  start();
  let resources = 0;
  for (let i = 0; i < urls.length; i++) {
    const res = await request(urls[i] as string, { dispatcher: agent, headers });
    const body = (await res.body.json()) as { Resources?: unknown[] };
    resources += body.Resources?.length ?? 0;
    if ((i + 1) % 100 === 0) sample(i + 1);
  }
  stop();
  await agent.close();
  return { requests: urls.length, distinct: resources, transcript: 0 };
}

async function main(): Promise<void> {
  const r = mode === 'probe' ? await probe() : await bare();
  sample(Number.MAX_SAFE_INTEGER);
  const first = samples[0] as Sample;
  process.stdout.write(JSON.stringify({
    mode, ms: clock.ms, cpuMs: clock.cpuMs, ...r,
    rssGrowthMB: (Math.max(...samples.map((s) => s.rss)) - first.rss) / 2 ** 20,
    heapMB: samples.filter((_, i) => i === 0 || i === samples.length - 1 || i % 10 === 0).map((s) => Math.round(s.heap / 2 ** 20)),
  }) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

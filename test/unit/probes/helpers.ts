// Probes against a real sandbox on 127.0.0.1:0: one application per preset, a registry entry pointing at it,
// a client through the real engine, and an in-memory (or file) journal.
import { createScimClient, type ScimClient } from '../../../src/core/http';
import { CleanupJournal, memoryJournalStore, runProbes, type JournalStore, type ProbeReport, type RunProbesOptions } from '../../../src/core/probes';
import type { Application } from '../../../src/core/registry/model';
import { startSandbox, type RunningApp, type RunningSandbox, type StartOptions } from '../../../src/sandbox';

export const TOKEN = 'probe-test-token-7c1e';

export async function startPresets(presets: string[], extra: Partial<StartOptions> & { users?: number } = {}): Promise<RunningSandbox> {
  const { users, ...rest } = extra;
  return startSandbox({ apps: presets.map((p) => ({ id: p, profile: p, users: users ?? 60, groups: 6 })), token: TOKEN, seed: 3, ...rest });
}

export function appEntry(running: RunningApp, extra: Partial<Application> = {}): Application {
  return {
    id: running.id,
    baseUrl: running.baseUrl,
    environment: 'sandbox',
    auth: { type: 'bearer', secret: 'probe-token' },
    probe: { allowWrites: true, idpProfile: 'rfc' },
    ...extra,
  };
}

export function clientFor(app: Application): ScimClient {
  return createScimClient(app, {
    secrets: { get: (name) => Promise.resolve(name === 'probe-token' ? TOKEN : undefined) },
    transcriptBodyChars: 2048,
  });
}

export async function probe(
  app: Application,
  opts: Partial<RunProbesOptions> & { store?: JournalStore } = {},
): Promise<{ report: ProbeReport; journal: CleanupJournal }> {
  const journal = new CleanupJournal(opts.store ?? memoryJournalStore(), app.id, app.baseUrl);
  const report = await runProbes(app, { client: clientFor(app), journal, ...opts });
  return { report, journal };
}

/** Every finding code of a report, sorted and de-duplicated. */
export function codesOf(report: ProbeReport, probe?: string): string[] {
  return [...new Set(report.probes.filter((p) => !probe || p.probe === probe).flatMap((p) => p.findings.map((f) => f.code)))].sort();
}

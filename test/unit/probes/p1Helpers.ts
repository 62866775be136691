// Sandboxes with one application per quirk set, for testing each finding both ways (a switch that provokes it,
// strict that does not), and small readers of a report.
import { startSandbox, type QuirkOverrides, type RequestLogEntry, type RunningSandbox } from '../../../src/sandbox';
import type { ProbeReport, ProbeResult } from '../../../src/core/probes';
import { TOKEN } from './helpers';

export interface AppSpecLite {
  id: string;
  profile?: string;
  quirks?: QuirkOverrides;
  users?: number;
}

export async function startApps(apps: AppSpecLite[], opts: { onRequest?: (e: RequestLogEntry) => void; users?: number } = {}): Promise<RunningSandbox> {
  return startSandbox({
    apps: apps.map((a) => ({ id: a.id, profile: a.profile ?? 'strict', users: a.users ?? opts.users ?? 120, groups: 4, ...(a.quirks ? { quirks: a.quirks } : {}) })),
    token: TOKEN,
    seed: 5,
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
  });
}

export function result(report: ProbeReport, probe: string): ProbeResult {
  const r = report.probes.find((p) => p.probe === probe);
  if (!r) throw new Error(`no ${probe} result`);
  return r;
}

export function check(report: ProbeReport, probe: string, name: string): ProbeResult['checks'][number] {
  const c = result(report, probe).checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check "${name}" in ${probe}: ${result(report, probe).checks.map((x) => x.name).join(' | ')}`);
  return c;
}

export function fieldOf(report: ProbeReport, probe: string, path: string): unknown {
  return result(report, probe).fields.find((f) => f.field.join('.') === path)?.observed;
}

/** Each finding's evidence ids exist in the transcript, and every finding has some. */
export function evidenceResolves(report: ProbeReport): string[] {
  const ids = new Set(report.transcript.map((x) => x.id));
  const problems: string[] = [];
  for (const p of report.probes) {
    for (const f of p.findings) {
      if (f.code === 'REGISTRY_DRIFT') continue;
      if (f.evidence.length === 0) problems.push(`${f.code} has no evidence`);
      for (const e of f.evidence) if (!ids.has(e)) problems.push(`${f.code} names ${e}, not in the transcript`);
    }
  }
  return problems;
}

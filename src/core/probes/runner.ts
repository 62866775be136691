// Runs probes against one application: orders them (discovery first, and whatever a probe needs), gates
// writes, contains failures (one probe's crash is that probe's `error`, not the run's), stops promptly when
// cancelled, computes drift against the registry, and always cleans up what the run created.
import { randomBytes } from 'node:crypto';
import type { Application, IdpProfile } from '../registry/model';
import { version } from '../version';
import type { ScimClient } from '../http';
import { cleanUpJournal } from './cleanup';
import { DEFAULT_PROBE_OPTIONS, DEFAULT_TEST_PREFIX, ProbeCancelled, ProbeContext, ProbeSkipped } from './context';
import { driftFindings } from './drift';
import type { CleanupJournal } from './journal';
import { ALL_PROBES } from './probeList';
import { PROBE_NAMES, type Probe, type ProbeName, type ProbeOptions, type ProbeProgress, type ProbeReport, type ProbeResult, type ProbeStatus } from './types';

export interface RunProbesOptions extends ProbeOptions {
  client: ScimClient;
  journal: CleanupJournal;
  signal?: AbortSignal;
  onProgress?: (p: ProbeProgress) => void;
  /** Default: the application's `probe.allowWrites === true`. A front end may only narrow it. */
  allowWrites?: boolean;
  /** Default: the application's `probe.idpProfile`, else `rfc`. */
  idpProfile?: IdpProfile;
  runId?: string;
  now?: () => number;
  /** How probes wait (deactivation polling); default a real, abortable timer. Tests inject a fake clock's. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Probe implementations (tests inject their own); default every probe. */
  probes?: readonly Probe[];
  /** Cleanup at the end of the run ignores the run's signal (a cancelled run still removes what it made). */
  cleanupSignal?: AbortSignal;
}

/** A short random id (lower-case letters and digits) that makes this run's test names unique. */
export function newRunId(): string {
  return randomBytes(5).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 6);
}

/** The probes to run, in run order, with what they need added. Unknown names are a usage error. */
export function planProbes(only: readonly string[] | undefined, available: readonly Probe[] = ALL_PROBES): Probe[] {
  const byName = new Map(available.map((p) => [p.name, p] as const));
  const unknown = (only ?? []).filter((n) => !byName.has(n as ProbeName));
  if (unknown.length) throw new Error(`unknown probe ${unknown.map((n) => `'${n}'`).join(', ')} (known: ${available.map((p) => p.name).join(', ')})`);
  const wanted = new Set<ProbeName>((only as ProbeName[] | undefined) ?? available.map((p) => p.name));
  const add = (name: ProbeName): void => {
    for (const need of byName.get(name)?.needs ?? []) {
      if (!wanted.has(need)) {
        wanted.add(need);
        add(need);
      }
    }
  };
  for (const n of [...wanted]) add(n);
  return PROBE_NAMES.filter((n) => wanted.has(n) && byName.has(n)).map((n) => byName.get(n) as Probe);
}

function statusOf(findings: ProbeResult['findings']): ProbeStatus {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'warn';
  return 'pass';
}

export async function runProbes(app: Application, opts: RunProbesOptions): Promise<ProbeReport> {
  const now = opts.now ?? Date.now;
  const signal = opts.signal ?? new AbortController().signal;
  const plan = planProbes(opts.only, opts.probes ?? ALL_PROBES);
  const runId = opts.runId ?? newRunId();
  const allowWrites = opts.allowWrites ?? app.probe?.allowWrites === true;
  const idpProfile = opts.idpProfile ?? app.probe?.idpProfile ?? 'rfc';
  const progress = opts.onProgress ?? (() => undefined);
  const ctx = new ProbeContext({
    app, client: opts.client, journal: opts.journal, runId, allowWrites, idpProfile, signal, now,
    onProgress: progress,
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    options: {
      maxPages: opts.maxPages ?? DEFAULT_PROBE_OPTIONS.maxPages,
      pageSize: opts.pageSize ?? DEFAULT_PROBE_OPTIONS.pageSize,
      deactivationHorizonMs: opts.deactivationHorizonMs ?? DEFAULT_PROBE_OPTIONS.deactivationHorizonMs,
      transcriptBodyChars: opts.transcriptBodyChars ?? DEFAULT_PROBE_OPTIONS.transcriptBodyChars,
      maxCursorWaitMs: opts.maxCursorWaitMs ?? DEFAULT_PROBE_OPTIONS.maxCursorWaitMs,
    },
  });
  const started = now();
  const probes: ProbeResult[] = [];
  let cancelled = false;

  for (const probe of plan) {
    const t0 = now();
    const startedAt = new Date(t0).toISOString();
    const finish = (status: ProbeStatus, scratch: ReturnType<ProbeContext['begin']>, reason?: string): void => {
      const t1 = now();
      const result: ProbeResult = {
        probe: probe.name, status, startedAt, finishedAt: new Date(t1).toISOString(), durationMs: Math.round(t1 - t0),
        summary: scratch.summary || (reason ?? ''), observed: scratch.observed, findings: scratch.findings, checks: scratch.checks, fields: scratch.fields,
      };
      if (reason !== undefined) result.reason = reason;
      probes.push(result);
      ctx.results.set(probe.name, result);
    };
    const scratch = ctx.begin(probe.name);
    if (cancelled || signal.aborted) {
      cancelled = true;
      finish('skipped', scratch, 'the run was cancelled');
      ctx.end();
      continue;
    }
    if (probe.writes === 'always' && !allowWrites) {
      finish('skipped', scratch, `it creates test resources and writes are not allowed: set "probe": { "allowWrites": true } on ${app.id} to run it`);
      ctx.end();
      continue;
    }
    const unmet = (probe.needs ?? []).filter((n) => ctx.results.get(n)?.status === 'skipped' || ctx.results.get(n)?.status === 'error');
    if (unmet.length) {
      finish('skipped', scratch, `it needs the ${unmet.join(' and ')} probe, which did not run`);
      ctx.end();
      continue;
    }
    progress({ app: app.id, probe: probe.name, message: `${probe.title}...` });
    try {
      await probe.run(ctx);
      scratch.findings.push(...driftFindings(app, probe.name, scratch.fields, startedAt));
      finish(statusOf(scratch.findings), scratch);
    } catch (err) {
      if (err instanceof ProbeCancelled || signal.aborted) {
        cancelled = true;
        finish('skipped', scratch, 'the run was cancelled');
      } else {
        // What the probe observed before it stopped is still observed: a declared field it contradicts is drift
        // (a rate-limited pagination run that saw 429s without Retry-After, then gave up, once reported nothing).
        scratch.findings.push(...driftFindings(app, probe.name, scratch.fields, startedAt));
        if (err instanceof ProbeSkipped) finish('skipped', scratch, err.message);
        else finish('error', scratch, `the probe failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    } finally {
      ctx.end();
    }
  }

  progress({ app: app.id, message: 'removing test resources...' });
  const cleanup = await cleanUpJournal(opts.client, opts.journal, {
    prefix: app.probe?.testUserPrefix || DEFAULT_TEST_PREFIX,
    runId,
    ...(opts.cleanupSignal ? { signal: opts.cleanupSignal } : {}),
    onExchange: (x) => ctx.transcript.push(x),
    onProgress: (message, done, total) => progress({ app: app.id, message, done, total }),
  });
  const finished = now();
  return {
    app: app.id,
    baseUrl: app.baseUrl,
    runId,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: Math.round(finished - started),
    idpProfile,
    toolVersion: version,
    writes: allowWrites,
    cancelled,
    probes,
    cleanup,
    transcript: ctx.transcript,
  };
}

/** Exit-code rule shared by the CLI and CI: an error finding anywhere fails the run. */
export function reportHasErrors(report: ProbeReport): boolean {
  return report.probes.some((p) => p.status === 'error' || p.findings.some((f) => f.severity === 'error'));
}

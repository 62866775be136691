// What the editor keeps of probe runs between sessions: the latest runs of each application, newest first, up to
// a limit, each report with secrets redacted (again: the engine already redacts, this also catches a secret echoed
// in a shape the engine did not know) and its transcript cut to the exchanges findings cite when it is large.
// Pure data in, data out; the VS Code side only reads and writes the files.
import type { Exchange } from '../http';
import type { ProbeReport } from '../probes/types';
import { redact, type RedactableSecret } from '../registry/secrets';

export const RUN_HISTORY_VERSION = 1;
/** Transcript characters kept as is; above this only the exchanges cited as evidence are kept. */
export const DEFAULT_TRANSCRIPT_CHARS = 1_500_000;

export interface StoredRun {
  /** The registry the application came from (a file URI, or `scim-registry:/sandbox...` for the sandbox). */
  registry: string;
  appId: string;
  appName?: string;
  environment?: string;
  storedAt: string;
  report: ProbeReport;
  /** Exchanges left out of `report.transcript` because no finding or check cited them. */
  droppedExchanges: number;
}

export interface RunHistoryFile {
  version: typeof RUN_HISTORY_VERSION;
  key: string;
  runs: StoredRun[];
}

/** One history per application of one registry. */
export function historyKey(registry: string, appId: string): string {
  return `${registry}#${appId}`;
}

/** Ids of the exchanges the report's findings and checks cite. */
export function citedExchanges(report: ProbeReport): Set<string> {
  const ids = new Set<string>();
  for (const p of report.probes) {
    for (const f of p.findings) for (const id of f.evidence) ids.add(id);
    for (const c of p.checks) for (const id of c.evidence ?? []) ids.add(id);
    for (const o of p.fields) for (const id of o.evidence ?? []) ids.add(id);
  }
  return ids;
}

/** A copy fit for storage: every secret value redacted, the transcript trimmed past `maxTranscriptChars`. */
export function prepareForStorage(
  report: ProbeReport, secrets: readonly RedactableSecret[], maxTranscriptChars = DEFAULT_TRANSCRIPT_CHARS,
): { report: ProbeReport; droppedExchanges: number } {
  // Every string on its own: a body's text is JSON inside JSON, so redacting the serialised report would miss a
  // secret escaped twice.
  const copy = redactStrings(report, secrets) as ProbeReport;
  if (JSON.stringify(copy.transcript).length <= maxTranscriptChars) return { report: copy, droppedExchanges: 0 };
  const cited = citedExchanges(copy);
  const kept: Exchange[] = copy.transcript.filter((x) => cited.has(x.id));
  const droppedExchanges = copy.transcript.length - kept.length;
  copy.transcript = kept;
  return { report: copy, droppedExchanges };
}

function redactStrings(v: unknown, secrets: readonly RedactableSecret[]): unknown {
  if (typeof v === 'string') return redact(v, secrets);
  if (Array.isArray(v)) return v.map((x) => redactStrings(x, secrets));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactStrings(x, secrets)]));
  return v;
}

/** The history with `run` first, older runs of the same history after it, at most `limit` (at least 1). */
export function addRun(runs: readonly StoredRun[], run: StoredRun, limit: number): StoredRun[] {
  const keep = Math.max(1, Math.floor(limit));
  return [run, ...runs.filter((r) => r.report.runId !== run.report.runId)].slice(0, keep);
}

function isStoredRun(v: unknown): v is StoredRun {
  const r = v as Partial<StoredRun> | null;
  const rep = r?.report as Partial<ProbeReport> | undefined;
  return !!r && typeof r.registry === 'string' && typeof r.appId === 'string' && typeof r.storedAt === 'string' &&
    !!rep && typeof rep.runId === 'string' && typeof rep.app === 'string' && Array.isArray(rep.probes) && Array.isArray(rep.transcript);
}

/**
 * Reads a history file. A damaged or foreign file yields no runs and a problem to log, never an exception: the
 * view then starts empty rather than failing.
 */
export function parseHistoryFile(text: string): { key?: string; runs: StoredRun[]; problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { runs: [], problem: `not JSON (${(err as Error).message})` };
  }
  const file = parsed as Partial<RunHistoryFile> | null;
  if (!file || file.version !== RUN_HISTORY_VERSION || typeof file.key !== 'string' || !Array.isArray(file.runs)) {
    return { runs: [], problem: `not a version ${RUN_HISTORY_VERSION} probe history` };
  }
  const runs = file.runs.filter(isStoredRun);
  return { key: file.key, runs, ...(runs.length < file.runs.length ? { problem: `${file.runs.length - runs.length} damaged run(s) left out` } : {}) };
}

export function historyFileText(key: string, runs: readonly StoredRun[]): string {
  const file: RunHistoryFile = { version: RUN_HISTORY_VERSION, key, runs: [...runs] };
  return JSON.stringify(file);
}

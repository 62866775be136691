// The shapes every probe, report writer and front end (CLI, VS Code) shares. The report JSON is a contract
// (issue 12): add optional fields, never rename.
import type { Exchange } from '../http';
import type { Application, IdpProfile, JsonPath } from '../registry/model';
import type { ProbeContext } from './context';

export const PROBE_NAMES = [
  'discovery', 'pagination', 'filters', 'errors', 'deactivation', 'groups', 'registry-filters', 'group-mapping', 'bulk', 'lifecycle',
] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

export type ProbeStatus = 'pass' | 'warn' | 'fail' | 'skipped' | 'error';
export type FindingSeverity = 'error' | 'warning' | 'info';

/** JSON values only: reports are written as JSON and kept in workspace storage. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ProbeFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  probe: ProbeName;
  /** Ids of the transcript exchanges that prove it (at least one, except for registry-only findings). */
  evidence: string[];
  /** The registry field the finding concerns, relative to the application (e.g. `['pagination', 'maxPageSize']`). */
  field?: JsonPath;
  /** REGISTRY_DRIFT: what the registry declares and what was observed. */
  declared?: Json;
  observed?: Json;
}

/** One thing a probe checked: a JUnit test case, a line in the Markdown evidence. */
export interface ProbeCheck {
  name: string;
  status: 'pass' | 'fail' | 'warn' | 'skipped';
  /** What was seen (pass) or what went wrong (fail/warn), or why it was skipped. */
  message?: string;
  /** Codes of the findings this check produced. */
  codes?: string[];
  evidence?: string[];
}

/**
 * A value a probe observed for a declared registry field. The runner compares it with what the registry
 * declares (REGISTRY_DRIFT) and `--promote` writes it into the field.
 * `update: 'always'` marks bookkeeping fields that write-back updates without promotion (a registry filter's
 * `status` and `testedAt`); they never produce drift.
 */
export interface FieldObservation {
  field: JsonPath;
  observed: Json;
  update?: 'promote' | 'always';
  /** Evidence for the observed value. */
  evidence?: string[];
  /** Numbers within this distance of the declared value are no drift (measured delays, for instance). */
  tolerance?: number;
  /** `set`: arrays compare without order. */
  compare?: 'exact' | 'set';
}

export interface ProbeResult {
  probe: ProbeName;
  status: ProbeStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** One-line summary for views (`max 50/page`, `delay 0 s`, `7/12 operators`). */
  summary: string;
  /** Figures: maxPageSize, totalResults per page, duplicates, missing, contract and delay, operators... */
  observed: Record<string, Json>;
  findings: ProbeFinding[];
  checks: ProbeCheck[];
  fields: FieldObservation[];
  /** skipped: why; error: what broke. */
  reason?: string;
}

export interface CleanupSummary {
  /** Resources the run created (journalled). */
  created: number;
  deleted: number;
  /** Resources that could not be removed, with why; they stay in the journal for `cleanup`. */
  failed: { kind: string; name: string; id?: string; reason: string }[];
}

export interface ProbeReport {
  app: string;
  baseUrl: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  idpProfile: IdpProfile;
  toolVersion: string;
  /** Whether writing probes were allowed to write in this run. */
  writes: boolean;
  cancelled: boolean;
  probes: ProbeResult[];
  cleanup: CleanupSummary;
  /** Every exchange of the run, redacted and compacted (bodies cut to a few KB). */
  transcript: Exchange[];
}

/** How a probe relates to writes, for pickers and the safety gate. */
export type WriteMode = 'never' | 'some' | 'always';

export interface Probe {
  name: ProbeName;
  title: string;
  /** never: read-only. some: its writing checks are skipped without allowWrites. always: skipped without it. */
  writes: WriteMode;
  /** Probes that must run first in the same run (their results are in `ctx.results`). */
  needs?: ProbeName[];
  run(ctx: ProbeContext): Promise<void>;
}

export interface ProbeOptions {
  /** Probes to run, in any order; the runner orders them and adds what they need. Default: every read-only one. */
  only?: ProbeName[];
  /** Pages walked at most per walk (default 2,000). */
  maxPages?: number;
  /** Page size asked for (default 100). */
  pageSize?: number;
  /** How long deactivation is watched for a delayed effect (default 120 s). */
  deactivationHorizonMs?: number;
  /** Characters of each body kept in the transcript (default 2,048). */
  transcriptBodyChars?: number;
  /** Longest wait for a cursor to expire (the server's cursorTimeout plus a second); longer timeouts are not checked (default 60 s). */
  maxCursorWaitMs?: number;
}

export interface ProbeProgress {
  app: string;
  probe?: ProbeName;
  message: string;
  /** Counters during long walks: pages walked, filters tried. */
  done?: number;
  total?: number;
}

export type { Application };

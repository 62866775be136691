// Keeps the registry true after a run: each probe's observation goes under `observed.<probe>`, bookkeeping
// fields (a registry filter's status and testedAt) are updated, and declared fields change only on promotion.
// Built on the registry's minimal-edit write-back, so comments and formatting elsewhere stay byte-for-byte.
import { promoteObservation, updateObserved } from '../registry/writeBack';
import type { FigureValue, Observation } from '../registry/model';
import { fieldName } from './drift';
import type { Json, ProbeFinding, ProbeReport, ProbeResult } from './types';

/** Scalars as they are, arrays of scalars joined, the rest left out: `figures` holds scalars only. */
export function figuresOf(observed: Record<string, Json>): Record<string, FigureValue> {
  const out: Record<string, FigureValue> = {};
  for (const [k, v] of Object.entries(observed)) {
    if (v === null || typeof v !== 'object') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) out[k] = v.map(String).join(', ');
  }
  return out;
}

/** What `observed.<probe>` records for a result; undefined for a probe that did not run. */
export function observationOf(result: ProbeResult, toolVersion: string): Observation | undefined {
  if (result.status === 'skipped') return undefined;
  const o: Observation = { lastRun: result.finishedAt, verdict: result.status, durationMs: result.durationMs };
  const summary = result.summary || result.reason;
  if (summary) o.summary = summary;
  const figures = figuresOf(result.observed);
  if (Object.keys(figures).length) o.figures = figures;
  o.findingCodes = [...new Set(result.findings.map((f) => f.code))].sort();
  o.toolVersion = toolVersion;
  return o;
}

export interface WriteBackOutcome {
  text: string;
  /** One line per change, e.g. `observed.pagination`, `filters[2].status: "works"`. */
  applied: string[];
  /** Changes that could not be made, with why (the text is left as it was for those). */
  problems: string[];
  /** The run's REGISTRY_DRIFT findings (declared vs observed), printed whether or not they were promoted. */
  drift: ProbeFinding[];
}

/**
 * Applies a report to a registry's text. `promote` also writes observed values into declared fields
 * (pagination, deactivation, rateLimit.retryAfter...), which is otherwise never done.
 */
export function writeBackReport(text: string, report: ProbeReport, opts: { promote?: boolean } = {}): WriteBackOutcome {
  const out: WriteBackOutcome = { text, applied: [], problems: [], drift: [] };
  const apply = (label: string, r: ReturnType<typeof updateObserved>): void => {
    if (r.ok) {
      out.text = r.text;
      out.applied.push(label);
    } else {
      out.problems.push(`${label}: ${r.error}`);
    }
  };
  for (const result of report.probes) {
    out.drift.push(...result.findings.filter((f) => f.code === 'REGISTRY_DRIFT'));
    const observation = observationOf(result, report.toolVersion);
    if (!observation) continue;
    apply(`observed.${result.probe}`, updateObserved(out.text, report.app, result.probe, observation));
    for (const f of result.fields) {
      if (f.update === 'always' || opts.promote) {
        apply(`${fieldName(f.field)}: ${JSON.stringify(f.observed)}`, promoteObservation(out.text, report.app, f.field, f.observed));
      }
    }
  }
  return out;
}

// REGISTRY_DRIFT in the registry file: where each declared field that the latest run of its application
// contradicts sits, with what was declared, what was observed, when and by which run. A drift whose declared value
// has since been changed to agree (or removed) is gone: the marks follow the file as it is now.
import { driftFindings, fieldName, sameValue, valueAt } from '../probes/drift';
import type { FieldObservation, Json, ProbeName } from '../probes/types';
import type { Application, JsonPath, ParsedRegistry } from '../registry';
import type { OffsetRange } from '../text';
import type { StoredRun } from './runHistory';

export interface DriftMark {
  appId: string;
  appIndex: number;
  field: JsonPath;
  /** The declared value in the file. */
  range: OffsetRange;
  declared: Json;
  observed: Json;
  probe: ProbeName;
  runId: string;
  when: string;
  message: string;
}

/** The latest stored run of an application of this registry, by id (case-insensitive like --app). */
export type LatestRun = (appId: string) => StoredRun | undefined;

function observationsOf(run: StoredRun): { probe: ProbeName; obs: FieldObservation; when: string }[] {
  return run.report.probes.flatMap((p) => p.fields.map((obs) => ({ probe: p.probe, obs, when: p.finishedAt })));
}

export function driftMarks(parsed: ParsedRegistry, latest: LatestRun): DriftMark[] {
  const marks: DriftMark[] = [];
  for (const pa of parsed.applications) {
    const app = pa.app as Application;
    if (typeof app?.id !== 'string') continue;
    const run = latest(app.id);
    if (!run) continue;
    for (const { probe, obs, when } of observationsOf(run)) {
      // The same comparison the runner made, against the file as it is now.
      const [finding] = driftFindings(app, probe, [obs], when);
      if (!finding) continue;
      const range = parsed.rangeOf(['applications', pa.index, ...obs.field], 'value');
      if (!range) continue;
      marks.push({
        appId: app.id, appIndex: pa.index, field: obs.field, range,
        declared: valueAt(app, obs.field) as Json, observed: obs.observed, probe, runId: run.report.runId, when,
        message: `${fieldName(obs.field)} is declared ${JSON.stringify(valueAt(app, obs.field))} but the ${probe} probe observed ${JSON.stringify(obs.observed)} (run ${run.report.runId}, ${when}).`,
      });
    }
  }
  return marks;
}

export interface FieldObservationNote {
  probe: ProbeName;
  field: JsonPath;
  observed: Json;
  declared: unknown;
  agrees: boolean;
  runId: string;
  when: string;
}

/**
 * What the latest run observed of the field at `path` (a JSON path in the registry document, e.g.
 * `['applications', 2, 'deactivation', 'contract']`), or of the fields under it (hovering `deactivation`).
 */
export function observationsAt(parsed: ParsedRegistry, path: JsonPath, latest: LatestRun): FieldObservationNote[] {
  if (path[0] !== 'applications' || typeof path[1] !== 'number') return [];
  const pa = parsed.applications.find((a) => a.index === path[1]);
  const app = pa?.app as Application | undefined;
  if (!app || typeof app.id !== 'string') return [];
  const rel = path.slice(2);
  if (rel.length === 0 || rel[0] === 'observed') return [];
  const run = latest(app.id);
  if (!run) return [];
  return observationsOf(run)
    .filter(({ obs }) => obs.update !== 'always' && rel.every((seg, i) => obs.field[i] === seg))
    .map(({ probe, obs, when }) => {
      const declared = valueAt(app, obs.field);
      return { probe, field: obs.field, observed: obs.observed, declared, agrees: declared !== undefined && sameValue(declared, obs.observed, obs), runId: run.report.runId, when };
    });
}

/** Hover text for those notes: one line each. */
export function observationMarkdown(notes: readonly FieldObservationNote[]): string {
  return notes.map((n) => {
    const verdict = n.declared === undefined ? 'not declared' : n.agrees ? 'agrees with the declared value' : `declared \`${JSON.stringify(n.declared)}\``;
    return `**Last observed** \`${fieldName(n.field)}\`: \`${JSON.stringify(n.observed)}\` (${verdict}), by the ${n.probe} probe, run ${n.runId}, ${n.when}`;
  }).join('\n\n');
}

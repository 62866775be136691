// REGISTRY_DRIFT: an observation that contradicts what the registry declares. Computed the same way for every
// probe from its field observations, so each probe only says what it saw.
import type { Application, JsonPath } from '../registry/model';
import type { FieldObservation, Json, ProbeFinding, ProbeName } from './types';

export function valueAt(app: Application, path: JsonPath): unknown {
  let v: unknown = app;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function canonical(v: unknown, set: boolean): string {
  if (Array.isArray(v)) {
    const items = v.map((x) => canonical(x, set));
    return `[${(set ? items.sort() : items).join(',')}]`;
  }
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k], set)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function sameValue(declared: unknown, observed: Json, obs: Pick<FieldObservation, 'tolerance' | 'compare'> = {}): boolean {
  if (typeof declared === 'number' && typeof observed === 'number' && obs.tolerance !== undefined) {
    return Math.abs(declared - observed) <= obs.tolerance;
  }
  return canonical(declared, obs.compare === 'set') === canonical(observed, obs.compare === 'set');
}

export function fieldName(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Drift findings for one probe's field observations. */
export function driftFindings(app: Application, probe: ProbeName, fields: readonly FieldObservation[], when: string): ProbeFinding[] {
  const out: ProbeFinding[] = [];
  for (const f of fields) {
    if (f.update === 'always') continue;
    const declared = valueAt(app, f.field);
    // `untested` is the registry's way of saying "not observed yet": an observation fills it, it does not contradict it.
    if (declared === undefined || declared === 'untested' || sameValue(declared, f.observed, f)) continue;
    out.push({
      code: 'REGISTRY_DRIFT',
      severity: 'warning',
      message: `${fieldName(f.field)} is declared ${JSON.stringify(declared)} but the ${probe} probe observed ${JSON.stringify(f.observed)} (${when}).`,
      probe,
      evidence: [...(f.evidence ?? [])],
      field: f.field,
      declared: declared as Json,
      observed: f.observed,
    });
  }
  return out;
}

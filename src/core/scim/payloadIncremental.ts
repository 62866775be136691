// Incremental re-analysis for the editor: after an edit inside one resource of a ListResponse page, only that
// resource is parsed and checked again; every other resource keeps its findings, moved by the edit's length.
// The result is exactly what analyzePayload gives on the new text (a property test holds it to that). Anything
// the session cannot localise (an edit touching a resource's braces, the space between resources, the list's own
// members; a resource that no longer parses alone; a document that is not a ListResponse) re-runs the full pass.
import { sortFindings, type Finding, type TextEdit } from '../findings';
import type { OffsetRange } from '../text';
import { SchemaCatalog } from './catalog';
import { locateElements } from './payloadLocate';
import { RuleContext, findKey, isObject, type Json, type JsonObject, type PayloadOptions } from './payloadModel';
import { analyzePayloadValue, checkListResource, resolveFindings, type PayloadAnalysis } from './payloadRules';

/** One replacement, in offsets of the text as it was just before it (VS Code's contentChanges, applied in order). */
export interface PayloadTextChange {
  start: number;
  end: number;
  text: string;
}

/** Where the session reads the new text: a string, or slices of it (the editor's document, without a full copy). */
export type PayloadTextSource = string | { slice(start: number, end: number): string; all(): string };

interface ListState {
  /** Value ranges of the resources, kept current under edits. */
  starts: number[];
  ends: number[];
  /** Findings of each resource, relative to its start (only resources that have some). */
  byResource: Map<number, Finding[]>;
  /** Findings outside every resource (the list's own members), in document offsets. */
  outside: Finding[];
}

export type UpdateKind = 'full' | 'incremental';

export class PayloadAnalysisSession {
  private list: ListState | undefined;
  private current: PayloadAnalysis;
  /** How the last result was computed (tests and benchmarks look at it). */
  lastUpdate: UpdateKind = 'full';

  constructor(text: string, private readonly opts: PayloadOptions = {}) {
    this.current = this.full(text);
  }

  get analysis(): PayloadAnalysis {
    return this.current;
  }

  /** Applies `changes` (in order) and returns the analysis of the resulting text. */
  update(changes: readonly PayloadTextChange[], source: PayloadTextSource): PayloadAnalysis {
    const list = this.list;
    const dirty = list ? this.shift(list, changes) : undefined;
    if (!list || !dirty) return (this.current = this.full(all(source)));
    for (const k of dirty) {
      const own = this.recheck(slice(source, list.starts[k] as number, list.ends[k] as number));
      if (!own) return (this.current = this.full(all(source)));
      if (own.length > 0) list.byResource.set(k, own);
      else list.byResource.delete(k);
    }
    this.lastUpdate = 'incremental';
    return (this.current = { kind: this.current.kind, findings: assemble(list) });
  }

  private full(text: string): PayloadAnalysis {
    this.lastUpdate = 'full';
    const { kind, findings, value } = analyzePayloadValue(text, this.opts);
    this.list = kind === 'listResponse' && value !== undefined ? listState(text, value, findings) : undefined;
    return { kind, findings };
  }

  /** Moves ranges for each change; returns the resources to re-check, or undefined when a change is not local. */
  private shift(list: ListState, changes: readonly PayloadTextChange[]): Set<number> | undefined {
    const dirty = new Set<number>();
    for (const c of changes) {
      const k = resourceAround(list, c);
      if (k < 0) return undefined;
      const delta = c.text.length - (c.end - c.start);
      if (delta !== 0) {
        for (const f of list.outside) if (!shiftFinding(f, c, delta)) return undefined;
        list.ends[k] = (list.ends[k] as number) + delta;
        for (let j = k + 1; j < list.starts.length; j++) {
          list.starts[j] = (list.starts[j] as number) + delta;
          list.ends[j] = (list.ends[j] as number) + delta;
        }
      }
      dirty.add(k);
    }
    return dirty;
  }

  /** The findings of one resource's new text, relative to its start; undefined when it must go to a full pass. */
  private recheck(text: string): Finding[] | undefined {
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      return undefined;
    }
    if (!isObject(value)) return undefined;
    const ctx = new RuleContext(this.opts.catalog ?? SchemaCatalog.standard(), this.opts);
    try {
      checkListResource(ctx, value);
    } catch {
      return undefined; // the full pass turns it into its INTERNAL_ERROR finding
    }
    return resolveFindings(text, ctx);
  }
}

function all(source: PayloadTextSource): string {
  return typeof source === 'string' ? source : source.all();
}

function slice(source: PayloadTextSource, start: number, end: number): string {
  return source.slice(start, end); // a string's own slice, or the editor's document range
}

/** The resource strictly inside whose braces `c` falls (its `{` and `}` untouched), or -1. */
function resourceAround(list: ListState, c: PayloadTextChange): number {
  const { starts, ends } = list;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < c.start) lo = mid + 1;
    else hi = mid - 1;
  }
  const k = lo - 1;
  if (k < 0) return -1;
  return c.start > (starts[k] as number) && c.end < (ends[k] as number) ? k : -1;
}

function moved(r: OffsetRange, c: PayloadTextChange, delta: number): OffsetRange | undefined {
  if (r.end <= c.start) return r;
  if (r.start >= c.end) return { start: r.start + delta, end: r.end + delta };
  return undefined;
}

/** Shifts a finding outside every resource past a change; false when the change cuts into it. */
function shiftFinding(f: Finding, c: PayloadTextChange, delta: number): boolean {
  const range = moved(f.range, c, delta);
  if (!range) return false;
  f.range = range;
  for (const fix of f.fixes ?? []) {
    for (const e of fix.edits as TextEdit[]) {
      const r = moved(e.range, c, delta);
      if (!r) return false;
      e.range = r;
    }
  }
  return true;
}

function within(r: OffsetRange, start: number, end: number): boolean {
  return r.start >= start && r.end <= end;
}

function relative(f: Finding, by: number): Finding {
  const out: Finding = { ...f, range: { start: f.range.start - by, end: f.range.end - by } };
  if (f.fixes) out.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: { start: e.range.start - by, end: e.range.end - by } })) }));
  return out;
}

/** Splits a full pass's findings by resource; undefined when the page cannot be re-checked piecewise. */
function listState(text: string, root: Json, findings: readonly Finding[]): ListState | undefined {
  if (!isObject(root)) return undefined;
  const key = findKey(root as JsonObject, 'Resources');
  const items = key === undefined ? undefined : (root as JsonObject)[key];
  if (key === undefined || !Array.isArray(items) || !items.every(isObject)) return undefined;
  const bounds = locateElements(text, [key]);
  if (!bounds || bounds.starts.length !== items.length) return undefined;
  const state: ListState = { starts: bounds.starts, ends: bounds.ends, byResource: new Map(), outside: [] };
  for (const f of findings) {
    const k = resourceAt(state, f.range.start);
    const s = bounds.starts[k];
    const e = bounds.ends[k];
    const edits = (f.fixes ?? []).flatMap((x) => x.edits);
    if (k >= 0 && s !== undefined && e !== undefined && within(f.range, s, e) && edits.every((x) => within(x.range, s, e))) {
      let own = state.byResource.get(k);
      if (!own) state.byResource.set(k, (own = []));
      own.push(relative(f, s));
    } else if ([f.range, ...edits.map((x) => x.range)].every((r) => !touchesResource(state, r))) {
      state.outside.push(structuredClone(f));
    } else {
      return undefined;
    }
  }
  return state;
}

/** The last resource starting at or before `offset`, or -1. */
function resourceAt(list: ListState, offset: number): number {
  let lo = 0;
  let hi = list.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list.starts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return lo - 1;
}

function touchesResource(list: ListState, r: OffsetRange): boolean {
  // The last resource starting before the range's end is the only one it can reach into.
  let lo = 0;
  let hi = list.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((list.starts[mid] as number) < r.end || ((list.starts[mid] as number) === r.end && r.start === r.end)) lo = mid + 1;
    else hi = mid - 1;
  }
  const k = lo - 1;
  return k >= 0 && (list.ends[k] as number) > r.start;
}

function assemble(list: ListState): Finding[] {
  const out: Finding[] = list.outside.map((f) => structuredClone(f));
  for (const [k, own] of list.byResource) {
    const by = -(list.starts[k] as number);
    for (const f of own) out.push(relative(f, by));
  }
  return sortFindings(out);
}

// Sends one filter and judges the answer on evidence: every resource returned must match the filter by the
// project's own evaluator (a resource that seems not to is read again in full before it counts), and resources
// known to match must be there when the answer is complete.
import { matchesFilter, parseFilter, type AttributeLookup, type FilterNode } from '../filter';
import type { SendResult } from '../http';
import { explainResult } from '../inspect';
import type { ProbeContext } from './context';
import { inconclusive } from './errorAnswers';

type Resource = Record<string, unknown>;

export interface FilterTrial {
  filter: string;
  exchangeId: string;
  status?: number;
  /** 200 with a ListResponse. */
  accepted: boolean;
  /** scimType of an error answer (from any error shape the inspector knows). */
  scimType?: string | null;
  returned: number;
  totalResults?: number;
  /** Why the results are wrong, with the exchanges that show it. */
  wrong?: { reason: string; evidence: string[] };
  /** Still 429, 502, 503 or 504 after the retries: the answer says nothing about the filter. */
  throttled?: boolean;
}

export interface TrialExpectation {
  /** Resources that match and must be returned (checked when the answer holds every match). */
  includes?: Resource[];
  /** The exchange the included resources were read from. */
  includesEvidence?: string;
  /** At most this many resources are read again to confirm a mismatch. */
  verify?: number;
}

const isObject = (v: unknown): v is Resource => !!v && typeof v === 'object' && !Array.isArray(v);

export function describeAnswer(t: FilterTrial): string {
  if (t.accepted) return `200 with ${t.returned} of ${t.totalResults ?? '?'} resources`;
  if (t.status === undefined) return 'no response';
  return `${t.status}${t.scimType ? ` ${t.scimType}` : ''}`;
}

export class FilterTrials {
  readonly trials: FilterTrial[] = [];

  constructor(
    private readonly ctx: ProbeContext,
    private readonly lookup: AttributeLookup,
    private readonly endpoint: '/Users' | '/Groups' = '/Users',
  ) {}

  async run(filter: string, expect: TrialExpectation = {}, count = this.ctx.options.pageSize): Promise<FilterTrial> {
    // A refused filter is refused again: a few retries tell a 500 from a passing fault, five would only wait.
    const r = await this.ctx.send({ method: 'GET', path: this.endpoint, query: { filter, count } }, { maxRetries: 2 });
    const trial: FilterTrial = { filter, exchangeId: r.exchange.id, accepted: false, returned: 0 };
    if (r.status !== undefined) trial.status = r.status;
    if (inconclusive(r) || r.exchange.error) trial.throttled = true;
    this.trials.push(trial);
    const body = r.json;
    const resources = isObject(body) ? body['Resources'] : undefined;
    if (r.status !== 200 || !isObject(body) || (resources !== undefined && !Array.isArray(resources))) {
      if (r.status !== undefined && r.status >= 400) trial.scimType = explainResult(r)?.scimType ?? null;
      return trial;
    }
    trial.accepted = true;
    const list = (Array.isArray(resources) ? resources : []).filter(isObject);
    trial.returned = list.length;
    const total = body['totalResults'];
    if (typeof total === 'number') trial.totalResults = total;
    const parsed = parseFilter(filter);
    if (!parsed.ast) return trial;
    await this.judge(trial, r, list, parsed.ast, expect);
    return trial;
  }

  private async judge(trial: FilterTrial, r: SendResult, list: Resource[], ast: FilterNode, expect: TrialExpectation): Promise<void> {
    let verified = 0;
    for (const resource of list) {
      if (matchesFilter(resource, ast, this.lookup)) continue;
      const id = resource['id'];
      if (typeof id !== 'string' || verified >= (expect.verify ?? 3)) continue;
      verified++;
      // A list may leave attributes out (returned "request"); judge the resource as the server stores it.
      const full = await this.ctx.send({ method: 'GET', path: `${this.endpoint}/${encodeURIComponent(id)}` });
      if (full.ok && isObject(full.json) && !matchesFilter(full.json, ast, this.lookup)) {
        trial.wrong = { reason: `it returned ${describeResource(full.json)}, which does not match`, evidence: [r.exchange.id, full.exchange.id] };
        return;
      }
    }
    const complete = trial.totalResults !== undefined ? trial.totalResults <= list.length : list.length < this.ctx.options.pageSize;
    if (!complete) return;
    const ids = new Set(list.map((x) => x['id']));
    const absent = (expect.includes ?? []).find((x) => matchesFilter(x, ast, this.lookup) && !ids.has(x['id']));
    if (absent) trial.wrong = { reason: `it left out ${describeResource(absent)}, which matches`, evidence: [r.exchange.id, ...(expect.includesEvidence ? [expect.includesEvidence] : [])] };
  }
}

function describeResource(r: Resource): string {
  const name = r['userName'] ?? r['displayName'];
  return `${typeof name === 'string' ? `"${name}"` : 'a resource'} (id ${String(r['id'])})`;
}

// registry-filters: runs every expression of the application's `filters` list against its endpoint, with
// `{{userName}}`-style placeholders filled from a probe user (or group): one the run creates when writes are
// allowed, else one read from the first list page. What comes back is checked with the core evaluator: an
// error, a resource that does not match, or a missing probe user makes the filter `fails`. Write-back records
// each entry's status and testedAt.
import { matchesFilter, parseFilter, type FilterNode } from '../filter';
import { mapPlaceholders, placeholderNames } from '../registry/filterRule';
import type { FilterRecord, ResourceEndpoint } from '../registry/model';
import { filterLookup } from '../scim/filterLookup';
import type { SendResult } from '../http';
import type { ProbeContext } from './context';
import { GROUP_SCHEMA, USER_SCHEMA } from './idpProfiles';
import { attr, bodyOf, outcome, readOwn, resourcesOf, type Json } from './ownResources';
import type { Probe } from './types';

interface Subject {
  resource: Json;
  /** How the run got it, for messages. */
  origin: string;
  evidence: string[];
}

/** The probe user (or group) placeholders are filled from; undefined with a reason when there is none. */
async function findSubject(ctx: ProbeContext, resource: ResourceEndpoint): Promise<Subject | string> {
  if (ctx.allowWrites) {
    const name = ctx.newName(resource === 'Users' ? 'filter-user' : 'filter-group');
    const created = resource === 'Users'
      ? await ctx.createUser(name, { externalId: name, nickName: 'probe' })
      : await ctx.createGroup(name, { externalId: name });
    if (created.id === undefined) return `could not create a probe ${resource === 'Users' ? 'user' : 'group'} (${outcome(created.result)})`;
    const read = await readOwn(ctx, created);
    const body = bodyOf(read) ?? bodyOf(created.result);
    if (!body) return `the created probe resource ${name} could not be read back (${outcome(read)})`;
    return { resource: body, origin: `the probe ${resource === 'Users' ? 'user' : 'group'} ${name}`, evidence: [created.result.exchange.id, read.exchange.id] };
  }
  const list = await ctx.send({ method: 'GET', path: `/${resource}`, query: { startIndex: 1, count: 10 } });
  const nameAttr = resource === 'Users' ? 'userName' : 'displayName';
  const first = resourcesOf(list).find((r) => typeof attr(r, nameAttr) === 'string' && typeof r['id'] === 'string');
  if (!first) return `writes are not allowed and the first page of /${resource} has no ${resource === 'Users' ? 'user' : 'group'} to fill placeholders from (${outcome(list)})`;
  return { resource: first, origin: `the existing ${resource === 'Users' ? 'user' : 'group'} ${String(attr(first, nameAttr))}`, evidence: [list.exchange.id] };
}

/** The value a placeholder stands for: an attribute path of the subject (`userName`, `name.givenName`), or `email`. */
export function placeholderValue(subject: Json, name: string): string | number | boolean | undefined {
  let v: unknown;
  if (/^e-?mail$/i.test(name)) {
    const emails = attr(subject, 'emails');
    const list = Array.isArray(emails) ? (emails as Json[]) : [];
    v = (list.find((e) => e['primary'] === true) ?? list.find((e) => e['type'] === 'work') ?? list[0])?.['value'];
  } else {
    v = subject;
    for (const part of name.split('.')) v = v && typeof v === 'object' && !Array.isArray(v) ? attr(v as Json, part) : undefined;
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** The expression with placeholders filled, or the names that have no value. */
export function fillFilter(expression: string, subject: Json | undefined): { text: string } | { missing: string[] } {
  const missing: string[] = [];
  const text = mapPlaceholders(expression, (name, inString, match) => {
    const v = subject ? placeholderValue(subject, name) : undefined;
    if (v === undefined) {
      missing.push(name);
      return match;
    }
    return inString ? JSON.stringify(String(v)).slice(1, -1) : JSON.stringify(v);
  });
  return missing.length ? { missing } : { text };
}

interface Verdict {
  works: boolean;
  message: string;
  evidence: string[];
}

function judge(ctx: ProbeContext, resource: ResourceEndpoint, filter: FilterNode, r: SendResult, subject: Subject | undefined): Verdict {
  const evidence = [r.exchange.id];
  if (!r.ok) return { works: false, message: `answered ${outcome(r)}`, evidence };
  const returned = resourcesOf(r);
  const lookup = filterLookup(ctx.catalog, [resource === 'Users' ? USER_SCHEMA : GROUP_SCHEMA]);
  const wrong = returned.filter((x) => !matchesFilter(x, filter, lookup));
  if (wrong.length) {
    const label = resource === 'Users' ? 'userName' : 'displayName';
    const sample = wrong.slice(0, 3).map((x) => JSON.stringify(attr(x, label) ?? x['id'])).join(', ');
    return { works: false, message: `returned ${wrong.length} of ${returned.length} resources that do not match it (${sample})`, evidence };
  }
  const total = bodyOf(r)?.['totalResults'];
  const complete = typeof total === 'number' ? returned.length >= total : true;
  if (subject && complete && matchesFilter(subject.resource, filter, lookup) && !returned.some((x) => x['id'] === subject.resource['id'])) {
    return { works: false, message: `did not return ${subject.origin}, which matches it (${returned.length} returned)`, evidence: [...subject.evidence, ...evidence] };
  }
  return { works: true, message: `answered ${r.status} with ${returned.length} matching resource${returned.length === 1 ? '' : 's'}`, evidence };
}

export const registryFiltersProbe: Probe = {
  name: 'registry-filters',
  title: 'Running the registry\'s filters',
  writes: 'some',
  async run(ctx) {
    const filters: FilterRecord[] = ctx.app.filters ?? [];
    if (filters.length === 0) ctx.skip('the registry lists no filters for this application');
    const subjects = new Map<ResourceEndpoint, Subject | string>();
    const subjectFor = async (resource: ResourceEndpoint): Promise<Subject | string> => {
      let s = subjects.get(resource);
      if (s === undefined) {
        s = await findSubject(ctx, resource);
        subjects.set(resource, s);
      }
      return s;
    };
    let works = 0;
    let fails = 0;
    for (const [i, entry] of filters.entries()) {
      const resource = entry.resource ?? 'Users';
      const label = `filters[${i}] ${entry.expression}`;
      ctx.progress(`filter ${i + 1} of ${filters.length}`, i, filters.length);
      const needsSubject = placeholderNames(entry.expression).length > 0;
      const subject = await subjectFor(resource);
      if (needsSubject && typeof subject === 'string') {
        ctx.check(label, 'skipped', `its placeholders cannot be filled: ${subject}`);
        continue;
      }
      const s = typeof subject === 'string' ? undefined : subject;
      const filled = fillFilter(entry.expression, s?.resource);
      if ('missing' in filled) {
        ctx.check(label, 'skipped', `${s?.origin ?? 'the probe resource'} has no value for ${filled.missing.map((n) => `{{${n}}}`).join(', ')}`);
        continue;
      }
      const parsed = parseFilter(filled.text);
      if (!parsed.ast || parsed.errors.length) {
        ctx.check(label, 'skipped', `it does not parse once filled in (${parsed.errors[0]?.message ?? 'no expression'}); see REGISTRY_FILTER_SYNTAX`);
        continue;
      }
      const r = await ctx.send({ method: 'GET', path: `/${resource}`, query: { filter: filled.text, count: ctx.options.pageSize } });
      const verdict = judge(ctx, resource, parsed.ast, r, s);
      const status = verdict.works ? 'works' : 'fails';
      const testedAt = new Date(ctx.now()).toISOString();
      ctx.field(['filters', i, 'status'], status, { update: 'always', evidence: verdict.evidence });
      ctx.field(['filters', i, 'testedAt'], testedAt, { update: 'always' });
      const shown = filled.text === entry.expression ? '' : ` (sent as ${filled.text})`;
      if (verdict.works) {
        works++;
        ctx.check(label, 'pass', `${verdict.message}${shown}`, { evidence: verdict.evidence });
        continue;
      }
      fails++;
      const known = entry.status === 'fails';
      const f = ctx.finding('REGISTRY_FILTER_FAILS', `The registry filter ${JSON.stringify(entry.expression)} on /${resource}${shown} ${verdict.message}${known ? ' (the registry already records it as failing)' : ''}.`, verdict.evidence, {
        field: ['filters', i, 'expression'],
        ...(known ? { severity: 'info' as const } : {}),
      });
      ctx.check(label, 'fail', f.message, { codes: [f.code], evidence: verdict.evidence });
    }
    ctx.observe('filtersWork', works);
    ctx.observe('filtersFail', fails);
    ctx.observe('filtersUntested', filters.length - works - fails);
    ctx.summary(`${works}/${filters.length} filters work`);
  },
};

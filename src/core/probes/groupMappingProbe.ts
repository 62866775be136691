// group-mapping: checks the application's `groupMapping` against the server, read-only. Every group a rule names
// must exist (looked up by displayName, as IdPs do); with the attribute strategy every attribute a rule reads
// must exist in the schema the server publishes for users. A rule that fails either can never grant its role.
import type { SendResult } from '../http';
import type { JsonPath } from '../registry/model';
import type { ProbeContext } from './context';
import { USER_SCHEMA, eqFilter } from './idpProfiles';
import { attr, outcome, resourcesOf } from './ownResources';
import type { Probe } from './types';

const MAX_GROUP_PAGES = 20;

interface GroupLookup {
  found: boolean;
  /** The name as the server spells it, when it differs only in case. */
  spelled?: string;
  evidence: string[];
  /** Why the lookup could not tell. */
  problem?: string;
}

function nameIn(list: ReturnType<typeof resourcesOf>, name: string): { found: boolean; spelled?: string } {
  const names = list.map((g) => attr(g, 'displayName')).filter((n): n is string => typeof n === 'string');
  if (names.includes(name)) return { found: true };
  const spelled = names.find((n) => n.toLowerCase() === name.toLowerCase());
  return spelled !== undefined ? { found: true, spelled } : { found: false };
}

/** Walks /Groups when the server cannot filter by displayName (bounded: a mapping names few groups). */
async function walkGroups(ctx: ProbeContext, name: string, evidence: string[]): Promise<GroupLookup> {
  const count = ctx.options.pageSize;
  let last: SendResult | undefined;
  for (let page = 0; page < MAX_GROUP_PAGES; page++) {
    last = await ctx.send({ method: 'GET', path: '/Groups', query: { startIndex: 1 + page * count, count, excludedAttributes: 'members' } });
    evidence.push(last.exchange.id);
    const list = resourcesOf(last);
    if (!last.ok) return { found: false, evidence, problem: `listing /Groups answered ${outcome(last)}` };
    const hit = nameIn(list, name);
    if (hit.found) return { ...hit, evidence };
    if (list.length < count) return { found: false, evidence };
  }
  return { found: false, evidence, problem: `no group of that name in the first ${MAX_GROUP_PAGES * count} groups` };
}

async function lookUpGroup(ctx: ProbeContext, name: string): Promise<GroupLookup> {
  const r = await ctx.send({ method: 'GET', path: '/Groups', query: { filter: eqFilter('displayName', name), excludedAttributes: 'members' } });
  if (r.ok) return { ...nameIn(resourcesOf(r), name), evidence: [r.exchange.id] };
  if (r.status === 404 || r.status === 501) return { found: false, evidence: [r.exchange.id], problem: `the server has no /Groups endpoint (${outcome(r)})` };
  // The filter itself may be what the server refuses: look through the groups instead.
  return walkGroups(ctx, name, [r.exchange.id]);
}

/** The evidence that the user schema was discovered: the /Schemas (and /ResourceTypes) exchanges. */
function schemaEvidence(ctx: ProbeContext): string[] | undefined {
  const discovery = ctx.results.get('discovery');
  if (!discovery || discovery.status === 'skipped' || discovery.status === 'error' || discovery.observed['schemasLoaded'] === undefined) return undefined;
  return discovery.checks.filter((c) => (c.name === 'GET /Schemas' || c.name === 'GET /ResourceTypes') && c.status === 'pass').flatMap((c) => c.evidence ?? []);
}

export const groupMappingProbe: Probe = {
  name: 'group-mapping',
  title: 'Checking the group mapping',
  writes: 'never',
  needs: ['discovery'],
  async run(ctx) {
    const mapping = ctx.app.groupMapping;
    const rules = mapping?.rules ?? [];
    if (!mapping || rules.length === 0) return ctx.skip('the registry has no groupMapping rules for this application');
    const cache = new Map<string, Promise<GroupLookup>>();
    let unresolved = 0;
    let checked = 0;
    const unresolvedRule = (check: string, field: JsonPath, message: string, evidence: string[]): void => {
      unresolved++;
      const f = ctx.finding('GROUP_MAPPING_UNRESOLVED', message, evidence, { field });
      ctx.check(check, 'fail', message, { codes: [f.code], evidence });
    };

    for (const [i, rule] of rules.entries()) {
      ctx.progress(`rule ${i + 1} of ${rules.length}`, i, rules.length);
      const role = rule.role ? ` (role ${JSON.stringify(rule.role)})` : '';
      const named: { name: string; field: JsonPath }[] = [];
      if (rule.group) named.push({ name: rule.group, field: ['groupMapping', 'rules', i, 'group'] });
      for (const [j, g] of (rule.groups ?? []).entries()) named.push({ name: g, field: ['groupMapping', 'rules', i, 'groups', j] });
      for (const { name, field } of named) {
        let lookup = cache.get(name);
        if (!lookup) {
          lookup = lookUpGroup(ctx, name);
          cache.set(name, lookup);
        }
        const found = await lookup;
        checked++;
        const check = `groupMapping.rules[${i}] group ${JSON.stringify(name)}`;
        if (found.found) {
          ctx.check(check, found.spelled ? 'warn' : 'pass',
            found.spelled ? `exists as ${JSON.stringify(found.spelled)} (different case)` : 'exists', { evidence: found.evidence });
        } else {
          unresolvedRule(check, field, `groupMapping rule ${i}${role} names the group ${JSON.stringify(name)}, which the server does not have${found.problem ? ` (${found.problem})` : ''}: the rule can never fire.`, found.evidence);
        }
      }
      if (rule.attribute) {
        const evidence = schemaEvidence(ctx);
        if (!evidence) {
          ctx.check(`groupMapping.rules[${i}] attribute ${rule.attribute}`, 'skipped', 'the server\'s schemas were not discovered (see the discovery probe), so the attribute cannot be checked');
          continue;
        }
        checked++;
        const check = `groupMapping.rules[${i}] attribute ${rule.attribute}`;
        const schemas = [USER_SCHEMA, ...ctx.catalog.extensionsFor([USER_SCHEMA])];
        const resolved = ctx.catalog.resolveAttribute(rule.attribute, { schemas });
        const inUser = resolved !== undefined && schemas.some((s) => s.toLowerCase() === resolved.schemaUrn.toLowerCase());
        if (inUser) {
          ctx.check(check, 'pass', `defined in ${resolved.schemaUrn}`, { evidence });
        } else {
          unresolvedRule(check, ['groupMapping', 'rules', i, 'attribute'], `groupMapping rule ${i}${role} reads the attribute ${JSON.stringify(rule.attribute)}, which the server's user schema (${schemas.join(', ')}) does not define: the rule can never fire.`, evidence);
        }
      }
    }
    ctx.observe('strategy', mapping.strategy);
    ctx.observe('rules', rules.length);
    ctx.observe('unresolved', unresolved);
    ctx.summary(unresolved === 0 ? `${checked} references resolve` : `${unresolved} of ${checked} references unresolved`);
  },
};

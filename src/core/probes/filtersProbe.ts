// filters: which operators and attributes really work, checked against users the server already has (it is
// read-only): every answer is verified with the project's own evaluator, so FILTER_RESULTS_WRONG rests on a
// resource that does (not) match. Also: userName's case rule, a no-match filter, and malformed filters.
import type { IdpProfile } from '../registry/model';
import { filterLookup } from '../scim/filterLookup';
import { URN } from '../scim/types';
import type { ProbeContext } from './context';
import { attributeCases, caseVariant, MALFORMED_FILTERS, operatorCases, type FilterCase } from './filterCases';
import { describeAnswer, FilterTrials, type FilterTrial } from './filterTrial';
import { FindingBook } from './findingBook';
import type { Probe } from './types';

type Resource = Record<string, unknown>;

/** Operators each IdP's lookups depend on: a server rejecting one of them breaks provisioning (error). */
const IDP_OPERATORS: Record<IdpProfile, string[]> = { rfc: ['eq'], entra: ['eq', 'and'], okta: ['eq'] };

const isObject = (v: unknown): v is Resource => !!v && typeof v === 'object' && !Array.isArray(v);

/** An error answer to a bad filter is right only as 400 with scimType invalidFilter (RFC 7644 §3.4.2.2). */
function rightError(t: FilterTrial): boolean {
  return t.status === 400 && t.scimType === 'invalidFilter';
}

/** A trial the server did not really answer (still 429/503, no response) proves nothing: its check is skipped. */
function inconclusive(ctx: ProbeContext, name: string, t: FilterTrial): boolean {
  if (!t.throttled) return false;
  ctx.check(name, 'skipped', `inconclusive: the server answered ${describeAnswer(t)} even after retries`, { evidence: [t.exchangeId] });
  return true;
}

interface Outcome {
  supported: string[];
  unsupported: FilterTrial[];
  unsupportedLabels: string[];
  wrong: { label: string; trial: FilterTrial }[];
  wrongStatus: FilterTrial[];
}

async function runCases(ctx: ProbeContext, trials: FilterTrials, cases: FilterCase[], evidence: string, out: Outcome, book: FindingBook, kind: string): Promise<FilterCase[]> {
  const working: FilterCase[] = [];
  for (const c of cases) {
    const t = await trials.run(c.filter, { includes: c.includes, includesEvidence: evidence });
    const name = `${kind} ${c.label}: ${c.filter}`;
    if (inconclusive(ctx, name, t)) continue;
    if (!t.accepted) {
      out.unsupported.push(t);
      out.unsupportedLabels.push(c.label);
      if (!rightError(t)) out.wrongStatus.push(t);
      book.check(name, [], `not supported: ${describeAnswer(t)}`, [t.exchangeId]);
      continue;
    }
    if (t.wrong) {
      out.wrong.push({ label: c.label, trial: t });
      const f = book.report('FILTER_RESULTS_WRONG', `The server accepts \`${c.filter}\` but ${t.wrong.reason}.`, t.wrong.evidence);
      book.check(name, [f.code], `accepted, but ${t.wrong.reason}`, t.wrong.evidence);
      continue;
    }
    out.supported.push(c.label);
    working.push(c);
    book.check(name, [], describeAnswer(t), [t.exchangeId]);
  }
  return working;
}

async function checkCaseRule(ctx: ProbeContext, trials: FilterTrials, book: FindingBook, u: Resource, sample: string, eqWorks: boolean): Promise<void> {
  const name = 'userName eq ignores case (caseExact false)';
  if (!eqWorks) {
    ctx.check(name, 'skipped', 'userName eq with the exact case does not work here');
    return;
  }
  const userName = u['userName'] as string;
  const variant = caseVariant(userName);
  if (!variant) {
    ctx.check(name, 'skipped', `userName "${userName}" has no letters`);
    return;
  }
  const t = await trials.run(`userName eq ${JSON.stringify(variant)}`, { includes: [u], includesEvidence: sample });
  if (inconclusive(ctx, name, t)) return;
  // A 404 for the other case (where the exact case found the user) is "no such user": case-sensitive too.
  if (!t.accepted && t.status !== 404) {
    book.check(name, [], `the server did not take the filter: ${describeAnswer(t)}`, [t.exchangeId]);
    return;
  }
  if (t.accepted && !t.wrong) {
    book.check(name, [], `"${variant}" found "${userName}"`, [t.exchangeId]);
    return;
  }
  const f = book.report('FILTER_CASE_SENSITIVE', `userName eq "${variant}" found nothing${t.accepted ? '' : ` (${describeAnswer(t)})`} although "${userName}" exists: userName is caseExact=false (RFC 7643 §4.1.1), so an IdP that changes the case of a userName creates a duplicate.`, [sample, t.exchangeId]);
  book.check(name, [f.code], f.message, [sample, t.exchangeId]);
}

async function checkNoMatch(ctx: ProbeContext, trials: FilterTrials, book: FindingBook): Promise<void> {
  const name = 'a filter that matches nothing answers 200 with no resources';
  const t = await trials.run(`userName eq ${JSON.stringify(`${ctx.namePrefix}no-such-user@example.invalid`)}`, {});
  if (inconclusive(ctx, name, t)) return;
  if (t.accepted && t.returned === 0 && !t.wrong) {
    book.check(name, [], describeAnswer(t), [t.exchangeId]);
    return;
  }
  if (t.accepted) {
    const f = book.report('FILTER_RESULTS_WRONG', `A userName eq filter that matches no user returned ${t.returned} resources${t.wrong ? `: ${t.wrong.reason}` : ''}.`, t.wrong?.evidence ?? [t.exchangeId]);
    book.check(name, [f.code], f.message, [t.exchangeId]);
    return;
  }
  const f = book.report('EMPTY_FILTER_NOT_200', `A userName eq filter that matches no user answered ${describeAnswer(t)} instead of 200 with totalResults 0: IdPs read that as a failure, not as "create the user".`, [t.exchangeId]);
  book.check(name, [f.code], f.message, [t.exchangeId]);
}

async function checkMalformed(ctx: ProbeContext, trials: FilterTrials, book: FindingBook): Promise<FilterTrial[]> {
  const wrongStatus: FilterTrial[] = [];
  for (const filter of MALFORMED_FILTERS) {
    const t = await trials.run(filter, {});
    const name = `malformed filter is 400 invalidFilter: ${filter}`;
    if (inconclusive(ctx, name, t)) continue;
    if (t.accepted) {
      const f = book.report('FILTER_INVALID_ACCEPTED', `The malformed filter \`${filter}\` answered 200 with ${t.returned} resources instead of 400 invalidFilter: an IdP whose lookup has a typo gets "${t.returned === 0 ? 'no such user' : 'every user'}".`, [t.exchangeId], { merge: true });
      book.check(name, [f.code], `answered ${describeAnswer(t)}`, [t.exchangeId]);
    } else if (!rightError(t)) {
      wrongStatus.push(t);
      book.check(name, ['FILTER_ERROR_WRONG_STATUS'], `answered ${describeAnswer(t)}`, [t.exchangeId]);
    } else {
      book.check(name, [], describeAnswer(t), [t.exchangeId]);
    }
  }
  return wrongStatus;
}

export const filtersProbe: Probe = {
  name: 'filters',
  title: 'Trying filter operators and attributes',
  writes: 'never',
  needs: ['discovery'],
  async run(ctx) {
    const book = new FindingBook(ctx);
    const list = await ctx.send({ method: 'GET', path: '/Users', query: { startIndex: 1, count: 50 } });
    const resources = isObject(list.json) && Array.isArray(list.json['Resources']) ? list.json['Resources'].filter(isObject) : [];
    const users = resources.filter((r) => typeof r['userName'] === 'string' && r['userName'] !== '' && typeof r['id'] === 'string');
    if (!list.ok) ctx.skip(`GET /Users answered ${list.status ?? 'no response'}: no users to filter on`);
    const u = users.find((r) => /[a-z]/i.test(r['userName'] as string)) ?? users[0];
    if (!u) return ctx.skip('the server has no users to filter on (this probe reads existing users and creates none)');
    const v = users.find((r) => r !== u);
    const trials = new FilterTrials(ctx, filterLookup(ctx.catalog, [URN.user, URN.enterpriseUser]));
    const empty = (): Outcome => ({ supported: [], unsupported: [], unsupportedLabels: [], wrong: [], wrongStatus: [] });
    const byAttribute = empty();
    const out = empty();
    const sample = list.exchange.id;

    ctx.progress('trying attributes');
    const attributes = await runCases(ctx, trials, attributeCases(u), sample, byAttribute, book, 'attribute');
    const filterable = attributes.map((c) => c.label);

    ctx.progress('trying operators');
    await runCases(ctx, trials, operatorCases(u, v, attributes.find((c) => c.label !== 'active') ?? attributes[0]), sample, out, book, 'operator');
    if (out.unsupported.length) {
      const needed = IDP_OPERATORS[ctx.idpProfile];
      const breaks = out.unsupportedLabels.filter((l) => needed.includes(l));
      book.report('FILTER_OPERATOR_UNSUPPORTED',
        `The server rejects the filter operator${out.unsupportedLabels.length > 1 ? 's' : ''} ${out.unsupportedLabels.join(', ')}${breaks.length ? `, which ${ctx.idpProfile === 'rfc' ? 'every IdP' : ctx.idpProfile} lookups depend on` : ''} (${out.unsupported.map(describeAnswer).join('; ')}).`,
        out.unsupported.map((t) => t.exchangeId), { severity: breaks.length ? 'error' : 'warning' });
    }
    await checkCaseRule(ctx, trials, book, u, sample, out.supported.includes('eq'));
    await checkNoMatch(ctx, trials, book);
    const malformedWrong = await checkMalformed(ctx, trials, book);

    const wrongStatus = [...out.wrongStatus, ...malformedWrong];
    if (wrongStatus.length) {
      book.report('FILTER_ERROR_WRONG_STATUS', `Filters the server refuses are not answered with 400 invalidFilter: ${wrongStatus.map((t) => `\`${t.filter}\` got ${describeAnswer(t)}`).slice(0, 4).join('; ')}.`,
        wrongStatus.map((t) => t.exchangeId));
    }

    const claims = ctx.claims;
    if (claims?.filter?.supported === false && out.supported.includes('eq')) {
      book.report('DISCOVERY_CLAIM_CONTRADICTED', 'ServiceProviderConfig says filtering is not supported, but filters work.', [claims.evidence, trials.trials[0]?.exchangeId ?? sample]);
    } else if (claims?.filter?.supported === true && out.supported.length === 0) {
      book.report('DISCOVERY_CLAIM_CONTRADICTED', 'ServiceProviderConfig says filtering is supported, but every filter operator was refused.', [claims.evidence, ...out.unsupported.slice(0, 3).map((t) => t.exchangeId)]);
    }

    ctx.observe('supportedOperators', out.supported);
    ctx.observe('unsupportedOperators', out.unsupportedLabels);
    ctx.observe('wrongResults', [...byAttribute.wrong, ...out.wrong].map((w) => w.label));
    ctx.observe('filterableAttributes', filterable);
    ctx.observe('notFilterableAttributes', byAttribute.unsupportedLabels);
    ctx.summary(`${out.supported.length}/${out.supported.length + out.unsupportedLabels.length + out.wrong.length} operators · ${filterable.length} attributes`);
  },
};

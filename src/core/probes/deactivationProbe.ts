// deactivation: what offboarding really does here. Creates a test user, deactivates it the way the chosen IdP
// does, then watches it on a backing-off schedule up to the horizon: can it still be read, does it read
// `active: false`, is it still listed by a userName filter, is it gone? The timeline (with the exchanges'
// timestamps) is the evidence auditors ask for.
import type { SendResult } from '../http';
import type { CreatedResource, ProbeContext } from './context';
import { deactivateAsIdp, type DeactivationSent } from './deactivationRequest';
import { eqFilter, idpStyle } from './idpProfiles';
import { attr, bodyOf, outcome, readOwn, resourcesOf, seconds } from './ownResources';
import type { DeactivationContract } from '../registry/model';
import type { Probe } from './types';

interface Observation {
  /** ms after the deactivation request was sent. */
  afterMs: number;
  status?: number;
  /** `active` as read (undefined when not readable or absent). */
  active: unknown;
  listed: boolean | undefined;
  evidence: string[];
}

/** Offsets (ms after the request) at which the user is read: at once, then doubling, ending at the horizon. */
export function pollSchedule(horizonMs: number): number[] {
  const out = [0];
  for (let next = 500; next < horizonMs; next *= 2) out.push(next);
  if (horizonMs > 0) out.push(horizonMs);
  return out;
}

async function observe(ctx: ProbeContext, user: CreatedResource, sentAt: number, afterMs: number): Promise<Observation> {
  const read = await readOwn(ctx, user);
  const list: SendResult = await ctx.send({ method: 'GET', path: '/Users', query: { filter: eqFilter('userName', user.name) } });
  const listed = list.ok ? resourcesOf(list).some((r) => r['id'] === user.id) : undefined;
  return {
    afterMs: Math.max(afterMs, ctx.now() - sentAt),
    ...(read.status !== undefined ? { status: read.status } : {}),
    active: read.ok ? attr(bodyOf(read), 'active') : undefined,
    listed,
    evidence: [read.exchange.id, list.exchange.id],
  };
}

function describe(o: Observation): string {
  const state = o.status === 404 ? 'not found (404)' : o.status !== undefined && o.status < 300 ? `active=${JSON.stringify(o.active)}` : `read failed (${o.status ?? 'no answer'})`;
  const listed = o.listed === undefined ? '' : o.listed ? ', listed by userName' : ', not listed by userName';
  return `+${seconds(o.afterMs)}: ${state}${listed}`;
}

interface Classification {
  contract: DeactivationContract;
  /** delayed: the delay lies in (lowerMs, upperMs]. */
  lowerMs: number;
  upperMs: number;
  decisive: Observation;
}

function classify(observations: Observation[]): Classification | undefined {
  let previous: Observation | undefined;
  for (const o of observations) {
    if (o.status === 404) return { contract: 'deleted', lowerMs: previous?.afterMs ?? 0, upperMs: o.afterMs, decisive: o };
    if (o.active === false) {
      return previous ? { contract: 'delayed', lowerMs: previous.afterMs, upperMs: o.afterMs, decisive: o } : { contract: 'immediate', lowerMs: 0, upperMs: o.afterMs, decisive: o };
    }
    if (o.status !== undefined && o.status < 300) previous = o;
  }
  const last = observations[observations.length - 1];
  return last && last.status !== undefined && last.status < 300 && last.active !== undefined
    ? { contract: 'locked-only', lowerMs: last.afterMs, upperMs: last.afterMs, decisive: last }
    : undefined;
}

function contractMessage(c: Classification, sent: DeactivationSent, timeline: string): string {
  const how = { profile: 'the IdP\'s own request', partial: 'the IdP\'s request with one departure from the RFC form', put: 'PUT active=false', rfc: 'the RFC PATCH' }[sent.via];
  const at = new Date(sent.sentAt).toISOString();
  switch (c.contract) {
    case 'immediate':
      return `Deactivation is immediate: sent at ${at} (${how}); the first read ${seconds(c.upperMs)} later shows active=false. Timeline: ${timeline}.`;
    case 'delayed':
      return `Deactivation is delayed: sent at ${at} (${how}); active=false shows between ${seconds(c.lowerMs)} and ${seconds(c.upperMs)} later. Timeline: ${timeline}.`;
    case 'deleted':
      return `Deactivation deletes the user: sent at ${at} (${how}); the user reads 404 ${seconds(c.upperMs)} later. Timeline: ${timeline}.`;
    default:
      return `Deactivation is locked-only (or takes longer than the ${seconds(c.upperMs)} horizon): sent at ${at} (${how}), accepted, yet the user still reads active=true. Timeline: ${timeline}.`;
  }
}

export const deactivationProbe: Probe = {
  name: 'deactivation',
  title: 'Timing deactivation',
  writes: 'always',
  async run(ctx) {
    const style = idpStyle(ctx.idpProfile);
    const user = await ctx.createUser(ctx.newName('deact'));
    if (user.id === undefined) ctx.skip(`could not create the test user (${outcome(user.result)})`);
    ctx.check('create test user', 'pass', `${user.name} (${user.id})`, { evidence: [user.result.exchange.id] });

    const sent = await deactivateAsIdp(ctx, user, style);
    if (!sent) return;

    const horizon = Math.max(0, ctx.options.deactivationHorizonMs);
    const observations: Observation[] = [];
    for (const at of pollSchedule(horizon)) {
      const wait = sent.sentAt + at - ctx.now();
      if (wait > 0) await ctx.wait(wait);
      const o = await observe(ctx, user, sent.sentAt, at);
      observations.push(o);
      ctx.progress(`deactivation: ${describe(o)}`, observations.length);
      if (o.status === 404 || o.active === false) break;
    }
    const timeline = observations.map(describe).join('; ');
    const c = classify(observations);
    if (!c) {
      ctx.check('deactivation contract', 'skipped', `the user never read back with an \`active\` attribute (${timeline})`);
      ctx.summary('contract unknown');
      return;
    }
    if (c.contract === 'deleted') ctx.forget(user);
    const evidence = [...sent.evidence, ...c.decisive.evidence];
    const f = ctx.finding('DEACTIVATION_CONTRACT', contractMessage(c, sent, timeline), evidence, { field: ['deactivation', 'contract'], observed: c.contract });
    ctx.check('deactivation contract', 'pass', f.message, { codes: [f.code], evidence });
    if (c.contract === 'deleted') {
      const g = ctx.finding('DEACTIVATED_USER_NOT_READABLE', `After deactivation the user reads 404 (${describe(c.decisive)}): the application deleted it. Microsoft Entra expects a deactivated user to stay readable with active=false.`, c.decisive.evidence);
      ctx.check('deactivated user readable', 'fail', g.message, { codes: [g.code], evidence: c.decisive.evidence });
    } else {
      ctx.check('deactivated user readable', 'pass', `still readable ${seconds(c.decisive.afterMs)} after deactivation`, { evidence: c.decisive.evidence });
    }

    const delaySeconds = c.contract === 'delayed' ? Math.ceil(c.upperMs / 1000) : c.contract === 'immediate' ? 0 : null;
    ctx.field(['deactivation', 'contract'], c.contract, { evidence });
    if (delaySeconds !== null) {
      // The true delay lies between the last read that still showed the user active and the first that did not.
      const tolerance = Math.ceil(c.upperMs / 1000) - Math.floor(c.lowerMs / 1000);
      ctx.field(['deactivation', 'delaySeconds'], delaySeconds, { tolerance, evidence });
    }
    if (ctx.app.deactivation) ctx.field(['deactivation', 'testedAt'], new Date(ctx.now()).toISOString(), { update: 'always' });
    ctx.observe('contract', c.contract);
    ctx.observe('delaySeconds', delaySeconds);
    ctx.observe('delayLowerSeconds', c.contract === 'delayed' ? Math.round(c.lowerMs / 100) / 10 : null);
    ctx.observe('deactivatedVia', sent.via);
    ctx.observe('reads', observations.length);
    ctx.observe('listedAfter', observations[observations.length - 1]?.listed ?? null);
    ctx.observe('horizonSeconds', Math.round(horizon / 1000));
    ctx.summary(c.contract === 'delayed' ? `delayed, ${delaySeconds} s` : c.contract === 'immediate' ? 'immediate, delay 0 s' : c.contract);
  },
};

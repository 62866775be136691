// The steps of an IdP's provisioning sequence that the lifecycle probe replays, and how each one's outcome is
// judged. One class holds the run's state (the probe user and group, what other probes already reported) so each
// step stays a few lines of "send what the IdP sends, then check what happened".
import type { SendResult } from '../http';
import type { CreatedResource, ProbeContext } from './context';
import type { AnyProbeCode } from './codes';
import { deactivateAsIdp } from './deactivationRequest';
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, patchBody, type IdpStyle, type PatchOperation } from './idpProfiles';
import { attr, bodyOf, outcome, patchOwn, putOwn, readOwn, refused, resourcesOf, type Json } from './ownResources';
import type { FindingSeverity } from './types';

/** The value at `name.familyName` or `emails[type eq "work"].value` (the two shapes the steps read back). */
export function valueAtPath(resource: Json | undefined, path: string): unknown {
  const filtered = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/.exec(path);
  if (filtered) {
    const list = attr(resource, filtered[1] as string);
    const item = Array.isArray(list) ? (list as Json[]).find((x) => x?.['type'] === filtered[2]) : undefined;
    return item ? attr(item, filtered[3] as string) : undefined;
  }
  let v: unknown = resource;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? attr(v as Json, part) : undefined;
  return v;
}

export class LifecycleRun {
  /** Codes the deactivation probe already reported in this run: the lifecycle's checks name them instead. */
  readonly alreadyReported: Set<string>;
  private readonly byDeactivation: ReadonlySet<string>;
  failures = 0;
  private patchClaimChecked = false;

  constructor(
    readonly ctx: ProbeContext,
    readonly style: IdpStyle,
  ) {
    this.byDeactivation = new Set((ctx.results.get('deactivation')?.findings ?? []).map((f) => f.code));
    this.alreadyReported = new Set(this.byDeactivation);
  }

  /** A finding (unless another probe of this run reported the code) and the failed check that carries it. */
  fail(step: string, code: AnyProbeCode, message: string, evidence: string[], severity?: FindingSeverity): void {
    this.failures++;
    if (this.alreadyReported.has(code)) {
      this.ctx.check(step, 'fail', `${message} (reported as ${code} ${this.byDeactivation.has(code) ? 'by the deactivation probe' : 'above'})`, { evidence });
      return;
    }
    const f = this.ctx.finding(code, message, evidence, severity ? { severity } : {});
    this.alreadyReported.add(code);
    this.ctx.check(step, 'fail', message, { codes: [f.code], evidence });
  }

  pass(step: string, message: string, evidence: string[]): void {
    this.ctx.check(step, 'pass', message, { evidence });
  }

  /**
   * The IdP's lookup before a create: a name that does not exist must answer 200 with no resources (and, for
   * Okta, integer paging numbers). A totalResults that disagrees is the pagination probe's business.
   */
  async lookup(step: string, request: Parameters<ProbeContext['send']>[0], what: 'user' | 'group'): Promise<void> {
    const r = await this.ctx.send(request);
    const body = bodyOf(r);
    const returned = resourcesOf(r).length;
    const total = body?.['totalResults'];
    const empty = r.ok && body !== undefined && (Array.isArray(body['Resources']) ? returned === 0 : total === 0);
    if (r.ok && returned > 0) {
      this.fail(step, 'FILTER_RESULTS_WRONG', `${this.style.name}'s lookup of a ${what} that does not exist returned ${returned} resources: the filter was not applied, and the IdP would take one of them for its ${what}.`, [r.exchange.id]);
      return;
    }
    if (!empty) {
      this.fail(step, 'EMPTY_FILTER_NOT_200', `${this.style.name}'s lookup of a ${what} that does not exist answered ${outcome(r)}, not 200 with no resources: it would not create the ${what}.`, [r.exchange.id]);
      return;
    }
    if (this.style.profile === 'okta' && body) {
      const bad = ['totalResults', 'startIndex', 'itemsPerPage'].filter((k) => k in body && !Number.isInteger(body[k]));
      if (bad.length) {
        this.fail(step, 'PAGING_NUMBERS_NOT_INTEGERS', `Okta's lookup got ${bad.map((k) => `${k} ${JSON.stringify(body[k])}`).join(', ')}: Okta requires JSON integers.`, [r.exchange.id]);
        return;
      }
    }
    if (total !== undefined && Number(total) !== 0) {
      this.ctx.check(step, 'warn', `answered ${r.status} with no resources, but totalResults ${JSON.stringify(total)}`, { evidence: [r.exchange.id] });
      return;
    }
    this.pass(step, `answered ${r.status} with no resources`, [r.exchange.id]);
  }

  async create(step: string, kind: 'Users' | 'Groups', body: Json): Promise<CreatedResource | undefined> {
    const name = String(body[kind === 'Users' ? 'userName' : 'displayName']);
    const created = await this.ctx.create(kind, name, body);
    if (created.id === undefined) {
      this.fail(step, 'LIFECYCLE_STEP_FAILED', `${this.style.name}'s create (POST /${kind}) answered ${outcome(created.result)}: it cannot provision here.`, [created.result.exchange.id]);
      return undefined;
    }
    this.pass(step, `answered ${created.result.status}`, [created.result.exchange.id]);
    return created;
  }

  async read(step: string, r: CreatedResource, query?: Record<string, string>): Promise<Json | undefined> {
    const got = await readOwn(this.ctx, r, query);
    if (!got.ok || !bodyOf(got)) {
      this.fail(step, 'LIFECYCLE_STEP_FAILED', `Reading back the resource ${this.style.name} just created answered ${outcome(got)}.`, [got.exchange.id]);
      return undefined;
    }
    this.pass(step, `answered ${got.status}`, [got.exchange.id]);
    return bodyOf(got);
  }

  /** ServiceProviderConfig's `patch` claim against the first PATCH the IdP sent. */
  checkPatchClaim(r: SendResult, worked: boolean): void {
    const claims = this.ctx.claims;
    if (this.patchClaimChecked || claims?.patch === undefined) return;
    this.patchClaimChecked = true;
    if (claims.patch === false && worked) {
      this.fail('patch claim', 'DISCOVERY_CLAIM_CONTRADICTED', `ServiceProviderConfig says PATCH is not supported, but a PATCH answered ${r.status} and took effect: an IdP that trusts the claim falls back to PUT needlessly.`, [claims.evidence, r.exchange.id]);
    } else if (claims.patch === true && (r.status === 501 || r.status === 404 || r.status === 405)) {
      this.fail('patch claim', 'DISCOVERY_CLAIM_CONTRADICTED', `ServiceProviderConfig claims PATCH support, but PATCH answered ${outcome(r)}.`, [claims.evidence, r.exchange.id]);
    }
  }

  /**
   * A PATCH the IdP sends to change `path` to `value`; read back to see whether it took effect. Returns the
   * outcome so the caller can tell which departure from the RFC form is to blame.
   */
  async patchUpdate(user: CreatedResource, ops: PatchOperation[], path: string, value: unknown): Promise<{ sent: SendResult; applied: boolean; evidence: string[] }> {
    const sent = await patchOwn(this.ctx, user, patchBody(...ops));
    if (!sent.ok) return { sent, applied: false, evidence: [sent.exchange.id] };
    const read = await readOwn(this.ctx, user);
    const applied = valueAtPath(bodyOf(read), path) === value;
    this.checkPatchClaim(sent, applied);
    return { sent, applied, evidence: [sent.exchange.id, read.exchange.id] };
  }

  /** Okta's profile update: GET the user, change it, PUT it back whole. */
  async putUpdate(step: string, user: CreatedResource, familyName: string): Promise<void> {
    const got = await readOwn(this.ctx, user);
    const body = bodyOf(got);
    if (!got.ok || !body) {
      this.fail(step, 'LIFECYCLE_STEP_FAILED', `Okta reads the user before a PUT; GET answered ${outcome(got)}.`, [got.exchange.id]);
      return;
    }
    const { meta: _meta, ...rest } = body;
    const name = { ...((attr(rest, 'name') as Json | undefined) ?? {}), familyName };
    const put = await putOwn(this.ctx, user, { ...rest, name });
    const read = await readOwn(this.ctx, user);
    const evidence = [got.exchange.id, put.exchange.id, read.exchange.id];
    if (!put.ok) {
      this.fail(step, 'LIFECYCLE_STEP_FAILED', `Okta's profile update (GET, then PUT of the whole user) answered ${outcome(put)}.`, evidence);
    } else if (valueAtPath(bodyOf(read), 'name.familyName') !== familyName) {
      this.fail(step, 'LIFECYCLE_STEP_FAILED', `Okta's profile update (PUT of the whole user) answered ${put.status} but name.familyName did not change.`, evidence);
    } else {
      this.pass(step, `PUT answered ${put.status}; the change reads back`, evidence);
    }
  }

  async deactivate(user: CreatedResource): Promise<void> {
    const sent = await deactivateAsIdp(this.ctx, user, this.style, { alreadyReported: this.alreadyReported });
    this.failures += sent ? sent.codes.length : 1;
  }

  /** The group push: lookup, create, the IdP's member add (and Okta's path-less rename). */
  async groupPush(user: CreatedResource): Promise<void> {
    const name = this.ctx.newName('lifecycle-group');
    await this.lookup('look up the group', this.style.groupLookup(name), 'group');
    const body: Json = { schemas: [GROUP_SCHEMA], displayName: name, externalId: name };
    if (this.style.profile === 'okta') body['members'] = [];
    const group = await this.create('create the group', 'Groups', body);
    if (!group) return;
    if (this.style.profile === 'okta') {
      const rename = await patchOwn(this.ctx, group, patchBody({ op: 'replace', value: { id: group.id, displayName: name } }));
      if (refused(rename)) {
        this.fail('rename the group (path-less replace)', 'PATCH_PATHLESS_REJECTED', `Okta pushes a group's name with a path-less replace {"id", "displayName"}; the server answered ${outcome(rename)}.`, [rename.exchange.id], 'error');
      } else {
        this.pass('rename the group (path-less replace)', `answered ${outcome(rename)}`, [rename.exchange.id]);
      }
    }
    const add = this.style.addMembers([user.id as string]);
    const added = await patchOwn(this.ctx, group, add.body);
    if (!added.ok) {
      // Entra's "Add": if the same add with "add" goes through, the capital is to blame.
      const lower = this.style.profile === 'entra' && refused(added)
        ? await patchOwn(this.ctx, group, patchBody(...add.body.Operations.map((o) => ({ ...o, op: o.op.toLowerCase() }))))
        : undefined;
      if (lower?.ok) {
        this.fail('add the user to the group', 'PATCH_CAPITALISED_OP_REJECTED', `Entra adds group members with "op": "Add"; the server answered ${outcome(added)}, while "op": "add" was accepted.`, [added.exchange.id, lower.exchange.id], 'error');
      } else {
        this.fail('add the user to the group', 'LIFECYCLE_STEP_FAILED', `${this.style.name}'s member add (${add.form}) answered ${outcome(added)}.`, [added.exchange.id, ...(lower ? [lower.exchange.id] : [])]);
      }
    } else {
      this.pass('add the user to the group', `${add.form} answered ${added.status} (the groups probe checks that it takes effect)`, [added.exchange.id]);
    }
    if (this.style.profile === 'entra') {
      // Entra reads groups without their members; a group that has one shows whether the exclusion is honoured.
      const got = await readOwn(this.ctx, group, { excludedAttributes: 'members' });
      if (got.ok && attr(bodyOf(got), 'members') !== undefined) {
        this.ctx.check('read the group without members', 'warn', 'excludedAttributes=members was ignored: the group came back with its members (costly for large groups)', { evidence: [got.exchange.id] });
      } else {
        this.pass('read the group without members', `answered ${outcome(got)}`, [got.exchange.id]);
      }
    }
  }
}

/** The body each IdP sends to create a user, per its documentation. */
export function userBody(style: IdpStyle, userName: string): Json {
  const email = `${userName}@example.com`;
  if (style.profile === 'entra') {
    return {
      schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], externalId: userName, userName, active: true,
      emails: [{ primary: true, type: 'work', value: email }], meta: { resourceType: 'User' },
      name: { formatted: `Probe ${userName}`, familyName: userName, givenName: 'Probe' }, roles: [],
    };
  }
  if (style.profile === 'okta') {
    return {
      schemas: [USER_SCHEMA], userName, name: { givenName: 'Probe', familyName: userName },
      emails: [{ primary: true, value: email, type: 'work' }], displayName: `Probe ${userName}`, locale: 'en-US',
      externalId: userName, groups: [], active: true,
    };
  }
  return { schemas: [USER_SCHEMA], userName, name: { givenName: 'Probe', familyName: userName }, emails: [{ value: email, type: 'work', primary: true }], active: true };
}

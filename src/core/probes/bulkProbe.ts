// bulk: when ServiceProviderConfig claims Bulk, does /Bulk do what it says? A small BulkRequest (a user, and a
// group whose member refers to that user by `bulkId:`) with failOnErrors: per-operation statuses and locations,
// and whether the reference was resolved. Then the claimed maxOperations and maxPayloadSize: a request just over
// each limit must be refused (413, or 400 tooMany). Those requests are built so that a server that wrongly runs
// them only rewrites the probe user's own displayName or nickName: nothing outside the test prefix is touched,
// and nothing more is created. Every resource the Bulk request creates is journalled before it is sent.
import type { SendResult } from '../http';
import type { CreatedResource, PendingCreate, ProbeContext } from './context';
import { GROUP_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from './idpProfiles';
import { bodyOf, outcome, readOwn, referenceValues, refused, type Json } from './ownResources';
import type { Probe } from './types';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
/** Limits larger than these are not tested: the request would be unreasonably large for a real tenant. */
const MAX_TESTED_OPERATIONS = 5000;
const MAX_TESTED_PAYLOAD = 4 * 1024 * 1024;

interface BulkOperationResult {
  bulkId?: string;
  status?: number;
  location?: string;
  response?: unknown;
}

function operationsOf(r: SendResult): BulkOperationResult[] {
  const ops = bodyOf(r)?.['Operations'];
  if (!Array.isArray(ops)) return [];
  return ops.map((o) => {
    const op = (o ?? {}) as Json;
    const status = Number(op['status']);
    return {
      ...(typeof op['bulkId'] === 'string' ? { bulkId: op['bulkId'] } : {}),
      ...(Number.isFinite(status) ? { status } : {}),
      ...(typeof op['location'] === 'string' ? { location: op['location'] } : {}),
      ...(op['response'] !== undefined ? { response: op['response'] } : {}),
    };
  });
}

/** The id at the end of a location such as `https://host/scim/v2/Users/2819c223`. */
export function idFromLocation(location: string, kind: 'Users' | 'Groups'): string | undefined {
  let path: string;
  try {
    path = new URL(location, 'http://relative.invalid').pathname;
  } catch {
    return undefined;
  }
  const m = new RegExp(`/${kind}/([^/]+)/?$`, 'i').exec(path);
  return m?.[1] !== undefined ? decodeURIComponent(m[1]) : undefined;
}

/** Matches each journalled resource with its operation's answer: confirmed, abandoned (refused), or left for cleanup. */
function settle(ctx: ProbeContext, pending: PendingCreate, op: BulkOperationResult | undefined, r: SendResult): CreatedResource | undefined {
  if (op?.status !== undefined && op.status >= 200 && op.status < 300 && op.location) {
    const id = idFromLocation(op.location, pending.kind);
    if (id) return ctx.confirmCreate(pending, id, r);
  }
  if (op?.status !== undefined && op.status >= 400 && op.status < 500) ctx.abandonCreate(pending);
  return undefined;
}

function tooLargeAnswer(r: SendResult): boolean {
  const scimType = bodyOf(r)?.['scimType'];
  return r.status === 413 || (r.status === 400 && scimType === 'tooMany');
}

async function checkLimit(ctx: ProbeContext, what: 'maxOperations' | 'maxPayloadSize', claimed: number, body: Json, claimEvidence: string): Promise<boolean | null> {
  const r = await ctx.send({ method: 'POST', path: '/Bulk', body });
  if (tooLargeAnswer(r)) {
    ctx.check(`${what} enforced`, 'pass', `a request over the claimed ${what} (${claimed}) answered ${outcome(r)}`, { evidence: [r.exchange.id] });
    return true;
  }
  if (r.ok) {
    const f = ctx.finding('BULK_CLAIM_CONTRADICTED', `ServiceProviderConfig claims bulk ${what} ${claimed}, but a request over it answered ${r.status} and was processed (it only rewrote the probe user's own attributes).`, [claimEvidence, r.exchange.id], { field: ['endpoints', 'bulk'] });
    ctx.check(`${what} enforced`, 'fail', f.message, { codes: [f.code], evidence: f.evidence });
    return false;
  }
  ctx.check(`${what} enforced`, 'warn', `a request over the claimed ${what} (${claimed}) answered ${outcome(r)}, not 413 (or 400 tooMany) as RFC 7644 §3.7.4 asks`, { evidence: [r.exchange.id] });
  return null;
}

const ownPatch = (user: CreatedResource, path: string, value: string): Json => ({
  method: 'PATCH',
  path: `/Users/${user.id}`,
  data: { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path, value }] },
});

export const bulkProbe: Probe = {
  name: 'bulk',
  title: 'Checking Bulk',
  writes: 'always',
  needs: ['discovery'],
  async run(ctx) {
    if (!ctx.claims) return ctx.skip('ServiceProviderConfig could not be read (see the discovery probe), so there is no Bulk claim to check');
    const claim = ctx.claims.bulk;
    if (!claim?.supported) return ctx.skip('ServiceProviderConfig does not claim Bulk support');
    const claimEvidence = ctx.claims.evidence;

    const userName = ctx.newName('bulk-user');
    const groupName = ctx.newName('bulk-group');
    const pendingUser = ctx.journalCreate('Users', userName);
    const pendingGroup = ctx.journalCreate('Groups', groupName);
    const request = {
      schemas: [BULK_REQUEST_SCHEMA],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'user', data: { schemas: [USER_SCHEMA], userName, displayName: userName, emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }] } },
        { method: 'POST', path: '/Groups', bulkId: 'group', data: { schemas: [GROUP_SCHEMA], displayName: groupName, members: [{ value: 'bulkId:user' }] } },
      ],
    };
    ctx.progress('sending a two-operation BulkRequest', 0, 3);
    const r = await ctx.send({ method: 'POST', path: '/Bulk', body: request });
    if (!r.ok) {
      // A refused request ran nothing; after a 5xx or a lost answer the entries stay for cleanup to look up.
      if (refused(r) || r.status === 501) {
        ctx.abandonCreate(pendingUser);
        ctx.abandonCreate(pendingGroup);
      }
      const f = ctx.finding('BULK_CLAIM_CONTRADICTED', `ServiceProviderConfig claims Bulk, but a two-operation BulkRequest answered ${outcome(r)}.`, [claimEvidence, r.exchange.id], { field: ['endpoints', 'bulk'] });
      ctx.check('BulkRequest', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
      ctx.observe('bulkWorks', false);
      ctx.field(['endpoints', 'bulk'], false, { evidence: [r.exchange.id] });
      ctx.summary('Bulk claimed but refused');
      return;
    }
    const ops = operationsOf(r);
    const opUser = ops.find((o) => o.bulkId === 'user') ?? ops[0];
    const opGroup = ops.find((o) => o.bulkId === 'group') ?? ops[1];
    const user = settle(ctx, pendingUser, opUser, r);
    const group = settle(ctx, pendingGroup, opGroup, r);
    for (const [label, op, created] of [['user', opUser, user], ['group', opGroup, group]] as const) {
      const ok = op?.status === 201 && created !== undefined;
      ctx.check(`operation ${label}`, ok ? 'pass' : 'fail', op
        ? `status ${op.status ?? '(none)'}, location ${op.location ?? '(none)'}`
        : 'no result for this operation in the BulkResponse', { evidence: [r.exchange.id] });
    }
    ctx.observe('bulkWorks', user !== undefined);

    // The group's member must be the user's id, not the literal `bulkId:user`.
    let resolved: boolean | null = null;
    if (user && opGroup?.status !== undefined && opGroup.status >= 400) {
      resolved = false;
      const f = ctx.finding('BULK_BULKID_UNRESOLVED', `The group operation referring to its member as "bulkId:user" failed with ${opGroup.status}${opGroup.response ? ` (${JSON.stringify(opGroup.response).slice(0, 200)})` : ''}, although the user operation succeeded.`, [r.exchange.id]);
      ctx.check('bulkId reference', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
    } else if (user && group) {
      const read = await readOwn(ctx, group);
      const members = referenceValues(bodyOf(read), 'members');
      if (members === undefined) {
        ctx.check('bulkId reference', 'skipped', 'the group does not show its members', { evidence: [read.exchange.id] });
      } else if (members.includes(user.id as string)) {
        resolved = true;
        ctx.check('bulkId reference', 'pass', `the group's member is the new user ${user.id}`, { evidence: [r.exchange.id, read.exchange.id] });
      } else {
        resolved = false;
        const f = ctx.finding('BULK_BULKID_UNRESOLVED', `The group created with member "bulkId:user" lists ${members.length ? members.map((m) => JSON.stringify(m)).join(', ') : 'no members'}, not the new user's id ${user.id}.`, [r.exchange.id, read.exchange.id]);
        ctx.check('bulkId reference', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
      }
    }
    ctx.observe('bulkIdResolved', resolved);

    let operationsEnforced: boolean | null = null;
    let payloadEnforced: boolean | null = null;
    if (!user) {
      ctx.check('limits', 'skipped', 'the probe user was not created, so there is no own resource the limit requests could safely target');
    } else {
      const max = claim.maxOperations;
      if (max === undefined || max < 1) {
        ctx.check('maxOperations enforced', 'skipped', 'ServiceProviderConfig claims no maxOperations');
      } else if (max + 1 > MAX_TESTED_OPERATIONS) {
        ctx.check('maxOperations enforced', 'skipped', `maxOperations ${max} is above ${MAX_TESTED_OPERATIONS}; not tested`);
      } else {
        const over = { schemas: [BULK_REQUEST_SCHEMA], Operations: Array.from({ length: max + 1 }, () => ownPatch(user, 'displayName', userName)) };
        const size = Buffer.byteLength(JSON.stringify(over));
        if (claim.maxPayloadSize !== undefined && size > claim.maxPayloadSize) {
          ctx.check('maxOperations enforced', 'skipped', `${max + 1} operations take ${size} bytes, over maxPayloadSize ${claim.maxPayloadSize}`);
        } else {
          ctx.progress(`sending ${max + 1} operations (maxOperations ${max})`, 1, 3);
          operationsEnforced = await checkLimit(ctx, 'maxOperations', max, over, claimEvidence);
        }
      }
      const maxSize = claim.maxPayloadSize;
      if (maxSize === undefined || maxSize < 1) {
        ctx.check('maxPayloadSize enforced', 'skipped', 'ServiceProviderConfig claims no maxPayloadSize');
      } else if (maxSize > MAX_TESTED_PAYLOAD) {
        ctx.check('maxPayloadSize enforced', 'skipped', `maxPayloadSize ${maxSize} is above ${MAX_TESTED_PAYLOAD} bytes; not tested`);
      } else {
        const over = { schemas: [BULK_REQUEST_SCHEMA], Operations: [ownPatch(user, 'nickName', 'x'.repeat(maxSize + 1024))] };
        ctx.progress(`sending ${maxSize + 1024} bytes (maxPayloadSize ${maxSize})`, 2, 3);
        payloadEnforced = await checkLimit(ctx, 'maxPayloadSize', maxSize, over, claimEvidence);
      }
    }
    ctx.observe('maxOperationsEnforced', operationsEnforced);
    ctx.observe('maxPayloadSizeEnforced', payloadEnforced);
    ctx.field(['endpoints', 'bulk'], user !== undefined, { evidence: [r.exchange.id] });
    ctx.summary(user === undefined ? 'Bulk answered without creating' : `Bulk works${resolved === false ? ', bulkId unresolved' : ''}${operationsEnforced === false || payloadEnforced === false ? ', limits not enforced' : ''}`);
  },
};

// Group-membership quirks: membership PATCHes acknowledged but dropped, members never returned (or returned even
// when excluded), a cap on members per request (AWS documents 100), the member-removal forms of the RFC/Entra
// (`members[value eq "..."]`) and of Okta (replace the whole list) refused, and users' `groups` omitted or stale.
import type { Request, RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { isListBody, onResponse, sendError } from '../http';
import { dropOperations } from './patchOps';
import { isResourceWrite, patchOperations, readQuery, resourceTarget, writeQuery, type PatchOperation } from './requestUtil';

function touchesMembers(o: PatchOperation): boolean {
  if (typeof o.path === 'string' && o.path !== '') return /(^|:)members(\[|\.|$)/i.test(o.path.trim());
  return !!o.value && typeof o.value === 'object' && Object.keys(o.value).some((k) => k.toLowerCase() === 'members');
}

function opName(o: PatchOperation): string {
  return typeof o.op === 'string' ? o.op.toLowerCase() : '';
}

/** Member values a request adds or sets. */
function membersSent(req: Request, ops: PatchOperation[] | undefined): number {
  const count = (v: unknown): number => (Array.isArray(v) ? v.length : v && typeof v === 'object' ? 1 : 0);
  if (!ops) return count((req.body as Record<string, unknown> | undefined)?.['members']);
  let n = 0;
  for (const o of ops) {
    if (opName(o) === 'remove' || !touchesMembers(o)) continue;
    if (typeof o.path === 'string' && o.path !== '') n += count(o.value);
    else n += count(Object.entries(o.value as object).find(([k]) => k.toLowerCase() === 'members')?.[1]);
  }
  return n;
}

function eachResource(body: unknown, type: 'User' | 'Group', fn: (r: Record<string, unknown>) => void): void {
  if (!body || typeof body !== 'object') return;
  for (const r of isListBody(body) ? (body.Resources ?? []) : [body]) {
    const res = r as Record<string, unknown>;
    if ((res?.['meta'] as { resourceType?: unknown } | undefined)?.resourceType === type) fn(res);
  }
}

/** Refuses the membership forms the app does not take, and the member cap; drops ignored membership ops. */
function groupWrites(app: AppRuntime): RequestHandler {
  const q = app.quirks;
  return (req, res, next) => {
    if (resourceTarget(req)?.collection !== 'Groups' || !isResourceWrite(req)) return next();
    let ops = patchOperations(req);
    if (q.groupMemberLimit !== null && membersSent(req, ops) > q.groupMemberLimit) {
      return sendError(res, 400, 'invalidValue', `At most ${q.groupMemberLimit} members can be added or set in one request`);
    }
    if (!ops) return next();
    for (const o of ops) {
      const path = typeof o.path === 'string' ? o.path.trim() : '';
      if (q.memberRemoveByFilter === 'reject' && opName(o) === 'remove' && /(^|:)members\s*\[/i.test(path)) {
        return sendError(res, 400, 'invalidPath', `Removing members by filter is not supported: ${path}`);
      }
      if (q.memberReplace === 'reject' && opName(o) === 'replace' && touchesMembers(o) && !path.includes('[')) {
        return sendError(res, 400, 'invalidPath', 'Replacing the whole members list is not supported; add and remove members instead');
      }
    }
    if (q.groupPatch === 'ignored') {
      for (const o of ops) {
        const value = o.value as Record<string, unknown> | undefined;
        if ((o.path === undefined || o.path === '') && value && typeof value === 'object') {
          for (const k of Object.keys(value)) if (k.toLowerCase() === 'members') delete value[k];
        }
      }
      ops = dropOperations(req, ops, (o) => touchesMembers(o) || ((o.path === undefined || o.path === '') && Object.keys(o.value ?? {}).length === 0));
    }
    next();
  };
}

/** What reads show: members dropped or not excludable, users' groups omitted or frozen. */
function groupReads(app: AppRuntime): RequestHandler {
  const q = app.quirks;
  const snapshots = app.quirkState.groupSnapshots;
  return (req, res, next) => {
    if (q.groupMembers === 'excludedIgnored' && req.method === 'GET') {
      const params = readQuery(req);
      const excluded = params.get('excludedAttributes');
      if (excluded !== null) {
        const kept = excluded.split(',').filter((a) => !/(^|:)members$/i.test(a.trim()));
        if (kept.length > 0) params.set('excludedAttributes', kept.join(','));
        else params.delete('excludedAttributes');
        writeQuery(req, params);
      }
    }
    const userWrite = q.userGroups === 'stale' && isResourceWrite(req) && resourceTarget(req)?.collection === 'Users';
    onResponse(res, (out) => {
      if (out.status >= 300) return;
      if (q.groupMembers === 'never') eachResource(out.body, 'Group', (g) => delete g['members']);
      if (q.userGroups === 'omitted') eachResource(out.body, 'User', (u) => delete u['groups']);
      if (q.userGroups === 'stale') {
        eachResource(out.body, 'User', (u) => {
          const id = u['id'] as string;
          if (userWrite) snapshots.set(id, u['groups']);
          else if (snapshots.has(id)) {
            const frozen = snapshots.get(id);
            if (frozen === undefined) delete u['groups'];
            else u['groups'] = frozen;
          }
        });
      }
    });
    next();
  };
}

export function groupQuirks(app: AppRuntime): RequestHandler[] {
  const q = app.quirks;
  const writes = q.groupPatch !== 'applied' || q.groupMemberLimit !== null || q.memberRemoveByFilter !== 'accept' || q.memberReplace !== 'accept';
  const reads = q.groupMembers !== 'returned' || q.userGroups !== 'maintained';
  return [...(writes ? [groupWrites(app)] : []), ...(reads ? [groupReads(app)] : [])];
}

// What `active=false` does. `immediate` is the RFC core. `delayed`: the change is stored, but reads keep
// showing active=true for deactivationDelaySeconds (an app that deprovisions in a background job). `lockedOnly`:
// the request succeeds, yet the app only locks sign-in: active stays true and reads carry a lock flag (an app
// without a real deactivated state). `deleted`: the user is removed, as GitHub does; a later GET is 404.
import type { Request, RequestHandler } from 'express';
import { deleteUser, type AppRuntime } from '../appRuntime';
import { isListBody, onResponse } from '../http';
import { patchOperations, userIdOf } from './requestUtil';

export const LOCK_EXTENSION = 'urn:scim-workbench:sandbox:User';

function asFlag(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

function isActivePath(path: unknown): boolean {
  return typeof path === 'string' && /(^|:)active$/i.test(path.trim());
}

/** false: the request deactivates; true: it (re)activates; undefined: it leaves `active` alone. */
export function activeIntent(req: Request): boolean | undefined {
  const ops = patchOperations(req);
  if (ops) {
    let intent: boolean | undefined;
    for (const o of ops) {
      const op = typeof o.op === 'string' ? o.op.toLowerCase() : '';
      if (op !== 'add' && op !== 'replace') continue;
      if (isActivePath(o.path)) intent = asFlag(o.value) ?? intent;
      else if ((o.path === undefined || o.path === '') && o.value && typeof o.value === 'object') {
        const entry = Object.entries(o.value).find(([k]) => isActivePath(k));
        if (entry) intent = asFlag(entry[1]) ?? intent;
      }
    }
    return intent;
  }
  if (req.method === 'PUT') return asFlag((req.body as Record<string, unknown> | undefined)?.['active']);
  return undefined;
}

/** Removes active=false from the request (lockedOnly); returns false if nothing is left to apply. */
function stripDeactivation(req: Request): boolean {
  const ops = patchOperations(req);
  if (!ops) {
    (req.body as Record<string, unknown>)['active'] = true;
    return true;
  }
  const kept = ops.filter((o) => {
    if (isActivePath(o.path)) return false;
    if ((o.path === undefined || o.path === '') && o.value && typeof o.value === 'object') {
      for (const k of Object.keys(o.value)) if (isActivePath(k)) delete (o.value as Record<string, unknown>)[k];
      return Object.keys(o.value).length > 0;
    }
    return true;
  });
  (req.body as { Operations: unknown[] }).Operations = kept;
  return kept.length > 0;
}

function eachUser(body: unknown, fn: (user: Record<string, unknown>) => void): void {
  if (!body || typeof body !== 'object') return;
  const resources = isListBody(body) ? (body.Resources ?? []) : [body];
  for (const r of resources) {
    const u = r as Record<string, unknown>;
    if (typeof u?.['id'] === 'string' && (u['meta'] as { resourceType?: unknown } | undefined)?.resourceType === 'User') fn(u);
  }
}

export function deactivationQuirk(app: AppRuntime): RequestHandler | undefined {
  const mode = app.quirks.deactivation;
  if (mode === 'immediate') return undefined;
  const state = app.quirkState;
  return (req, res, next) => {
    const id = userIdOf(req);
    const intent = id !== undefined && (req.method === 'PATCH' || req.method === 'PUT') ? activeIntent(req) : undefined;
    if (mode === 'lockedOnly' && intent === false && !stripDeactivation(req)) {
      req.method = 'GET';
      req.body = undefined;
    }
    onResponse(res, (out) => {
      const ok = out.status >= 200 && out.status < 300;
      if (ok && id !== undefined && intent !== undefined) {
        if (mode === 'deleted' && intent === false) deleteUser(app, id);
        if (mode === 'delayed') {
          if (intent === false) state.pendingDeactivations.set(id, app.now() + app.quirks.deactivationDelaySeconds * 1000);
          else state.pendingDeactivations.delete(id);
        }
        if (mode === 'lockedOnly') {
          if (intent === false) state.locked.add(id);
          else state.locked.delete(id);
        }
      }
      if (mode === 'delayed' && state.pendingDeactivations.size > 0) {
        const now = app.now();
        eachUser(out.body, (u) => {
          const until = state.pendingDeactivations.get(u['id'] as string);
          if (until === undefined) return;
          if (until > now) u['active'] = true;
          else state.pendingDeactivations.delete(u['id'] as string);
        });
      }
      if (mode === 'lockedOnly' && state.locked.size > 0) {
        eachUser(out.body, (u) => {
          if (state.locked.has(u['id'] as string)) u[LOCK_EXTENSION] = { locked: true };
        });
      }
    });
    next();
  };
}

// The one SCIMMY instance of the process, shared by every sandbox and app. SCIMMY keeps its configuration,
// declared resources, handlers and resource base paths in module-level statics, so per-app state must not live
// there. Instead:
// - ingress/egress/degress are registered once and dispatch on the request's context (each app's own stores);
// - the resource base path is set to one constant sentinel on every request (never swapped per app), and the
//   pipeline replaces the sentinel with the app's real base URL in the serialised response;
// - ServiceProviderConfig is identical for all apps; the quirk layer rewrites what an app advertises.
import type { Request, RequestHandler } from 'express';
import SCIMMYRouters, { SCIMMY } from 'scimmy-routers';
import type { FilterNode } from '../core/filter';
import { filterRecords, lookupFor, sortRecords } from './filterEngine';
import { UniquenessError, type ResourceStore, type ScimRecord } from './store';
import { deleteUser, type AppRuntime } from './appRuntime';

/** A reserved (.invalid) origin that never appears in real data. */
export const SENTINEL_BASE = 'https://scim-sandbox.invalid';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface EngineContext {
  app: AppRuntime;
  /** Compiled by the core from `filter` (query or SearchRequest); SCIMMY never parses it. */
  filter?: FilterNode;
  /** What the last list read really did; the core puts startIndex back into the ListResponse. */
  listResult?: { startIndex: number; totalResults: number };
}

interface ResourceLike {
  id?: string;
  constraints?: { sortBy?: string; sortOrder?: string; startIndex?: number; count?: number; totalResults?: number };
}

type Kind = 'User' | 'Group';

const contexts = new WeakMap<Request, EngineContext>();

export function setEngineContext(req: Request, ctx: EngineContext): void {
  contexts.set(req, ctx);
}

function storeOf(ctx: EngineContext, kind: Kind): ResourceStore {
  return kind === 'User' ? ctx.app.users : ctx.app.groups;
}

function notFound(id: string | undefined): Error {
  return new SCIMMY.Types.Error(404, '', `Resource ${id ?? ''} not found`);
}

// SCIMMY wraps every record egress returns in a schema instance before it pages (27 s for 100k users), so the
// egress pages itself and reports totalResults through the resource's constraints.
function egress(kind: Kind) {
  return (resource: ResourceLike, ctx: EngineContext): ScimRecord | ScimRecord[] => {
    const store = storeOf(ctx, kind);
    if (resource.id !== undefined) {
      const found = store.get(resource.id);
      if (!found) throw notFound(resource.id);
      return found;
    }
    let matches = ctx.filter ? filterRecords(store.list(), ctx.filter, lookupFor(kind)) : store.list();
    const c = resource.constraints ?? {};
    if (c.sortBy) matches = sortRecords([...matches], c.sortBy, c.sortOrder === 'descending');
    const startIndex = Math.max(1, c.startIndex ?? 1);
    // An app configured with a larger page cap than the core's gets it; the quirk layer enforces the cap itself.
    const count = Math.min(c.count ?? DEFAULT_PAGE_SIZE, Math.max(MAX_PAGE_SIZE, ctx.app.quirks.maxPageSize ?? 0));
    const page = matches.slice(startIndex - 1, startIndex - 1 + count);
    resource.constraints = { startIndex: 1, count: page.length, totalResults: matches.length };
    ctx.listResult = { startIndex, totalResults: matches.length };
    return page;
  };
}

function ingress(kind: Kind) {
  return (resource: ResourceLike, instance: unknown, ctx: EngineContext): ScimRecord => {
    const store = storeOf(ctx, kind);
    const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
    delete data['id'];
    delete data['meta'];
    const now = new Date(ctx.app.now()).toISOString();
    const existing = resource.id !== undefined ? store.get(resource.id) : undefined;
    if (resource.id !== undefined && !existing) throw notFound(resource.id);
    const record: ScimRecord = {
      ...data,
      id: existing?.id ?? crypto.randomUUID(),
      meta: { resourceType: kind, created: existing?.meta.created ?? now, lastModified: now, version: store.nextVersion() },
    };
    try {
      return existing ? store.replace(record) : store.insert(record);
    } catch (err) {
      if (err instanceof UniquenessError) throw new SCIMMY.Types.Error(409, 'uniqueness', err.message);
      throw err;
    }
  };
}

function degress(kind: Kind) {
  return (resource: ResourceLike, ctx: EngineContext): void => {
    const id = resource.id ?? '';
    const gone = kind === 'User' ? deleteUser(ctx.app, id) : ctx.app.groups.delete(id);
    if (!gone) throw notFound(id);
  };
}

let shared: RequestHandler | undefined;

/** The SCIMMY routers (scimmy-routers), created once per process and reused by every sandbox. */
export function sharedScimRouter(): RequestHandler {
  if (shared) return shared;
  const { User, Group } = SCIMMY.Resources;
  if (!SCIMMY.Resources.declared(User)) SCIMMY.Resources.declare(User.extend(SCIMMY.Schemas.EnterpriseUser, false));
  if (!SCIMMY.Resources.declared(Group)) SCIMMY.Resources.declare(Group);
  // SCIMMY's handler typings are generic over its schema classes; ours work on plain records.
  const register = (R: unknown, kind: Kind): void => {
    const r = R as { ingress(h: unknown): unknown; egress(h: unknown): unknown; degress(h: unknown): unknown };
    r.ingress(ingress(kind));
    r.egress(egress(kind));
    r.degress(degress(kind));
  };
  register(User, 'User');
  register(Group, 'Group');
  const routers = new SCIMMYRouters({
    type: 'bearer',
    // The core authenticates before SCIMMY runs; this value only feeds SCIMMY's /Me, which the core answers 501.
    handler: () => 'sandbox',
    context: (req) => contexts.get(req),
    baseUri: () => SENTINEL_BASE,
  });
  SCIMMY.Config.set({
    patch: true,
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    sort: true,
    etag: true,
    changePassword: false,
    bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
  });
  shared = routers as unknown as RequestHandler;
  return shared;
}

export { SCIMMY };

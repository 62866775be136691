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
import type { CursorPage, EngineCursor } from './cursor';
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
  /** Set when the list request pages by cursor (RFC 9865) rather than by startIndex. */
  cursor?: EngineCursor;
  /** What the last list read really did; the core puts startIndex back into the ListResponse. */
  listResult?: { startIndex: number; totalResults: number; count: number; page?: CursorPage };
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

/** Where a cursor page starts among the matches, and where it ends. */
function cursorSlice(store: ResourceStore, matches: readonly ScimRecord[], cursor: EngineCursor, count: number, sorted: boolean): [number, number] {
  const p = cursor.position;
  if (!p) return [0, count];
  if (p.kind === 'offset') return [p.offset, p.offset + count];
  if (sorted) return [0, count];
  if (p.kind === 'after') {
    const start = store.indexAfter(matches, p.seq);
    return [start, start + count];
  }
  const end = store.indexAfter(matches, p.seq - 1);
  return [Math.max(0, end - count), end];
}

/** RFC 7643 §4.1.2: a user's read-only `groups`, from the membership index. */
function withGroups(ctx: EngineContext, user: ScimRecord): ScimRecord {
  const groups = ctx.app.memberships.groupsOf(user.id);
  if (groups.length === 0) return user;
  return { ...user, groups: groups.map((g) => ({ ...g, $ref: `${SENTINEL_BASE}/Groups/${g.value}`, type: 'direct' })) };
}

// SCIMMY wraps every record egress returns in a schema instance before it pages (27 s for 100k users), so the
// egress pages itself and reports totalResults through the resource's constraints.
export function egress(kind: Kind) {
  return (resource: ResourceLike, ctx: EngineContext): ScimRecord | ScimRecord[] => {
    const store = storeOf(ctx, kind);
    const decorate = kind === 'User' ? (r: ScimRecord) => withGroups(ctx, r) : (r: ScimRecord) => r;
    if (resource.id !== undefined) {
      const found = store.get(resource.id);
      if (!found) throw notFound(resource.id);
      return decorate(found);
    }
    const lookup = lookupFor(kind, ctx.app.quirks.filterCaseSensitive);
    let matches = ctx.filter ? filterRecords(store.list(), ctx.filter, lookup) : store.list();
    const c = resource.constraints ?? {};
    const sorted = Boolean(c.sortBy);
    if (c.sortBy) matches = sortRecords([...matches], c.sortBy, c.sortOrder === 'descending');
    // An app configured with a larger page cap than the core's gets it; the quirk layer enforces the cap itself.
    const count = Math.min(c.count ?? DEFAULT_PAGE_SIZE, Math.max(MAX_PAGE_SIZE, ctx.app.quirks.maxPageSize ?? 0));
    let start: number;
    let end: number;
    if (ctx.cursor) [start, end] = cursorSlice(store, matches, ctx.cursor, count, sorted);
    else [start, end] = [Math.max(1, c.startIndex ?? 1) - 1, Math.max(1, c.startIndex ?? 1) - 1 + count];
    const page = matches.slice(start, end);
    resource.constraints = { startIndex: 1, count: page.length, totalResults: matches.length };
    const first = page[0];
    const last = page[page.length - 1];
    ctx.listResult = {
      startIndex: start + 1,
      totalResults: matches.length,
      count,
      page: {
        start, returned: page.length, total: matches.length, sorted,
        ...(first ? { firstSeq: store.seqOf(first) } : {}),
        ...(last ? { lastSeq: store.seqOf(last) } : {}),
      },
    };
    return kind === 'User' ? page.map(decorate) : page;
  };
}

/** RFC 7644 §3.5.2.1: adding a member that is already there changes nothing (SCIMMY would list it twice). */
function distinctMembers(data: Record<string, unknown>): void {
  const members = data['members'];
  if (!Array.isArray(members)) return;
  const seen = new Set<string>();
  data['members'] = members.filter((m) => {
    const value = (m as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return true;
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

function ingress(kind: Kind) {
  return (resource: ResourceLike, instance: unknown, ctx: EngineContext): ScimRecord => {
    const store = storeOf(ctx, kind);
    const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
    delete data['id'];
    delete data['meta'];
    // Read-only (RFC 7643 §4.1.2): derived from group membership, never stored.
    if (kind === 'User') delete data['groups'];
    if (kind === 'Group' && ctx.app.quirks.duplicateMembers === 'idempotent') distinctMembers(data);
    const now = new Date(ctx.app.now()).toISOString();
    const existing = resource.id !== undefined ? store.get(resource.id) : undefined;
    if (resource.id !== undefined && !existing) throw notFound(resource.id);
    const record: ScimRecord = {
      ...data,
      id: existing?.id ?? crypto.randomUUID(),
      meta: { resourceType: kind, created: existing?.meta.created ?? now, lastModified: now, version: store.nextVersion() },
    };
    try {
      const stored = existing ? store.replace(record) : store.insert(record);
      return kind === 'User' ? withGroups(ctx, stored) : stored;
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

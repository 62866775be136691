// The RFC 7644 core of one application: query normalisation, /.search, ETags and preconditions, Location, and
// the hand-off to SCIMMY's routers. Nothing here knows about vendor quirks; the quirk layer wraps this router.
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppRuntime } from './appRuntime';
import { ERROR_URN, LIST_URN, isListBody, onResponse, sendError } from './http';
import { bulkHandler } from './bulk';
import { fastListHandler } from './fastList';
import { nextCursorOf, previousCursorOf, resolveCursor } from './cursor';
import { compileFilter } from './filterEngine';
import { safeDecode } from './quirks/requestUtil';
import {
  DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SCIMMY, setEngineContext, sharedScimRouter, type EngineContext,
} from './scimmyEngine';

const SEARCH_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const CORE_URN: Record<string, string> = {
  Users: 'urn:ietf:params:scim:schemas:core:2.0:User',
  Groups: 'urn:ietf:params:scim:schemas:core:2.0:Group',
};

const convertedSearches = new WeakSet<Request>();

/** The resource collection and id a path names: `/Users/abc` -> ['Users', 'abc']. */
export function resourcePath(req: Request): { collection?: 'Users' | 'Groups'; id?: string } {
  const path = req.path.replace(/\/+$/, '');
  const m = /^\/(Users|Groups)(?:\/([^/]+))?$/i.exec(path);
  if (!m) return {};
  const collection = (m[1] as string).toLowerCase() === 'users' ? 'Users' : 'Groups';
  return { collection, id: m[2] === undefined ? undefined : safeDecode(m[2]) };
}

function queryOf(req: Request): URLSearchParams {
  const at = req.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
}

/**
 * POST /.search, /Users/.search and /Groups/.search become the equivalent GET before the quirk layer runs, so
 * paging and filter quirks treat both forms alike. (SCIMMY's SearchRequest rejects count=0, which RFC 7644
 * §3.4.2.4 allows, and reads every record of every type for a root search.)
 */
export const normaliseSearch: RequestHandler = (req, res, next) => {
  const m = /^\/(?:(Users|Groups)\/)?\.search\/?$/i.exec(req.path);
  if (!m || req.method !== 'POST') return next();
  const body = req.body as Record<string, unknown> | undefined;
  const schemas = body?.['schemas'];
  if (!body || typeof body !== 'object' || !Array.isArray(schemas) || !schemas.includes(SEARCH_URN)) {
    return sendError(res, 400, 'invalidSyntax', `A SearchRequest body must list the schema ${SEARCH_URN}`);
  }
  const params = new URLSearchParams();
  for (const key of ['filter', 'sortBy', 'sortOrder', 'startIndex', 'count', 'cursor']) {
    const v = body[key];
    if (v === undefined) continue;
    const numeric = key === 'startIndex' || key === 'count';
    if (numeric ? !Number.isInteger(v) : typeof v !== 'string') {
      return sendError(res, 400, 'invalidValue', `SearchRequest '${key}' must be ${numeric ? 'an integer' : 'a string'}`);
    }
    params.set(key, String(v));
  }
  for (const key of ['attributes', 'excludedAttributes']) {
    const v = body[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((a) => typeof a === 'string')) {
      return sendError(res, 400, 'invalidValue', `SearchRequest '${key}' must be an array of strings`);
    }
    params.set(key, v.join(','));
  }
  const collection = m[1] ? `/${m[1]}` : '/.search';
  req.method = 'GET';
  req.url = `${collection}${params.size ? `?${params.toString()}` : ''}`;
  if (!m[1]) convertedSearches.add(req);
  next();
};

type Query = Record<string, string | number>;

/** RFC 7644 §3.4.2.4: startIndex < 1 is 1; negative count is 0. Non-numeric values are ignored. */
function normaliseQuery(params: URLSearchParams): Query {
  const q: Query = {};
  for (const [k, v] of params) q[k] = v;
  for (const key of ['startIndex', 'count'] as const) {
    const raw = q[key];
    if (raw === undefined) continue;
    if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) q[key] = Math.max(key === 'startIndex' ? 1 : 0, Number(raw));
    else delete q[key];
  }
  return q;
}

function sameTag(a: string, b: string): boolean {
  return a.trim().replace(/^W\//, '') === b.trim().replace(/^W\//, '');
}

/**
 * What the core adds to ServiceProviderConfig beyond SCIMMY's: the OAuth client-credentials scheme, the RFC 9865
 * `pagination` block, and the truth about this app's page sizes and Bulk limits (SCIMMY's config is shared by
 * every app). The discovery quirk may then make some of it a lie.
 */
function describeProvider(app: AppRuntime, body: Record<string, unknown>, baseUrl: string): void {
  const q = app.quirks;
  const schemes = Array.isArray(body['authenticationSchemes']) ? (body['authenticationSchemes'] as unknown[]) : [];
  body['authenticationSchemes'] = [
    ...schemes,
    {
      type: 'oauth2',
      name: 'OAuth 2.0 client credentials',
      description: `POST ${baseUrl}/oauth/token with grant_type=client_credentials, client_id and client_secret`,
      specUri: 'https://datatracker.ietf.org/doc/html/rfc6749#section-4.4',
    },
  ];
  const maxPageSize = q.maxPageSize ?? MAX_PAGE_SIZE;
  const defaultPageSize = Math.min(q.defaultPageSize ?? DEFAULT_PAGE_SIZE, maxPageSize);
  const cursor = q.cursorPagination !== 'off';
  body['filter'] = { supported: q.filterOperators === 'all' || q.filterOperators.length > 0, maxResults: maxPageSize };
  body['bulk'] = q.bulk === false
    ? { supported: false, maxOperations: 0, maxPayloadSize: 0 }
    : { supported: true, maxOperations: q.bulkMaxOperations, maxPayloadSize: q.bulkMaxPayloadSize };
  body['pagination'] = {
    cursor,
    index: q.cursorPagination !== 'only',
    defaultPaginationMethod: q.cursorPagination === 'only' ? 'cursor' : 'index',
    defaultPageSize,
    maxPageSize,
    ...(cursor ? { cursorTimeout: q.cursorTimeoutSeconds } : {}),
  };
}

/** RFC 9865 §2: a cursor page has nextCursor unless it is the last, previousCursor where offered, no startIndex. */
function cursorPage(ctx: EngineContext, body: Record<string, unknown>): void {
  delete body['startIndex'];
  const page = ctx.listResult?.page;
  if (!ctx.cursor || !page) return;
  const next = nextCursorOf(ctx.app, ctx.cursor, page);
  if (next !== undefined && page.start + page.returned < page.total) body['nextCursor'] = next;
  if (ctx.app.quirks.previousCursor) {
    const previous = previousCursorOf(ctx.app, ctx.cursor, page, ctx.listResult?.count ?? page.returned);
    if (previous !== undefined) body['previousCursor'] = previous;
  }
}

function coreRewriters(req: Request, res: Response, ctx: EngineContext, collection: string | undefined): void {
  onResponse(res, (out) => {
    const body = out.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return;
    if (out.status === 200 && /^\/ServiceProviderConfig\/?$/i.test(req.path)) {
      const location = (body['meta'] as { location?: unknown } | undefined)?.location;
      describeProvider(ctx.app, body, typeof location === 'string' ? location.replace(/\/ServiceProviderConfig$/, '') : '');
      return;
    }
    if (isListBody(body)) {
      if (ctx.listResult) body['startIndex'] = ctx.listResult.startIndex;
      if (ctx.cursor) cursorPage(ctx, body);
      const urn = collection && CORE_URN[collection];
      // SCIMMY drops `schemas` when `attributes` is given; RFC 7643 §3 makes it required in every resource.
      if (urn && Array.isArray(body.Resources)) {
        for (const r of body.Resources) {
          if (r && typeof r === 'object' && !('schemas' in r)) Object.assign(r, { schemas: [urn], ...r });
        }
      }
      return;
    }
    if (typeof body['id'] === 'string' && collection && !('schemas' in body)) {
      out.body = { schemas: [CORE_URN[collection]], ...body };
    }
    const meta = body['meta'] as { location?: unknown; version?: unknown } | undefined;
    if (typeof meta?.version === 'string' && typeof body['id'] === 'string') res.setHeader('ETag', meta.version);
    if (out.status === 201 && typeof meta?.location === 'string') res.setHeader('Location', meta.location);
  });
}

async function rootSearch(query: Query, ctx: EngineContext, res: Response): Promise<void> {
  const startIndex = typeof query['startIndex'] === 'number' ? query['startIndex'] : 1;
  const count = Math.min(typeof query['count'] === 'number' ? query['count'] : DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const need = Math.min(startIndex - 1 + count, MAX_PAGE_SIZE * 10);
  const merged: unknown[] = [];
  let total = 0;
  type Readable = new (params: Query) => { read(ctx: EngineContext): Promise<unknown> };
  for (const R of [SCIMMY.Resources.User, SCIMMY.Resources.Group] as unknown as Readable[]) {
    const list = (await new R({ ...query, startIndex: 1, count: need }).read(ctx)) as { Resources: unknown[] };
    merged.push(...(JSON.parse(JSON.stringify(list.Resources)) as unknown[]));
    total += ctx.listResult?.totalResults ?? 0;
  }
  ctx.listResult = undefined;
  const page = merged.slice(startIndex - 1, startIndex - 1 + count);
  res.status(200).json({ schemas: [LIST_URN], totalResults: total, itemsPerPage: page.length, startIndex, Resources: page });
}

function scimError(err: unknown): { status: number; scimType?: string; detail: string } {
  const e = err as { status?: unknown; scimType?: unknown; message?: unknown };
  const status = typeof e.status === 'number' ? e.status : 500;
  return { status, scimType: typeof e.scimType === 'string' ? e.scimType : undefined, detail: String(e.message ?? 'internal error') };
}

export function createCoreRouter(app: AppRuntime): Router {
  const router = Router();
  const shared = sharedScimRouter();

  router.use((req, res, next) => {
    const params = queryOf(req);
    const ctx: EngineContext = { app };
    const filterText = params.get('filter');
    if (filterText !== null) {
      const compiled = compileFilter(filterText);
      if (!compiled.ok) return sendError(res, 400, 'invalidFilter', `Invalid filter: ${compiled.message}`);
      ctx.filter = compiled.ast;
    }
    const { collection, id } = resourcePath(req);
    if (req.method === 'GET' && collection && id === undefined) {
      const resolution = resolveCursor(app, collection, params);
      if (resolution.kind === 'error') return sendError(res, 400, resolution.scimType, resolution.detail);
      if (resolution.kind === 'cursor') {
        ctx.cursor = resolution.cursor;
        params.delete('startIndex');
      }
    }
    params.delete('filter');
    params.delete('cursor');
    // Express 5 recomputes req.query on every read, which silently drops the numeric casts scimmy-routers
    // makes (startIndex/count were ignored); an own property keeps them.
    Object.defineProperty(req, 'query', { value: normaliseQuery(params), writable: true, configurable: true, enumerable: true });
    setEngineContext(req, ctx);
    coreRewriters(req, res, ctx, collection);
    res.locals['engineContext'] = ctx;
    next();
  });

  router.all('/Me', (_req, res) => sendError(res, 501, undefined, 'The /Me endpoint is not implemented'));

  const bulk = bulkHandler(app);
  router.use((req, res, next) => (req.method === 'POST' && /^\/Bulk\/?$/i.test(req.path) ? bulk(req, res, next) : next()));

  router.use(fastListHandler());

  router.get('/.search', (req, res, next) => {
    if (!convertedSearches.has(req)) return next();
    rootSearch(req.query as Query, res.locals['engineContext'] as EngineContext, res).catch((err: unknown) => {
      const e = scimError(err);
      sendError(res, e.status, e.scimType, e.detail);
    });
  });

  // ETag preconditions (RFC 7644 §3.14): If-None-Match on GET, If-Match on PUT/PATCH/DELETE.
  router.use((req: Request, res: Response, next: NextFunction) => {
    const { collection, id } = resourcePath(req);
    if (!collection || id === undefined) return next();
    const record = (collection === 'Users' ? app.users : app.groups).get(id);
    if (!record) return next();
    const version = record.meta.version;
    const ifNoneMatch = req.get('If-None-Match');
    if (req.method === 'GET' && ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => sameTag(t, version)))) {
      res.setHeader('ETag', version);
      res.status(304).send();
      return;
    }
    const ifMatch = req.get('If-Match');
    if (['PUT', 'PATCH', 'DELETE'].includes(req.method) && ifMatch && ifMatch.trim() !== '*' && !ifMatch.split(',').some((t) => sameTag(t, version))) {
      res.setHeader('ETag', version);
      return sendError(res, 412, undefined, `If-Match ${ifMatch} does not match the current version ${version}`);
    }
    next();
  });

  router.use((req, res) => {
    const baseUrl = req.baseUrl;
    // A constant base path keeps SCIMMY's global basepath identical for every app (see scimmyEngine).
    req.baseUrl = '';
    shared(req, res, (err?: unknown) => {
      req.baseUrl = baseUrl;
      if (res.headersSent) return;
      if (err) {
        const e = scimError(err);
        sendError(res, e.status, e.scimType, e.detail);
      } else {
        sendError(res, 404, undefined, `No endpoint ${req.method} ${req.path}`);
      }
    });
  });
  return router;
}

export { ERROR_URN };

// RFC 7644 §3.7 Bulk. Each operation is sent as a real request to the app itself (127.0.0.1, the same port), so
// it meets the same pipeline as a single request: every quirk (string booleans, capitalised ops, deactivation,
// group rules), the write log and the RFC core. Operations run one at a time in request order, except that an
// operation referring to `bulkId:x` waits until the POST that declares x has run (forward references resolve;
// circular ones answer 409, as §3.7.1 allows).
import express, { type Request, type RequestHandler } from 'express';
import { request } from 'undici';
import type { AppRuntime } from './appRuntime';
import { appBasePath } from './appId';
import { sendError } from './http';
import { BULK_ID_HEADER, INTERNAL_HEADER } from './internal';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
const METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How much a /Bulk body may hold when the advertised maxPayloadSize is not enforced. */
const UNENFORCED_BODY_LIMIT = 16 * 1024 * 1024;
const JSON_TYPES = ['application/scim+json', 'application/json', 'application/*+json'];

interface Operation {
  method?: unknown;
  path?: unknown;
  bulkId?: unknown;
  version?: unknown;
  data?: unknown;
}

interface OperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: unknown;
}

function limitsText(app: AppRuntime): string {
  return JSON.stringify({ maxOperations: app.quirks.bulkMaxOperations, maxPayloadSize: app.quirks.bulkMaxPayloadSize });
}

function tooLarge(app: AppRuntime, res: Parameters<RequestHandler>[1], what: string): void {
  // RFC 7644 §3.7.4 answers 413 with the limits in `detail`; scimType tooMany says what kind of refusal it is.
  sendError(res, 413, 'tooMany', `${what} (${limitsText(app)})`);
}

/** Parses POST /Bulk bodies against the app's maxPayloadSize (refusing a declared oversize before reading it). */
export function bulkBodyParser(app: AppRuntime): RequestHandler {
  const enforced = app.quirks.bulkLimits === 'enforced';
  const parse = express.json({ type: JSON_TYPES, limit: enforced ? app.quirks.bulkMaxPayloadSize : UNENFORCED_BODY_LIMIT });
  return (req, res, next) => {
    if (req.method !== 'POST' || !/^\/Bulk\/?$/i.test(req.path)) return next();
    const declared = Number(req.get('content-length') ?? NaN);
    if (enforced && declared > app.quirks.bulkMaxPayloadSize) {
      return tooLarge(app, res, `The request is ${declared} bytes; maxPayloadSize is ${app.quirks.bulkMaxPayloadSize}`);
    }
    parse(req, res, (err?: unknown) => {
      if ((err as { status?: unknown } | undefined)?.status === 413) {
        return tooLarge(app, res, `The request is larger than maxPayloadSize ${app.quirks.bulkMaxPayloadSize}`);
      }
      next(err);
    });
  };
}

/** The bulkIds an operation refers to: string values `"bulkId:x"` in its data, and `bulkId:x` path segments. */
function referencesOf(op: Operation): string[] {
  const refs = new Set<string>();
  const text = op.data === undefined ? '' : JSON.stringify(op.data);
  for (const m of text.matchAll(/"bulkId:((?:[^"\\]|\\.)+)"/g)) refs.add(JSON.parse(`"${m[1] as string}"`) as string);
  if (typeof op.path === 'string') for (const m of op.path.matchAll(/\/bulkId:([^/]+)/g)) refs.add(m[1] as string);
  return [...refs];
}

function substitute(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') return value.startsWith('bulkId:') ? (ids.get(value.slice(7)) ?? value) : value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  return value;
}

function opError(method: string, bulkId: string | undefined, status: number, scimType: string | undefined, detail: string): OperationResult {
  return {
    method,
    ...(bulkId !== undefined ? { bulkId } : {}),
    status: String(status),
    response: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

/** A structural problem with one operation (RFC 7644 §3.7), or undefined. */
function invalid(op: Operation): string | undefined {
  if (typeof op.method !== 'string' || !METHODS.has(op.method.toUpperCase())) return `'method' must be POST, PUT, PATCH or DELETE`;
  if (typeof op.path !== 'string' || !/^\/(Users|Groups)(\/[^/]+)?\/?$/i.test(op.path)) return `'path' must be /Users, /Groups or one of their resources`;
  const method = op.method.toUpperCase();
  const hasId = /^\/(Users|Groups)\/[^/]+/i.test(op.path);
  if (method === 'POST' && hasId) return 'a POST operation targets a collection, not a resource';
  if (method !== 'POST' && !hasId) return `a ${method} operation targets a resource: /Users/<id> or /Groups/<id>`;
  if (method === 'POST' && (typeof op.bulkId !== 'string' || op.bulkId === '')) return 'a POST operation needs a bulkId';
  if (method !== 'DELETE' && (!op.data || typeof op.data !== 'object' || Array.isArray(op.data))) return `'data' must be an object`;
  return undefined;
}

/** The operation authenticates as the Bulk request did: with the header(s) that carry the app's credentials. */
function credentialHeaders(app: AppRuntime, req: Request): Record<string, string> {
  const names = app.auth.type === 'apiKey' ? ['authorization', app.auth.header.toLowerCase()] : ['authorization'];
  return Object.fromEntries(names.flatMap((n) => (req.get(n) ? [[n, req.get(n) as string]] : [])));
}

async function dispatch(app: AppRuntime, req: Request, op: Operation, ids: Map<string, string>, clientOrigin: string): Promise<OperationResult> {
  const method = String(op.method).toUpperCase();
  const bulkId = typeof op.bulkId === 'string' ? op.bulkId : undefined;
  const resolve = app.quirks.bulkIdReferences === 'resolved';
  const path = resolve ? String(op.path).replace(/\/bulkId:([^/]+)/g, (whole, id: string) => (ids.has(id) ? `/${ids.get(id)}` : whole)) : String(op.path);
  const data = resolve ? substitute(op.data, ids) : op.data;
  // The app's own socket address, never the client's Host header: operations must not leave this server.
  const origin = `http://127.0.0.1:${req.socket.localPort ?? 0}`;
  const headers: Record<string, string> = {
    accept: 'application/scim+json',
    [INTERNAL_HEADER]: app.internalSecret,
    ...credentialHeaders(app, req),
    ...(bulkId !== undefined && method === 'POST' ? { [BULK_ID_HEADER]: encodeURIComponent(bulkId) } : {}),
    ...(typeof op.version === 'string' ? { 'if-match': op.version } : {}),
    ...(method !== 'DELETE' ? { 'content-type': 'application/scim+json' } : {}),
  };
  const res = await request(`${origin}${appBasePath(app.id)}${path}`, {
    method: method as 'POST',
    headers,
    body: method === 'DELETE' ? undefined : JSON.stringify(data),
  });
  const text = await res.body.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  const local = (url: string): string => (url.startsWith(origin) ? clientOrigin + url.slice(origin.length) : url);
  const header = (name: string): string | undefined => {
    const v = res.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const status = res.statusCode;
  const meta = (body as { meta?: { location?: unknown; version?: unknown } } | undefined)?.meta;
  const location = header('location') ?? (typeof meta?.location === 'string' ? meta.location : undefined)
    ?? (status < 300 && method !== 'POST' ? `${origin}${appBasePath(app.id)}${path}` : undefined);
  const version = header('etag') ?? (typeof meta?.version === 'string' ? meta.version : undefined);
  if (status < 300 && method === 'POST' && bulkId !== undefined) {
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') ids.set(bulkId, id);
  }
  return {
    method,
    ...(bulkId !== undefined ? { bulkId } : {}),
    ...(version !== undefined && status < 300 ? { version } : {}),
    ...(location !== undefined ? { location: local(location) } : {}),
    status: String(status),
    ...(status >= 400 ? { response: body } : {}),
  };
}

/** POST /Bulk: validates the BulkRequest, enforces the limits, runs the operations, answers a BulkResponse. */
export function bulkHandler(app: AppRuntime): RequestHandler {
  return (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const schemas = body?.['schemas'];
    if (!body || typeof body !== 'object' || !Array.isArray(schemas) || !schemas.includes(BULK_REQUEST)) {
      return sendError(res, 400, 'invalidSyntax', `A BulkRequest body must list the schema ${BULK_REQUEST}`);
    }
    const ops = body['Operations'];
    if (!Array.isArray(ops) || ops.length === 0) return sendError(res, 400, 'invalidValue', 'A BulkRequest needs a non-empty Operations array');
    const failOnErrors = body['failOnErrors'] ?? 0;
    if (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 0) {
      return sendError(res, 400, 'invalidValue', 'failOnErrors must be a non-negative integer');
    }
    if (app.quirks.bulkLimits === 'enforced' && ops.length > app.quirks.bulkMaxOperations) {
      return tooLarge(app, res, `The request has ${ops.length} operations; maxOperations is ${app.quirks.bulkMaxOperations}`);
    }
    runOperations(app, req, ops as Operation[], failOnErrors).then(
      (results) => res.status(200).json({ schemas: [BULK_RESPONSE], Operations: results }),
      (err: unknown) => sendError(res, 500, undefined, `Bulk processing failed: ${(err as Error).message}`),
    );
  };
}

/** An operation's outcome decided without sending it, 'wait' while a bulkId it needs is still unresolved. */
function precheck(op: Operation, i: number, resolve: boolean, declared: Set<string>, failed: Set<string>, ids: Map<string, string>): OperationResult | 'wait' | undefined {
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : String(op.method);
  const bulkId = typeof op.bulkId === 'string' ? op.bulkId : undefined;
  const problem = invalid(op);
  if (problem) return opError(method, bulkId, 400, 'invalidSyntax', `Operation ${i + 1}: ${problem}`);
  if (!resolve) return undefined;
  const refs = referencesOf(op);
  const unknown = refs.find((r) => !declared.has(r));
  if (unknown !== undefined) return opError(method, bulkId, 400, 'invalidValue', `Operation ${i + 1}: no POST operation declares bulkId '${unknown}'`);
  const broken = refs.find((r) => failed.has(r));
  if (broken !== undefined) return opError(method, bulkId, 400, 'invalidValue', `Operation ${i + 1}: the operation that declares bulkId '${broken}' failed`);
  return refs.some((r) => !ids.has(r)) ? 'wait' : undefined;
}

async function runOperations(app: AppRuntime, req: Request, ops: Operation[], failOnErrors: number): Promise<OperationResult[]> {
  const resolve = app.quirks.bulkIdReferences === 'resolved';
  const clientOrigin = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
  const declared = new Set(ops.flatMap((o) => (String(o.method).toUpperCase() === 'POST' && typeof o.bulkId === 'string' ? [o.bulkId] : [])));
  const failed = new Set<string>();
  const ids = new Map<string, string>();
  const results = new Map<number, OperationResult>();
  const pending = ops.map((_, i) => i);
  let errors = 0;
  while (pending.length > 0) {
    // The first operation, in request order, that can run now: forward references wait for their POST.
    let at = -1;
    let outcome: OperationResult | undefined;
    for (let k = 0; k < pending.length && at < 0; k++) {
      const checked = precheck(ops[pending[k] as number] as Operation, pending[k] as number, resolve, declared, failed, ids);
      if (checked !== 'wait') [at, outcome] = [k, checked];
    }
    if (at < 0) {
      // Everything left waits on something else that waits: circular references (RFC 7644 §3.7.1 allows a 409).
      for (const i of pending) {
        const op = ops[i] as Operation;
        results.set(i, opError(String(op.method).toUpperCase(), typeof op.bulkId === 'string' ? op.bulkId : undefined, 409, undefined,
          `Operation ${i + 1}: its bulkId references are circular and cannot be resolved`));
      }
      break;
    }
    const i = pending.splice(at, 1)[0] as number;
    const result = outcome ?? (await dispatch(app, req, ops[i] as Operation, ids, clientOrigin));
    results.set(i, result);
    if (Number(result.status) >= 400) {
      errors++;
      const bulkId = ops[i]?.bulkId;
      if (typeof bulkId === 'string') failed.add(bulkId);
      if (failOnErrors > 0 && errors >= failOnErrors) break;
    }
  }
  return ordered(results);
}

function ordered(results: Map<number, OperationResult>): OperationResult[] {
  return [...results].sort(([a], [b]) => a - b).map(([, r]) => r);
}

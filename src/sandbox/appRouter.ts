// The request pipeline of one application, outermost first:
//   response pipeline -> write log -> outer quirks -> body parsing -> OAuth token endpoint -> auth (bearer, Basic or API key)
//   -> /.search normalisation -> inner quirks -> RFC core (-> SCIMMY; /Bulk operations re-enter at the top)
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { appBasePath } from './appId';
import type { AppRuntime } from './appRuntime';
import { appAuth, tokenEndpoint } from './auth';
import { bulkBodyParser } from './bulk';
import { installResponsePipeline, sendError, setTextRewrite } from './http';
import { innerQuirks, outerQuirks } from './quirks';
import { answerInvalidJson } from './quirks/invalidJson';
import { SENTINEL_BASE } from './scimmyEngine';
import { createCoreRouter, normaliseSearch } from './server';
import { writeLogBody, writeLogStart } from './writeLog';

export const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/scim+json', 'application/json', 'application/*+json'];

/** RFC 7644 §3.1: bodies are application/scim+json (or application/json). `curl -d` sends a form type. */
const requireJsonBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (!hasBody || req.is(JSON_TYPES)) return next();
  sendError(res, 415, undefined, `Send the body as application/scim+json (got ${req.get('content-type') ?? 'no content type'})`);
};

function bodyErrors(app: AppRuntime): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    const e = err as { status?: unknown; type?: unknown; message?: unknown };
    if (typeof e.status !== 'number') return next(err);
    if (e.type === 'entity.parse.failed') return answerInvalidJson(app, res, `The body is not valid JSON: ${String(e.message)}`);
    sendError(res, e.status, e.status === 400 ? 'invalidSyntax' : undefined, String(e.message));
  };
}

/** Anything thrown past the core becomes a SCIM error body, never Express's HTML page or a stack trace. */
export const lastResort: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (res.headersSent) return;
  const status = (err as { status?: unknown }).status;
  const code = typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
  sendError(res, code, undefined, code === 500 ? 'Internal server error' : String((err as Error).message));
};

export { appBasePath };

export function createAppRouter(app: AppRuntime): Router {
  const router = Router();
  const basePath = appBasePath(app.id);
  router.use(installResponsePipeline);
  router.use((req, res, next) => {
    const base = `${req.protocol}://${req.get('host') ?? '127.0.0.1'}${basePath}`;
    setTextRewrite(res, (text) => text.split(SENTINEL_BASE).join(base));
    next();
  });
  router.use(writeLogStart(app));
  for (const quirk of outerQuirks(app)) router.use(quirk);
  router.use(bulkBodyParser(app));
  router.use(express.json({ type: JSON_TYPES, limit: BODY_LIMIT }));
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '64kb' }), bodyErrors(app), tokenEndpoint(app));
  router.use(bodyErrors(app));
  router.use(requireJsonBody);
  router.use(writeLogBody());
  router.use(appAuth(app));
  router.use(normaliseSearch);
  for (const quirk of innerQuirks(app)) router.use(quirk);
  router.use(createCoreRouter(app));
  router.use(lastResort);
  return router;
}

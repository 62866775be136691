// GET /apps/<id>/_sandbox/writes (optionally ?since=<seq>) reads an app's write log; DELETE empties it. Outside
// the SCIM base path, so no quirk ever touches it, and behind the app's bearer token or the sandbox's.
import { Router, type Request, type Response } from 'express';
import type { AppRuntime } from './appRuntime';
import { safeEqual, tokenValid } from './auth';

function authorised(req: Request, app: AppRuntime, sandboxToken: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
  return !!m && (tokenValid(app, m[1] as string) || safeEqual(m[1] as string, sandboxToken));
}

function reply(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json').send(JSON.stringify(body));
}

export function writeLogRoutes(runtimes: AppRuntime[], sandboxToken: string): Router {
  const byId = new Map(runtimes.map((rt) => [rt.id, rt]));
  const router = Router();
  router.all('/apps/:appId/_sandbox/writes', (req, res) => {
    const app = byId.get(String(req.params['appId']));
    if (!app) return reply(res, 404, { error: `No sandbox app '${String(req.params['appId'])}'` });
    if (!authorised(req, app, sandboxToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="scim-sandbox"');
      return reply(res, 401, { error: 'Authorization: Bearer <the app\'s or the sandbox\'s token> is required' });
    }
    if (req.method === 'DELETE') {
      app.writes.clear();
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET, DELETE');
      return reply(res, 405, { error: 'GET reads the write log, DELETE empties it' });
    }
    const since = Number(req.query['since'] ?? 0);
    if (!Number.isInteger(since) || since < 0) return reply(res, 400, { error: 'since must be a non-negative integer (a seq)' });
    reply(res, 200, { app: app.id, dropped: app.writes.dropped, writes: app.writes.list(since) });
  });
  return router;
}

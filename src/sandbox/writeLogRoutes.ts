// GET /apps/<id>/_sandbox/writes (optionally ?since=<seq>) reads an app's write log; DELETE empties it. Outside
// the SCIM base path, so no quirk ever touches it, and behind the app's own credentials (in its scheme) or the
// sandbox's bearer token.
import { Router, type Request, type Response } from 'express';
import type { AppRuntime } from './appRuntime';
import { checkCredentials, safeEqual } from './auth';

/** undefined when authorised; else the challenges to send (the app's scheme, and Bearer for the sandbox token). */
function refusal(req: Request, app: AppRuntime, sandboxToken: string): string[] | undefined {
  const check = checkCredentials(app, req);
  if (check.ok) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.get('Authorization') ?? '');
  if (m && safeEqual(m[1] as string, sandboxToken)) return undefined;
  return app.auth.type === 'bearer' ? ['Bearer realm="scim-sandbox"'] : [check.challenge, 'Bearer realm="scim-sandbox"'];
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
    const challenges = refusal(req, app, sandboxToken);
    if (challenges) {
      res.setHeader('WWW-Authenticate', challenges);
      return reply(res, 401, { error: 'The app\'s own credentials, or Authorization: Bearer <the sandbox\'s token>, are required' });
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

// Starts and stops a sandbox: one HTTP server on 127.0.0.1 serving every app under /apps/<id>/scim/v2.
// All state hangs off the returned object, so a process (the VS Code extension host) can start and stop
// sandboxes repeatedly.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { createAppRuntime, randomSecret, type AppRuntime, type AppSpec } from './appRuntime';
import type { SandboxAuth } from './appAuth';
import { appBasePath, createAppRouter } from './appRouter';
import { errorBody, SCIM_CONTENT_TYPE } from './http';
import { internalMarker } from './internal';
import { sharedScimRouter } from './scimmyEngine';
import type { QuirkConfig } from './quirks/types';
import type { WriteLogEntry } from './writeLog';
import { writeLogRoutes } from './writeLogRoutes';

export interface StartOptions {
  /** 0 or absent: any free port. */
  port?: number;
  host?: '127.0.0.1';
  apps: AppSpec[];
  /** The credential of every app without its own (its bearer token, Basic password or API key); absent: random. */
  token?: string;
  /** Seed of the generated data and of injected faults; default 1. */
  seed?: number;
  /** Clock (epoch ms) for rate limits, token expiry and delayed deactivation; tests inject one. */
  now?: () => number;
  /** Called after each response to an app (for a traffic log). Carries no headers or bodies, so no secrets. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called for every write an app receives, /Bulk operations included (see `RunningApp.writes`). */
  onWrite?: (appId: string, entry: WriteLogEntry) => void;
}

export interface RequestLogEntry {
  appId: string;
  method: string;
  /** Path and query below the app's base URL, e.g. `/Users?count=10`. */
  path: string;
  status: number;
  durationMs: number;
}

export interface RunningApp {
  id: string;
  profile: string;
  baseUrl: string;
  /** How the app authenticates, with its credentials. */
  auth: SandboxAuth;
  /** The bearer token of a bearer app; '' for basic and apiKey apps, which refuse bearer tokens (see `auth`). */
  token: string;
  /** OAuth 2.0 client credentials: bearer apps only (the others answer 400 unauthorized_client there). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  quirks: QuirkConfig;
  /** The app's write log (also at GET {sandbox}/apps/<id>/_sandbox/writes): entries with seq > since. */
  writes(since?: number): WriteLogEntry[];
  /** Empties the write log (sequence numbers go on from where they were). */
  clearWrites(): void;
}

export interface RunningSandbox {
  url: string;
  /** The credential of every app without its own; it also reads every app's write log as a bearer token. */
  token: string;
  apps: RunningApp[];
  stop(): Promise<void>;
}

/** What the listing at `/` says of an app's auth: the scheme and where the key goes, never a credential. */
function publicAuth(auth: SandboxAuth): { type: string; header?: string } {
  return auth.type === 'apiKey' ? { type: auth.type, header: auth.header } : { type: auth.type };
}

export async function startSandbox(opts: StartOptions): Promise<RunningSandbox> {
  if (opts.apps.length === 0) throw new Error('a sandbox needs at least one app');
  const seen = new Set<string>();
  for (const a of opts.apps) {
    if (seen.has(a.id)) throw new Error(`duplicate app id '${a.id}'`);
    seen.add(a.id);
  }
  const host = opts.host ?? '127.0.0.1';
  const sandboxToken = opts.token ?? randomSecret();
  const runtimes: AppRuntime[] = opts.apps.map((spec) =>
    createAppRuntime(spec, { seed: opts.seed ?? 1, token: sandboxToken, now: opts.now, onWrite: opts.onWrite }),
  );
  sharedScimRouter();

  const expressApp = express();
  expressApp.disable('x-powered-by');
  expressApp.set('etag', false);
  const routers = new Map(runtimes.map((rt) => [rt.id, createAppRouter(rt)]));
  const runtimeById = new Map(runtimes.map((rt) => [rt.id, rt]));
  expressApp.use('/apps/:appId/scim/v2', (req, res, next) => {
    const appId = String(req.params['appId']);
    const router = routers.get(appId);
    if (!router) {
      next();
      return;
    }
    const onRequest = opts.onRequest;
    const runtime = runtimeById.get(appId);
    // A /Bulk operation is part of the Bulk request the log already shows.
    if (onRequest && runtime && !internalMarker(req, runtime.internalSecret)) {
      const started = performance.now();
      const { url: path, method } = req;
      res.on('finish', () => {
        try {
          onRequest({ appId, method, path, status: res.statusCode, durationMs: performance.now() - started });
        } catch {
          // A failing log listener must not take the sandbox down.
        }
      });
    }
    router(req, res, next);
  });
  expressApp.use(writeLogRoutes(runtimes, sandboxToken));
  // A human opening the sandbox URL sees what it serves and how each app authenticates (never credentials).
  expressApp.get('/', (req, res) => {
    const origin = `${req.protocol}://${req.get('host') ?? host}`;
    res.type('application/json').send(JSON.stringify({
      description: 'SCIM Workbench sandbox',
      apps: runtimes.map((rt) => ({ id: rt.id, profile: rt.profile, baseUrl: `${origin}${appBasePath(rt.id)}`, auth: publicAuth(rt.auth) })),
    }, null, 2));
  });
  expressApp.use((req, res) => {
    res.status(404).type(SCIM_CONTENT_TYPE).send(JSON.stringify(errorBody(404, undefined, `No sandbox app serves ${req.path}`)));
  });
  expressApp.use(((_err, _req, res, _next) => {
    if (res.headersSent) return;
    res.status(500).type(SCIM_CONTENT_TYPE).send(JSON.stringify(errorBody(500, undefined, 'Internal server error')));
  }) as ErrorRequestHandler);

  const server: Server = createServer(expressApp);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  let stopping: Promise<void> | undefined;

  return {
    url,
    token: sandboxToken,
    apps: runtimes.map((rt) => {
      const baseUrl = `${url}${appBasePath(rt.id)}`;
      return {
        id: rt.id,
        profile: rt.profile,
        baseUrl,
        auth: rt.auth,
        token: rt.auth.type === 'bearer' ? rt.auth.token : '',
        tokenUrl: `${baseUrl}/oauth/token`,
        clientId: rt.clientId,
        clientSecret: rt.clientSecret,
        quirks: rt.quirks,
        writes: (since?: number) => rt.writes.list(since),
        clearWrites: () => rt.writes.clear(),
      };
    }),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and in-flight connections would hold close() open; a sandbox stops now.
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

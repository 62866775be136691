// undici dispatchers shared by every client in the process (connection reuse is most of the speed), keyed by
// what changes how a connection is made: proxy settings, the extra CA, the connect timeout. Direct connections
// go through a connector that measures DNS, TCP and TLS set-up; an exchange that opens a connection claims
// those timings (see claimSocketTimings).
import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent, buildConnector, loadEnvHttpProxyAgent } from './undiciParts';
import { ScimConfigError } from './types';

export interface ConnectionTimings {
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
}

interface SocketTimings extends ConnectionTimings {
  claimed: boolean;
}

const socketTimings = new WeakMap<Socket, SocketTimings>();

export interface DispatcherSettings {
  connectTimeoutMs: number;
  /** An explicit proxy for every request (VS Code's `http.proxy`); overrides the environment. */
  proxy?: string;
  noProxy?: string;
  /** Where HTTP(S)_PROXY / NO_PROXY are read from. */
  env: Readonly<Record<string, string | undefined>>;
  /** A PEM file of extra certificate authorities, trusted besides the system's. */
  caFile?: string;
}

const dispatchers = new Map<string, Dispatcher>();

function envValue(env: DispatcherSettings['env'], name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

function readCa(caFile: string): string[] {
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch (err) {
    throw new ScimConfigError('CA_FILE', `Cannot read the CA file ${caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ScimConfigError('CA_FILE', `The CA file ${caFile} holds no PEM certificate.`);
  // A `ca` option replaces Node's roots; keep them so public servers still verify.
  return [...rootCertificates, pem];
}

function timedConnector(options: { timeout: number; ca?: string[] }): buildConnector.connector {
  const inner = buildConnector({ timeout: options.timeout, ...(options.ca ? { ca: options.ca } : {}) });
  return (opts, callback) => {
    const started = performance.now();
    const timings: SocketTimings = { claimed: false };
    let tcpAt: number | undefined;
    const socket = (inner as unknown as (o: typeof opts, cb: (err: Error | null, sock: Socket | null) => void) => Socket)(opts, (err, sock) => {
      if (!err && sock) socketTimings.set(sock, timings);
      (callback as unknown as (err: Error | null, sock: Socket | null) => void)(err, sock);
    });
    socket.once('lookup', () => {
      timings.dnsMs = round(performance.now() - started);
    });
    socket.once('connect', () => {
      tcpAt = performance.now();
      timings.connectMs = round(tcpAt - started - (timings.dnsMs ?? 0));
    });
    socket.once('secureConnect', () => {
      if (tcpAt !== undefined) timings.tlsMs = round(performance.now() - tcpAt);
    });
    return socket;
  };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** The dispatcher for these settings, created once per process. */
export async function dispatcherFor(settings: DispatcherSettings): Promise<Dispatcher> {
  const httpProxy = settings.proxy ?? envValue(settings.env, 'HTTP_PROXY');
  const httpsProxy = settings.proxy ?? envValue(settings.env, 'HTTPS_PROXY') ?? httpProxy;
  const noProxy = settings.noProxy ?? envValue(settings.env, 'NO_PROXY') ?? '';
  const key = JSON.stringify([settings.connectTimeoutMs, httpProxy, httpsProxy, noProxy, settings.caFile]);
  const found = dispatchers.get(key);
  if (found) return found;
  const EnvHttpProxyAgent = httpProxy || httpsProxy ? await loadEnvHttpProxyAgent() : undefined;
  const raced = dispatchers.get(key);
  if (raced) return raced;
  const ca = settings.caFile ? readCa(settings.caFile) : undefined;
  let dispatcher: Dispatcher;
  if (EnvHttpProxyAgent) {
    for (const p of [httpProxy, httpsProxy]) {
      if (p && !/^https?:\/\/[^/]/i.test(p)) throw new ScimConfigError('PROXY', `The proxy '${p}' is not an http:// or https:// URL.`);
    }
    dispatcher = new EnvHttpProxyAgent({
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      noProxy,
      connect: timedConnector({ timeout: settings.connectTimeoutMs, ...(ca ? { ca } : {}) }),
      ...(ca ? { requestTls: { ca }, proxyTls: { ca } } : {}),
    });
  } else {
    dispatcher = new Agent({ connect: timedConnector({ timeout: settings.connectTimeoutMs, ...(ca ? { ca } : {}) }) });
  }
  dispatchers.set(key, dispatcher);
  return dispatcher;
}

/** Closes every shared connection (the CLI calls it before exiting; tests between suites). */
export async function closeHttpConnections(): Promise<void> {
  const all = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(all.map((d) => d.close().catch(() => undefined)));
}

// undici announces which socket a request is written to on a diagnostics channel; the request's handler was
// told it is starting just before, in the same synchronous step, so the next announcement belongs to it.
let pendingClaim: ((timings: ConnectionTimings) => void) | undefined;
let subscribed = false;

export function claimSocketTimings(receive: (timings: ConnectionTimings) => void): void {
  if (!subscribed) {
    subscribed = true;
    subscribe('undici:client:sendHeaders', (message) => {
      const claim = pendingClaim;
      pendingClaim = undefined;
      if (!claim) return;
      const timings = socketTimings.get((message as { socket: Socket }).socket);
      if (timings && !timings.claimed) {
        timings.claimed = true;
        claim(timings);
      }
    });
  }
  pendingClaim = receive;
  queueMicrotask(() => {
    if (pendingClaim === receive) pendingClaim = undefined;
  });
}

// A careless gateway in front of the sandbox, for the secrets suites: it forwards everything unchanged (the sandbox
// itself checks bearer tokens, OAuth clients, Basic credentials and API keys), and, like careless real gateways,
// echoes the credential each request came with in a header of its answer, so redaction of echoed secrets is
// exercised too. Every credential the sandbox accepted is recorded: a test proves its secrets were sent, and looks
// for each of them (issued access tokens included) where none may be. Binds 127.0.0.1 on a free port.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayAccess { method: string; path: string; status: number }

export interface EchoGateway {
  origin: string;
  /** The gateway's URL for `upstreamUrl` (below the upstream origin). */
  url(upstreamUrl: string): string;
  accesses: GatewayAccess[];
  /** Credential values the sandbox accepted: tokens, passwords, keys, client secrets, issued tokens. */
  accepted: Set<string>;
  close(): Promise<void>;
}

const HOP_HEADERS = ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'];

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(url: URL, method: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(url, { method, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

/** An OAuth client secret sent in a form body (RFC 6749 §2.3.1). */
function formSecretOf(headers: Record<string, string>, body: Buffer): string | undefined {
  if (!headers['content-type']?.includes('x-www-form-urlencoded')) return undefined;
  return new URLSearchParams(body.toString('utf8')).get('client_secret') ?? undefined;
}

/** The credentials a request carries, as the gateway saw them (for the accepted set). */
function credentialsOf(headers: Record<string, string>, body: Buffer, apiKeyHeaders: string[]): string[] {
  const out: string[] = [];
  const auth = headers['authorization'] ?? '';
  const bearer = /^Bearer\s+(\S+)/i.exec(auth)?.[1];
  if (bearer) out.push(bearer);
  const basic = /^Basic\s+(\S+)/i.exec(auth)?.[1];
  if (basic) out.push(Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':'));
  for (const h of apiKeyHeaders) if (headers[h]) out.push(headers[h]);
  const secret = formSecretOf(headers, body);
  if (secret) out.push(secret);
  return out;
}

/** `apiKeyHeaders`: the (lower-case) headers that carry API keys, echoed and recorded like Authorization. */
export async function startEchoGateway(upstreamOrigin: string, apiKeyHeaders: string[] = []): Promise<EchoGateway> {
  const accesses: GatewayAccess[] = [];
  const accepted = new Set<string>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = req.url ?? '/';
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_HEADERS.includes(k) && typeof v === 'string') headers[k] = v;
      const saw = headers['authorization'] ?? apiKeyHeaders.map((h) => headers[h]).find((v) => v !== undefined) ?? formSecretOf(headers, body) ?? '-';
      const answer = await forward(new URL(path, upstreamOrigin), req.method ?? 'GET', headers, body);
      accesses.push({ method: req.method ?? '', path, status: answer.status });
      if (answer.status !== 401 && answer.status !== 403) {
        for (const s of credentialsOf(headers, body, apiKeyHeaders)) accepted.add(s);
        const issued = /"access_token"\s*:\s*"([^"]+)"/.exec(answer.body.toString('utf8'))?.[1];
        if (issued) accepted.add(issued);
      }
      // Links the upstream writes (Location, meta.location) lead back through the gateway.
      const outHeaders: Record<string, string> = { 'x-gateway-saw': saw };
      for (const [k, v] of Object.entries(answer.headers)) {
        if (!HOP_HEADERS.includes(k) && typeof v === 'string') outHeaders[k] = v.split(upstreamOrigin).join(origin);
      }
      res.writeHead(answer.status, outHeaders);
      res.end(answer.body.toString('utf8').split(upstreamOrigin).join(origin));
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`gateway: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, accesses, accepted,
    url: (upstreamUrl) => `${origin}${upstreamUrl.slice(upstreamOrigin.length)}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

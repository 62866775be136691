// An authenticating gateway in front of the sandbox, for the secrets suites. The sandbox takes bearer tokens only
// (static ones, or those its OAuth token endpoint issues), so Basic and API-key applications reach it through this
// gateway, which checks their credentials (401 otherwise) and forwards with the app's bearer token. Bearer and
// OAuth applications pass through unchanged. Like careless real gateways, every answer echoes the credential it
// came with in a header, so redaction of echoed secrets is exercised too. Every credential that was accepted
// is recorded: a test proves its secrets were sent, and looks for each of them (issued access tokens included)
// where none may be. Binds 127.0.0.1 on a free port.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GatewayCheck =
  | { kind: 'pass' }
  | { kind: 'basic'; username: string; password: string; upstreamToken: string }
  | { kind: 'apiKey'; header: string; key: string; upstreamToken: string };

export interface GatewayAccess { route: string; method: string; path: string; status: number }

export interface AuthGateway {
  origin: string;
  /** The gateway's URL for `upstreamUrl` (below the upstream origin) through the named route. */
  url(route: string, upstreamUrl: string): string;
  accesses: GatewayAccess[];
  /** Credential values an upstream or the gateway accepted: tokens, passwords, keys, client secrets, issued tokens. */
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
function credentialOf(headers: Record<string, string>, body: Buffer): string[] {
  const out: string[] = [];
  const auth = headers['authorization'] ?? '';
  const bearer = /^Bearer\s+(\S+)/i.exec(auth)?.[1];
  if (bearer) out.push(bearer);
  const basic = /^Basic\s+(\S+)/i.exec(auth)?.[1];
  if (basic) out.push(Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':'));
  const secret = formSecretOf(headers, body);
  if (secret) out.push(secret);
  return out;
}

export async function startAuthGateway(upstreamOrigin: string, routes: Record<string, GatewayCheck>): Promise<AuthGateway> {
  const accesses: GatewayAccess[] = [];
  const accepted = new Set<string>();
  let origin = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const [, route = '', ...rest] = (req.url ?? '/').split('/');
      const check = routes[route];
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_HEADERS.includes(k) && typeof v === 'string') headers[k] = v;
      const echo = { 'x-gateway-saw': headers['authorization'] ?? (check?.kind === 'apiKey' ? headers[check.header] : undefined) ?? formSecretOf(headers, body) ?? '-' };
      const refuse = (): void => {
        accesses.push({ route, method: req.method ?? '', path: `/${rest.join('/')}`, status: 401 });
        res.writeHead(401, { 'content-type': 'application/scim+json', 'www-authenticate': 'Basic realm="gateway"', ...echo });
        res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'The gateway refused the credentials' }));
      };
      if (!check) return refuse();
      let sent = credentialOf(headers, body);
      if (check.kind === 'basic') {
        if (headers['authorization'] !== `Basic ${Buffer.from(`${check.username}:${check.password}`).toString('base64')}`) return refuse();
        headers['authorization'] = `Bearer ${check.upstreamToken}`;
      } else if (check.kind === 'apiKey') {
        if (headers[check.header] !== check.key) return refuse();
        sent = [check.key];
        delete headers[check.header];
        headers['authorization'] = `Bearer ${check.upstreamToken}`;
      }
      const answer = await forward(new URL(`/${rest.join('/')}`, upstreamOrigin), req.method ?? 'GET', headers, body);
      accesses.push({ route, method: req.method ?? '', path: `/${rest.join('/')}`, status: answer.status });
      if (answer.status !== 401 && answer.status !== 403) {
        for (const s of sent) accepted.add(s);
        const issued = /"access_token"\s*:\s*"([^"]+)"/.exec(answer.body.toString('utf8'))?.[1];
        if (issued) accepted.add(issued);
      }
      // Links the upstream writes (Location, meta.location) lead back through the gateway.
      const mine = `${origin}/${route}`;
      const outHeaders: Record<string, string> = { ...echo };
      for (const [k, v] of Object.entries(answer.headers)) {
        if (!HOP_HEADERS.includes(k) && typeof v === 'string') outHeaders[k] = v.split(upstreamOrigin).join(mine);
      }
      const text = answer.body.toString('utf8').split(upstreamOrigin).join(mine);
      res.writeHead(answer.status, outHeaders);
      res.end(text);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`gateway: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin, accesses, accepted,
    url: (route, upstreamUrl) => `${origin}/${route}${upstreamUrl.slice(upstreamOrigin.length)}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

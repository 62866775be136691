// A raw-socket HTTP/1.1 server for fault tests: each route decides, byte by byte, what the client gets (a clean
// response, a reset before or in the middle of a body, headers that never come, a stall mid-body, malformed
// HTTP...). Routes can script a sequence (503, 503, 503, then 200). Every request is recorded with its headers
// and body, so a test can prove what a client sent (or did not send) to this origin. Plain TCP or TLS.
// Binds 127.0.0.1 on a free port; close() ends every connection at once.
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  target: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  readonly socket: Socket;
  /** A complete response; Content-Length is added unless given (or `chunked` is set). */
  send(status: number, headers?: Record<string, string>, body?: string | Buffer): void;
  /** JSON body with the given content type (default application/scim+json). */
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Status line and headers only; the body (if any) is the behaviour's business. */
  head(status: number, headers: Record<string, string>): void;
  /** Raw bytes on the socket. */
  write(bytes: string | Buffer): void;
  /** A TCP reset (RST), as a crashed upstream or a middlebox sends. */
  reset(): void;
  /** A clean close (FIN). */
  end(): void;
  /** Never answer (the client's timeout must end it). */
  hang(): void;
}

export type Behaviour = (req: RecordedRequest, reply: Reply) => void | Promise<void>;

export interface FaultServer {
  /** `http://127.0.0.1:PORT` (or https). */
  origin: string;
  port: number;
  requests: RecordedRequest[];
  /** Serve `path` (query ignored) with one behaviour, or a sequence: the nth request gets the nth, the last repeats. */
  route(path: string, behaviour: Behaviour | Behaviour[]): void;
  /** Requests received for a path. */
  hits(path: string): RecordedRequest[];
  close(): Promise<void>;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

function makeReply(socket: Socket): Reply {
  const head = (status: number, headers: Record<string, string>): void => {
    const lines = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Status'}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(lines.join('\r\n') + '\r\n\r\n');
  };
  return {
    socket,
    head,
    send(status, headers = {}, body = '') {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      const has = (name: string): boolean => Object.keys(headers).some((k) => k.toLowerCase() === name);
      const all = { ...headers };
      if (!has('content-length') && !has('transfer-encoding')) all['Content-Length'] = String(buf.length);
      head(status, all);
      if (buf.length > 0) socket.write(buf);
    },
    json(status, body, headers = {}) {
      this.send(status, { 'Content-Type': 'application/scim+json', ...headers }, JSON.stringify(body));
    },
    write(bytes) {
      socket.write(bytes);
    },
    reset() {
      socket.resetAndDestroy();
    },
    end() {
      socket.end();
    },
    hang() {
      // Deliberately nothing.
    },
  };
}

/** Parses requests off a socket as they arrive (Content-Length bodies; what undici sends). */
function serveSocket(socket: Socket, onRequest: (req: RecordedRequest, reply: Reply) => void): void {
  let buffer = Buffer.alloc(0);
  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headText = buffer.subarray(0, end).toString('latin1');
      const [requestLine = '', ...headerLines] = headText.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? '0');
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      buffer = buffer.subarray(end + 4 + length);
      const [method = '', target = ''] = requestLine.split(' ');
      const path = target.split('?')[0] ?? '';
      onRequest({ method, target, path, headers, body }, makeReply(socket));
    }
  });
}

export async function startFaultServer(options: { tls?: { key: string; cert: string } } = {}): Promise<FaultServer> {
  const routes = new Map<string, Behaviour[]>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const handle = (req: RecordedRequest, reply: Reply): void => {
    requests.push(req);
    const list = routes.get(req.path);
    if (!list || list.length === 0) {
      reply.json(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: `no fault route for ${req.path}` });
      return;
    }
    const nth = requests.filter((r) => r.path === req.path).length - 1;
    const behaviour = list[Math.min(nth, list.length - 1)] as Behaviour;
    Promise.resolve(behaviour(req, reply)).catch(() => reply.reset());
  };
  const onConnection = (socket: Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveSocket(socket, handle);
  };
  const server: Server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onConnection)
    : createNetServer(onConnection);
  // TLS handshake failures (the client rejects our certificate) are expected in TLS tests.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    route(path, behaviour) {
      routes.set(path, Array.isArray(behaviour) ? behaviour : [behaviour]);
    },
    hits(path) {
      return requests.filter((r) => r.path === path);
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A CONNECT proxy (what undici's ProxyAgent speaks) that records each tunnel's target. */
export async function startConnectProxy(): Promise<{ url: string; tunnels: string[]; close(): Promise<void> }> {
  const { connect } = await import('node:net');
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    client.once('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const m = /^CONNECT ([^\s:]+):(\d+) HTTP\/1\.[01]\r\n/.exec(text);
      if (!m) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      tunnels.push(`${m[1]}:${m[2]}`);
      const upstream = connect(Number(m[2]), m[1] as string, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client);
        client.pipe(upstream);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

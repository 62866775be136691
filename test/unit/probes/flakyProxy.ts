// A forwarding proxy on 127.0.0.1:0 in front of a sandbox that can start failing midway, the way a real service
// behind a gateway does: during a failure window, writes reach the service but their answers are lost (the
// connection is reset after the service answered), and everything else gets a 503. Tests use it to prove that a
// run leaves nothing behind when the server fails under it.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  /** `http://127.0.0.1:PORT`: replace the sandbox's origin with it. */
  origin: string;
  /** Requests received so far. */
  count(): number;
  /** Fail `length` requests (Infinity: until recover()) from the `k`th write (POST, PUT, PATCH) on. */
  failFromWrite(k: number, length?: number): void;
  recover(): void;
  /** Writes whose answers were lost (the service did them). */
  lostWrites: string[];
  close(): Promise<void>;
}

export async function startFlakyProxy(target: string): Promise<FlakyProxy> {
  const upstream = new URL(target);
  let n = 0;
  let window: [number, number] | undefined;
  let armed: { k: number; length: number } | undefined;
  let writes = 0;
  const lostWrites: string[] = [];

  const forward = (req: IncomingMessage, body: Buffer, onAnswer: (status: number, headers: IncomingMessage['headers'], data: Buffer) => void): void => {
    const up = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => onAnswer(res.statusCode ?? 502, res.headers, Buffer.concat(chunks)));
    });
    up.on('error', () => onAnswer(502, {}, Buffer.from('')));
    up.end(body);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const i = ++n;
    if (req.method !== 'GET' && req.method !== 'DELETE' && ++writes === armed?.k) {
      window = [i, i + armed.length];
      armed = undefined;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const failing = window !== undefined && i >= window[0] && i < window[1];
      if (failing && req.method !== 'GET' && req.method !== 'DELETE') {
        forward(req, body, () => {
          lostWrites.push(`${req.method} ${req.url}`);
          res.socket?.resetAndDestroy();
        });
        return;
      }
      if (failing) {
        res.writeHead(503, { 'content-type': 'application/scim+json' });
        res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503', detail: 'upstream unavailable' }));
        return;
      }
      forward(req, body, (status, headers, data) => {
        const { connection: _c, 'transfer-encoding': _t, ...rest } = headers;
        res.writeHead(status, { ...rest, 'content-length': String(data.length) });
        res.end(data);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    count: () => n,
    failFromWrite(k, length = Infinity) {
      armed = { k: writes + k, length };
    },
    recover() {
      window = undefined;
      armed = undefined;
    },
    lostWrites,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

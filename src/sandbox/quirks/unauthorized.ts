// How a missing or wrong token is answered: RFC 7644 §3.12 says 401 with a SCIM error; API gateways in front of
// a service often answer 403, with their own `{"message": ...}` JSON, an HTML page, or nothing.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { onResponse } from '../http';

const HTML = (status: number): string =>
  `<html>\r\n<head><title>${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}</title></head>\r\n<body>\r\n` +
  `<center><h1>${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}</h1></center>\r\n</body>\r\n</html>\r\n`;

export function unauthorizedQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.unauthorizedStatus === 401 && q.unauthorizedBody === 'scim') return undefined;
  return (_req, res, next) => {
    onResponse(res, (out) => {
      if (out.status !== 401) return;
      const status = q.unauthorizedStatus;
      if (status !== 401) res.removeHeader('WWW-Authenticate');
      switch (q.unauthorizedBody) {
        case 'scim': {
          const body = out.body && typeof out.body === 'object' ? { ...(out.body as Record<string, unknown>), status: String(status) } : out.body;
          return { ...out, status, body };
        }
        case 'gatewayJson':
          return { status, body: undefined, raw: { contentType: 'application/json', text: JSON.stringify({ message: status === 401 ? 'Unauthorized' : 'Forbidden' }) } };
        case 'html':
          return { status, body: undefined, raw: { contentType: 'text/html; charset=utf-8', text: HTML(status) } };
        case 'empty':
          return { status, body: undefined };
      }
    });
    next();
  };
}

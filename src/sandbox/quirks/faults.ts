// Injected failures: a fraction of requests answer a SCIM 503 (with Retry-After: 1, as a service that knows it is
// overloaded says) or a gateway's HTML 502. Which requests fail depends only on the app's seed and the request's
// ordinal, so a test that replays the same requests sees the same failures. `methods: "reads"` spares writes.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { internalMarker } from '../internal';
import { hashUnit } from '../random';

export const GATEWAY_502_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export function faultQuirk(app: AppRuntime): RequestHandler | undefined {
  const faults = app.quirks.faults;
  if (!faults || !(faults.rate > 0)) return undefined;
  return (req, res, next) => {
    if (faults.methods === 'reads' && req.method !== 'GET') return next();
    if (internalMarker(req, app.internalSecret)) return next();
    const n = ++app.quirkState.requestCount;
    if (hashUnit(app.seed, n) >= faults.rate) return next();
    const html = faults.kind === 'html502' || (faults.kind === 'mixed' && hashUnit(app.seed ^ 0x5bd1e995, n) < 0.5);
    if (html) {
      res.status(502).type('text/html; charset=utf-8').send(GATEWAY_502_HTML);
      return;
    }
    res.setHeader('Retry-After', '1');
    sendError(res, 503, undefined, 'Service temporarily unavailable');
  };
}

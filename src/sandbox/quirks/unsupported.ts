// Unsupported features: Bulk switched off (or advertised but not routed), and unsupported endpoints answering 404
// instead of the RFC's 501.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { isErrorBody, onResponse, sendError } from '../http';

export function unsupportedQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.bulk === true && q.unsupportedStatus === 501) return undefined;
  return (req, res, next) => {
    if (q.unsupportedStatus !== 501) {
      onResponse(res, (out) => {
        if (out.status !== 501) return;
        const body = isErrorBody(out.body) ? { ...out.body, status: String(q.unsupportedStatus) } : out.body;
        return { ...out, status: q.unsupportedStatus, body };
      });
    }
    if (q.bulk !== true && /^\/Bulk\/?$/i.test(req.path)) {
      return sendError(res, 501, undefined, 'Bulk operations are not supported');
    }
    next();
  };
}

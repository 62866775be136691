// Discovery quirks: no /ServiceProviderConfig, /ResourceTypes or /Schemas (404), and a ServiceProviderConfig
// that tells the truth about the app's switches (Bulk, page cap, ETags).
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { onResponse, sendError } from '../http';

const DISCOVERY = /^\/(ServiceProviderConfigs?|ResourceTypes|Schemas)(\/.*)?$/i;

export function discoveryQuirk(app: AppRuntime): RequestHandler {
  const q = app.quirks;
  return (req, res, next) => {
    if (!DISCOVERY.test(req.path)) return next();
    if (!q.discovery) return sendError(res, 404, undefined, `No endpoint ${req.method} ${req.path}`);
    if (/^\/ServiceProviderConfig\/?$/i.test(req.path)) {
      onResponse(res, (out) => {
        const body = out.body as Record<string, unknown> | undefined;
        if (out.status !== 200 || !body) return;
        if (!q.bulk) body['bulk'] = { supported: false, maxOperations: 0, maxPayloadSize: 0 };
        const filter = body['filter'] as { maxResults?: number } | undefined;
        if (filter && q.maxPageSize !== null) filter.maxResults = q.maxPageSize;
        const pagination = body['pagination'] as { defaultPageSize?: number; maxPageSize?: number } | undefined;
        if (pagination) {
          if (q.defaultPageSize !== null) pagination.defaultPageSize = q.defaultPageSize;
          if (q.maxPageSize !== null) {
            pagination.maxPageSize = q.maxPageSize;
            pagination.defaultPageSize = Math.min(pagination.defaultPageSize ?? q.maxPageSize, q.maxPageSize);
          }
        }
      });
    }
    next();
  };
}

// Discovery quirks: no /ServiceProviderConfig, /ResourceTypes or /Schemas (404), and a ServiceProviderConfig that
// lies. The core describes the app truthfully (page sizes, Bulk, cursors); this file only makes it wrong on purpose.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { onResponse, sendError } from '../http';
import type { Claim } from './types';

const DISCOVERY = /^\/(ServiceProviderConfigs?|ResourceTypes|Schemas)(\/.*)?$/i;

function invert(body: Record<string, unknown>, claim: Claim): void {
  const block = body[claim] as { supported?: unknown } | undefined;
  if (block && typeof block.supported === 'boolean') block.supported = !block.supported;
}

export function discoveryQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.discovery && q.falseClaims.length === 0 && q.advertisedMaxPageSize === null) return undefined;
  return (req, res, next) => {
    if (!DISCOVERY.test(req.path)) return next();
    if (!q.discovery) return sendError(res, 404, undefined, `No endpoint ${req.method} ${req.path}`);
    if (/^\/ServiceProviderConfig\/?$/i.test(req.path)) {
      onResponse(res, (out) => {
        const body = out.body as Record<string, unknown> | undefined;
        if (out.status !== 200 || !body) return;
        for (const claim of q.falseClaims) invert(body, claim);
        if (q.advertisedMaxPageSize !== null) {
          const filter = body['filter'] as { maxResults?: number } | undefined;
          if (filter) filter.maxResults = q.advertisedMaxPageSize;
          const pagination = body['pagination'] as { maxPageSize?: number; defaultPageSize?: number } | undefined;
          if (pagination) {
            pagination.maxPageSize = q.advertisedMaxPageSize;
            pagination.defaultPageSize = Math.min(pagination.defaultPageSize ?? q.advertisedMaxPageSize, q.advertisedMaxPageSize);
          }
        }
      });
    }
    next();
  };
}

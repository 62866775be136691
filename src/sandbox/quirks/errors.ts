// Error-shape quirks: numeric status, sparse bodies, text/plain, and 409 without scimType. Registered first, so
// they reshape every error the sandbox produces (auth, rate limit, core, SCIMMY).
import type { RequestHandler } from 'express';
import { isErrorBody, onResponse } from '../http';
import type { QuirkConfig } from './types';

export function errorShapeQuirk(q: QuirkConfig): RequestHandler | undefined {
  if (q.errorStatus === 'string' && q.errorFormat === 'scim' && q.conflictScimType) return undefined;
  return (_req, res, next) => {
    onResponse(res, (out) => {
      if (out.status < 400 || !isErrorBody(out.body)) return;
      const body = { ...out.body };
      if (out.status === 409 && !q.conflictScimType) delete body['scimType'];
      const detail = typeof body['detail'] === 'string' ? body['detail'] : '';
      if (q.errorFormat === 'textPlain') {
        return { ...out, body: undefined, raw: { contentType: 'text/plain; charset=utf-8', text: `${out.status} ${detail}`.trim() } };
      }
      const status = q.errorStatus === 'number' ? out.status : String(out.status);
      if (q.errorFormat === 'sparse') return { ...out, body: { status, ...(detail ? { detail } : {}) } };
      return { ...out, body: { ...body, status } };
    });
    next();
  };
}

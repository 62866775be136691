// 201 Created without a Location header (RFC 7644 §3.3 says the response SHALL carry it).
import type { RequestHandler } from 'express';
import { onResponse } from '../http';
import type { QuirkConfig } from './types';

export function locationQuirk(q: QuirkConfig): RequestHandler | undefined {
  if (q.createdLocation) return undefined;
  return (_req, res, next) => {
    onResponse(res, (out) => {
      if (out.status === 201) res.removeHeader('Location');
    });
    next();
  };
}

// Quirks of user writes: a user without the required userName created anyway (named after what it did send), and
// AWS IAM Identity Center's single-valued emails and phone numbers (more than one answers 400).
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { patchOperations, resourceTarget } from './requestUtil';

const SINGLE = ['emails', 'phoneNumbers'];

function attr(obj: unknown, name: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const lower = name.toLowerCase();
  return Object.entries(obj).find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** The first single-valued attribute a request sends more than one value for. */
function tooManyValues(body: unknown, method: string): string | undefined {
  const many = (v: unknown): boolean => Array.isArray(v) && v.length > 1;
  if (method !== 'PATCH') return SINGLE.find((a) => many(attr(body, a)));
  for (const o of (body as { Operations?: { op?: unknown; path?: unknown; value?: unknown }[] }).Operations ?? []) {
    if (typeof o.op === 'string' && o.op.toLowerCase() === 'remove') continue;
    const path = typeof o.path === 'string' ? o.path.trim().toLowerCase() : '';
    const hit = path ? SINGLE.find((a) => path === a.toLowerCase() && many(o.value)) : SINGLE.find((a) => many(attr(o.value, a)));
    if (hit) return hit;
  }
  return undefined;
}

export function userWriteQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.requiredAttributes === 'enforced' && !q.singleValuedEmails) return undefined;
  return (req, res, next) => {
    if (!['POST', 'PUT', 'PATCH'].includes(req.method) || resourceTarget(req)?.collection !== 'Users') return next();
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return next();
    if (q.singleValuedEmails) {
      const attribute = tooManyValues(body, req.method);
      if (attribute) return sendError(res, 400, 'invalidValue', `Only one value is supported for ${attribute}`);
    }
    if (q.requiredAttributes === 'ignored' && req.method !== 'PATCH' && !patchOperations(req)) {
      const userName = attr(body, 'userName');
      if (typeof userName !== 'string' || userName.trim() === '') {
        const fallback = [attr(body, 'displayName'), attr(body, 'externalId')].find((v) => typeof v === 'string' && v.trim() !== '');
        body['userName'] = (fallback as string | undefined) ?? `unnamed-${randomBytes(4).toString('hex')}`;
      }
    }
    next();
  };
}

// String booleans ("active": "False", as Entra sends by default). The core (SCIMMY) rejects them with 400, as
// RFC 7643 §2.3.2 types require; `coerce` turns them into booleans; `storeAsString` models a loosely typed
// backend: the non-empty string is truthy, so "False" is stored as active, and the response echoes the string.
import type { Request, RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { onResponse } from '../http';
import { isResourceWrite, patchOperations } from './requestUtil';

const BOOLEAN_KEYS = new Set(['active', 'primary']);

function asBoolean(v: unknown): boolean | undefined {
  if (typeof v !== 'string') return undefined;
  const lower = v.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Replaces string booleans under boolean keys in place; returns the raw strings found at the top level. */
function rewrite(value: unknown, store: boolean, top: Map<string, string>, depth = 0): void {
  if (Array.isArray(value)) {
    for (const v of value) rewrite(v, store, top, depth + 1);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const [key, v] of Object.entries(obj)) {
    const b = BOOLEAN_KEYS.has(key.toLowerCase()) ? asBoolean(v) : undefined;
    if (b !== undefined) {
      if (depth === 0) top.set(key, v as string);
      obj[key] = store ? true : b;
    } else {
      rewrite(v, store, top, depth + 1);
    }
  }
}

function rewriteRequest(req: Request, store: boolean): Map<string, string> {
  const top = new Map<string, string>();
  const ops = patchOperations(req);
  if (ops) {
    for (const op of ops) {
      const path = typeof op.path === 'string' ? op.path : '';
      const last = path.split(/[.:]/).pop()?.toLowerCase() ?? '';
      const b = BOOLEAN_KEYS.has(last) ? asBoolean(op.value) : undefined;
      if (b !== undefined) {
        if (!path.includes('.') && !path.includes('[')) top.set(path, op.value as string);
        op.value = store ? true : b;
      } else {
        rewrite(op.value, store, top);
      }
    }
  } else if (req.method !== 'PATCH') {
    rewrite(req.body, store, top);
  }
  return top;
}

export function stringBooleanQuirk(app: AppRuntime): RequestHandler | undefined {
  const mode = app.quirks.stringBooleans;
  if (mode === 'reject') return undefined;
  return (req, res, next) => {
    if (!isResourceWrite(req)) return next();
    const raw = rewriteRequest(req, mode === 'storeAsString');
    if (mode === 'storeAsString' && raw.size > 0) {
      onResponse(res, (out) => {
        const body = out.body as Record<string, unknown> | undefined;
        if (out.status >= 300 || !body || typeof body !== 'object') return;
        for (const [key, text] of raw) if (key in body) body[key] = text;
      });
    }
    next();
  };
}

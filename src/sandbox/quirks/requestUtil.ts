// Helpers quirks use to rewrite a request before the core sees it. The core re-reads the query from req.url,
// so rewriting the URL is the one way to change what it gets.
import type { Request } from 'express';

export function readQuery(req: Request): URLSearchParams {
  const at = req.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : req.url.slice(at + 1));
}

export function writeQuery(req: Request, params: URLSearchParams): void {
  const at = req.url.indexOf('?');
  const path = at < 0 ? req.url : req.url.slice(0, at);
  req.url = params.size ? `${path}?${params.toString()}` : path;
}

/** GET on a resource collection (or a root search already turned into GET /.search). */
export function isListRequest(req: Request): boolean {
  return req.method === 'GET' && /^\/(Users|Groups|\.search)\/?$/i.test(req.path);
}

/** decodeURIComponent that keeps malformed escapes (`%E0%A4%A`) as written instead of throwing. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function userIdOf(req: Request): string | undefined {
  const m = /^\/Users\/([^/]+)\/?$/i.exec(req.path);
  return m ? safeDecode(m[1] as string) : undefined;
}

export function isResourceWrite(req: Request): boolean {
  return ['POST', 'PUT', 'PATCH'].includes(req.method) && /^\/(Users|Groups)(\/[^/]+)?\/?$/i.test(req.path);
}

export interface PatchOperation {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

export function patchOperations(req: Request): PatchOperation[] | undefined {
  if (req.method !== 'PATCH') return undefined;
  const ops = (req.body as { Operations?: unknown } | undefined)?.Operations;
  return Array.isArray(ops) ? (ops as PatchOperation[]) : undefined;
}

/** `/Users/<id>` or `/Groups/<id>` (id decoded), `/Users` or `/Groups` (no id), else undefined. */
export function resourceTarget(req: Request): { collection: 'Users' | 'Groups'; id?: string } | undefined {
  const m = /^\/(Users|Groups)(?:\/([^/]+))?\/?$/i.exec(req.path);
  if (!m || m[2]?.toLowerCase() === '.search') return undefined;
  const collection = (m[1] as string).toLowerCase() === 'users' ? 'Users' : 'Groups';
  return m[2] === undefined ? { collection } : { collection, id: safeDecode(m[2]) };
}

// Cursor-pagination faults (RFC 9865): a cursor that hands itself back (the walk cycles), a last page that still
// carries nextCursor, totalResults left out, and cursor errors with the wrong scimType.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { nextCursorOf } from '../cursor';
import { isErrorBody, isListBody, onResponse } from '../http';
import type { EngineContext } from '../scimmyEngine';

const CURSOR_ERRORS = new Set(['invalidCursor', 'expiredCursor', 'invalidCount']);

export function cursorQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.cursorPagination === 'off') return undefined;
  if (!q.cursorLoop && !q.cursorOnLastPage && q.cursorTotalResults === 'exact' && q.cursorErrors === 'rfc') return undefined;
  return (_req, res, next) => {
    onResponse(res, (out) => {
      const body = out.body as Record<string, unknown> | undefined;
      if (out.status === 400 && isErrorBody(body) && CURSOR_ERRORS.has(String(body['scimType']))) {
        if (q.cursorErrors === 'invalidValue') body['scimType'] = 'invalidValue';
        else if (q.cursorErrors === 'expiredAsInvalid' && body['scimType'] === 'expiredCursor') body['scimType'] = 'invalidCursor';
        return;
      }
      const ctx = res.locals['engineContext'] as EngineContext | undefined;
      if (out.status !== 200 || !isListBody(body) || !ctx?.cursor) return;
      if (q.cursorTotalResults === 'omitted') delete body['totalResults'];
      const page = ctx.listResult?.page;
      if (q.cursorLoop && ctx.cursor.token !== '') body['nextCursor'] = ctx.cursor.token;
      else if (q.cursorOnLastPage && body['nextCursor'] === undefined && page && page.returned > 0) {
        const next = nextCursorOf(app, ctx.cursor, page);
        if (next !== undefined) body['nextCursor'] = next;
      }
    });
    next();
  };
}

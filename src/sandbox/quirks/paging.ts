// Pagination quirks: page-size cap and default, startIndex ignored or read as 0-based, count=0 ignored,
// itemsPerPage echoing the requested count, totalResults drifting between pages, pages that overlap or leave
// gaps, and paging numbers sent as strings. Cap, default, itemsPerPage, drift and strings apply to cursor pages
// too; the startIndex quirks only to index pages.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { pagesByCursor } from '../cursor';
import { isListBody, onResponse } from '../http';
import { hashUnit } from '../random';
import { DEFAULT_PAGE_SIZE, type EngineContext } from '../scimmyEngine';
import { isListRequest, readQuery, writeQuery } from './requestUtil';

function intParam(params: URLSearchParams, key: string): number | undefined {
  const raw = params.get(key);
  return raw !== null && /^-?\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** Page 0 is exact; later pages move by 1..drift, alternating up and down, fixed by the seed. */
export function driftFor(seed: number, page: number, drift: number): number {
  if (page <= 0 || drift <= 0) return 0;
  const magnitude = 1 + Math.floor(hashUnit(seed, page) * drift);
  return page % 2 === 1 ? magnitude : -magnitude;
}

const PAGING_NUMBERS = ['totalResults', 'itemsPerPage', 'startIndex'];

export function pagingQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  const active = q.maxPageSize !== null || q.defaultPageSize !== null || q.startIndex !== 'oneBased' ||
    q.itemsPerPage !== 'returned' || q.countZero !== 'honoured' || q.totalResultsDrift > 0 || q.pageOverlap > 0 ||
    q.pageGap > 0 || q.pagingNumbers !== 'integers';
  if (!active) return undefined;
  return (req, res, next) => {
    if (!isListRequest(req)) return next();
    const params = readQuery(req);
    const byCursor = pagesByCursor(app, params) && !/^\/\.search/i.test(req.path);
    const rawCount = params.get('count');
    const requestedCount = intParam(params, 'count');
    const requestedStart = byCursor ? undefined : intParam(params, 'startIndex');
    let count = requestedCount;
    if (count === 0 && q.countZero === 'ignored' && !byCursor) count = undefined;
    if (count === undefined && q.defaultPageSize !== null) count = q.defaultPageSize;
    if (q.maxPageSize !== null) count = Math.min(count ?? DEFAULT_PAGE_SIZE, q.maxPageSize);
    // A count that is not an integer is left for the core to judge (cursor paging answers 400 invalidCount).
    if (count !== undefined) params.set('count', String(count));
    else if (rawCount !== null && requestedCount !== undefined) params.delete('count');

    let start = requestedStart;
    if (!byCursor) {
      if (q.startIndex === 'ignored') start = undefined;
      else if (q.startIndex === 'zeroBased') start = Math.max(0, requestedStart ?? 0) + 1;
      if (start !== undefined && start > 1) start = Math.max(1, start - q.pageOverlap + q.pageGap);
      if (start === undefined) params.delete('startIndex');
      else params.set('startIndex', String(start));
    }
    writeQuery(req, params);

    onResponse(res, (out) => {
      const body = out.body;
      if (out.status !== 200 || !isListBody(body)) return;
      if (q.itemsPerPage === 'requested' && requestedCount !== undefined) body['itemsPerPage'] = requestedCount;
      if (!byCursor) {
        if (q.startIndex === 'zeroBased') body['startIndex'] = requestedStart ?? 0;
        else if ((q.pageOverlap > 0 || q.pageGap > 0) && requestedStart !== undefined) body['startIndex'] = requestedStart;
      }
      if (q.totalResultsDrift > 0 && typeof body['totalResults'] === 'number') {
        const size = Math.max(1, count ?? DEFAULT_PAGE_SIZE);
        const served = (res.locals['engineContext'] as EngineContext | undefined)?.listResult?.startIndex;
        const first = byCursor ? (served ?? 1) : (requestedStart ?? 1);
        const page = Math.floor(Math.max(0, first - 1) / size);
        body['totalResults'] = Math.max(0, body['totalResults'] + driftFor(app.seed, page, q.totalResultsDrift));
      }
      if (q.pagingNumbers === 'strings') {
        for (const key of PAGING_NUMBERS) if (typeof body[key] === 'number') body[key] = String(body[key]);
      }
    });
    next();
  };
}

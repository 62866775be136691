// Pagination quirks: page-size cap and default, startIndex ignored or read as 0-based, count=0 ignored,
// itemsPerPage echoing the requested count, totalResults drifting between pages, and pages that overlap.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { isListBody, onResponse } from '../http';
import { hashUnit } from '../random';
import { DEFAULT_PAGE_SIZE } from '../scimmyEngine';
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

export function pagingQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  const active = q.maxPageSize !== null || q.defaultPageSize !== null || q.startIndex !== 'oneBased' ||
    q.itemsPerPage !== 'returned' || q.countZero !== 'honoured' || q.totalResultsDrift > 0 || q.pageOverlap > 0;
  if (!active) return undefined;
  return (req, res, next) => {
    if (!isListRequest(req)) return next();
    const params = readQuery(req);
    const requestedCount = intParam(params, 'count');
    const requestedStart = intParam(params, 'startIndex');
    let count = requestedCount;
    if (count === 0 && q.countZero === 'ignored') count = undefined;
    if (count === undefined && q.defaultPageSize !== null) count = q.defaultPageSize;
    if (q.maxPageSize !== null) count = Math.min(count ?? DEFAULT_PAGE_SIZE, q.maxPageSize);
    if (count === undefined) params.delete('count');
    else params.set('count', String(count));

    let start = requestedStart;
    if (q.startIndex === 'ignored') start = undefined;
    else if (q.startIndex === 'zeroBased') start = Math.max(0, requestedStart ?? 0) + 1;
    if (start !== undefined && start > 1 && q.pageOverlap > 0) start = Math.max(1, start - q.pageOverlap);
    if (start === undefined) params.delete('startIndex');
    else params.set('startIndex', String(start));
    writeQuery(req, params);

    onResponse(res, (out) => {
      const body = out.body;
      if (out.status !== 200 || !isListBody(body)) return;
      if (q.itemsPerPage === 'requested' && requestedCount !== undefined) body['itemsPerPage'] = requestedCount;
      if (q.startIndex === 'zeroBased') body['startIndex'] = requestedStart ?? 0;
      else if (q.pageOverlap > 0 && requestedStart !== undefined) body['startIndex'] = requestedStart;
      if (q.totalResultsDrift > 0 && typeof body['totalResults'] === 'number') {
        const size = Math.max(1, count ?? DEFAULT_PAGE_SIZE);
        const page = Math.floor(Math.max(0, (requestedStart ?? 1) - 1) / size);
        body['totalResults'] = Math.max(0, body['totalResults'] + driftFor(app.seed, page, q.totalResultsDrift));
      }
    });
    next();
  };
}

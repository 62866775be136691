// Cursor pagination (RFC 9865, "Cursor-Based Pagination of SCIM Resources", updating RFC 7643/7644). A cursor
// names a position, not a page number: "after the record with insertion sequence N" (or, for sorted lists,
// an offset), so a walk stays correct while records are added or removed, and the store finds that position by
// binary search. Cursors are random tokens of unreserved characters (RFC 3986 §2.3), opaque to clients; each
// app remembers what its tokens stand for (position, query, issue time), so resolving one is a map lookup, with
// no parsing or signature to check on every page of a 100k-user walk.
import { randomBytes } from 'node:crypto';
import type { AppRuntime } from './appRuntime';

export type CursorPosition =
  | { kind: 'after'; seq: number }
  | { kind: 'before'; seq: number }
  | { kind: 'offset'; offset: number };

export interface EngineCursor {
  /** The cursor as the client sent it ('' for the first page). */
  token: string;
  /** Where the page starts; absent for the first page. */
  position?: CursorPosition;
  /** The query the cursor belongs to. */
  query: string;
}

export type CursorErrorType = 'invalidCursor' | 'expiredCursor' | 'invalidCount';

export type CursorResolution =
  | { kind: 'none' }
  | { kind: 'cursor'; cursor: EngineCursor }
  | { kind: 'error'; scimType: CursorErrorType; detail: string };

/** The cursor-paging facts the engine reports about the page it served. */
export interface CursorPage {
  /** 0-based position of the page's first record among the matches. */
  start: number;
  returned: number;
  total: number;
  firstSeq?: number;
  lastSeq?: number;
  /** Sorted lists page by offset (a sort order has no stable insertion key). */
  sorted: boolean;
}

interface Issued {
  position: CursorPosition;
  query: string;
  issuedAt: number;
}

/** Kept beyond expiry so that a late request is told expiredCursor rather than invalidCursor. */
const EXPIRED_KEPT_FOR = 3;
/** Past this many live cursors the oldest go first, whatever their age (a client that never finishes a walk). */
const MAX_CURSORS = 200_000;

/** The cursors one app has issued. */
export class CursorRegistry {
  private readonly issued = new Map<string, Issued>();
  private sinceSweep = 0;
  /** Tokens are a random per-app prefix and a counter: unique, opaque, and cheaper than random bytes per page. */
  private readonly prefix = randomBytes(9).toString('base64url');
  private counter = 0;

  constructor(private readonly app: Pick<AppRuntime, 'now' | 'quirks'>) {}

  issue(position: CursorPosition, query: string): string {
    const now = this.app.now();
    if (++this.sinceSweep >= 256 || this.issued.size >= MAX_CURSORS) {
      this.sinceSweep = 0;
      this.sweep(now);
    }
    const token = `${this.prefix}${(++this.counter).toString(36)}`;
    this.issued.set(token, { position, query, issuedAt: now });
    return token;
  }

  resolve(token: string, query: string): { position: CursorPosition } | { error: 'invalidCursor' | 'expiredCursor' } {
    const found = this.issued.get(token);
    if (!found || found.query !== query) return { error: 'invalidCursor' };
    if (found.issuedAt + this.app.quirks.cursorTimeoutSeconds * 1000 < this.app.now()) return { error: 'expiredCursor' };
    return { position: found.position };
  }

  get size(): number {
    return this.issued.size;
  }

  /** Insertion order is issue order, so the expired ones are at the front. */
  private sweep(now: number): void {
    const forgetBefore = now - this.app.quirks.cursorTimeoutSeconds * 1000 * (1 + EXPIRED_KEPT_FOR);
    for (const [token, entry] of this.issued) {
      if (entry.issuedAt >= forgetBefore && this.issued.size < MAX_CURSORS) break;
      this.issued.delete(token);
    }
  }
}

/** RFC 9865 §2: every query parameter but `cursor` must stay the same between pages. */
function queryOf(collection: string, params: URLSearchParams): string {
  return [collection, params.get('filter') ?? '', params.get('sortBy') ?? '', params.get('sortOrder') ?? ''].join('\n');
}

/** Whether a list request pages by cursor: `cursor` was given, or the app pages by cursor only. */
export function pagesByCursor(app: AppRuntime, params: URLSearchParams): boolean {
  const mode = app.quirks.cursorPagination;
  return mode !== 'off' && (params.has('cursor') || mode === 'only');
}

/** Reads `cursor` and `count` of a list request on /Users or /Groups. */
export function resolveCursor(app: AppRuntime, collection: string, params: URLSearchParams): CursorResolution {
  if (!pagesByCursor(app, params)) return { kind: 'none' };
  const rawCount = params.get('count');
  // RFC 9865 §2: with a cursor, count is a positive integer (count=0 is an index-paging idiom). Above maxPageSize
  // the page is capped, as maxPageSize applies "regardless of what is specified for the count". A cursor-only
  // app answering a plain list request keeps RFC 7644's reading of count.
  if (rawCount !== null && params.has('cursor') && !(/^\d+$/.test(rawCount.trim()) && Number(rawCount) >= 1)) {
    return { kind: 'error', scimType: 'invalidCount', detail: `count must be a positive integer when paging by cursor (got '${rawCount}')` };
  }
  const token = params.get('cursor') ?? '';
  const query = queryOf(collection, params);
  if (token === '') return { kind: 'cursor', cursor: { token, query } };
  const resolved = app.cursors.resolve(token, query);
  if ('error' in resolved) {
    return resolved.error === 'expiredCursor'
      ? { kind: 'error', scimType: 'expiredCursor', detail: `The cursor has expired: cursors are valid for ${app.quirks.cursorTimeoutSeconds} s (pagination.cursorTimeout)` }
      : { kind: 'error', scimType: 'invalidCursor', detail: 'The cursor is not one this server issued for this query; send an empty cursor for the first page, then nextCursor' };
  }
  return { kind: 'cursor', cursor: { token, query, position: resolved.position } };
}

/** The cursor of the page after `page`, or undefined when the page is empty. */
export function nextCursorOf(app: AppRuntime, cursor: EngineCursor, page: CursorPage): string | undefined {
  if (page.returned === 0) return undefined;
  const position: CursorPosition = page.sorted || page.lastSeq === undefined
    ? { kind: 'offset', offset: page.start + page.returned }
    : { kind: 'after', seq: page.lastSeq };
  return app.cursors.issue(position, cursor.query);
}

export function previousCursorOf(app: AppRuntime, cursor: EngineCursor, page: CursorPage, count: number): string | undefined {
  if (page.start === 0) return undefined;
  const position: CursorPosition = page.sorted || page.firstSeq === undefined
    ? { kind: 'offset', offset: Math.max(0, page.start - count) }
    : { kind: 'before', seq: page.firstSeq };
  return app.cursors.issue(position, cursor.query);
}

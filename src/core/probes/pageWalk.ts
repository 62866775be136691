// Walks a collection page by page, by startIndex or by cursor, the way a client syncing it would, and keeps
// what the paging checks need: ids (not resources) with the page each was first seen on, the totals each page
// claimed, and the pages that prove each problem. Memory grows with the ids only.
import type { ProbeContext } from './context';
import { readListPage, type ListPage } from './listPage';

export type WalkStop = 'end' | 'empty' | 'maxPages' | 'notAdvancing' | 'error' | 'loop';

/** At most this many example pages are kept as evidence for one problem. */
const EXAMPLES = 5;

export interface WalkOutcome {
  kind: 'index' | 'cursor';
  /** How the walk is named in messages: `the walk`, `the walk with filter active eq true`, `the cursor walk`. */
  label: string;
  filter?: string;
  requested: number;
  pages: number;
  /** Exchange id of each page, in order. */
  pageExchanges: string[];
  /** The first page (its ids are at most one page long). */
  firstPage?: ListPage;
  distinct: number;
  stoppedBy: WalkStop;
  /** Each distinct totalResults value with the first page that claimed it. */
  totals: { value: number; exchangeId: string }[];
  duplicates: number;
  duplicateExamples: { id: string; first: string; again: string }[];
  nonIntegers: { message: string; exchangeId: string }[];
  nonIntegerPages: number;
  itemsMismatch: { itemsPerPage: number; returned: number; exchangeId: string }[];
  itemsMismatchPages: number;
  /** Pages that returned fewer than asked although a later page returned more. */
  shortPages: { returned: number; exchangeId: string }[];
  maxReturned: number;
  maxReturnedExchange?: string;
  notAdvancing?: { previous: string; repeated: string };
  error?: { exchangeId: string; status?: number; afterPages: number };
  /** cursor: the nextCursor that came back again, and the pages that issued it. */
  loop?: { cursor: string; first: string; again: string };
  /** cursor: the last non-empty page carried nextCursor, which led to an empty page. */
  cursorOnLastPage?: { last: string; empty: string };
  /** cursor: the first nextCursor issued (for the expiry check), its page, and when it arrived (ctx.now()). */
  firstNextCursor?: { cursor: string; exchangeId: string; at: number };
}

export interface WalkOptions {
  label: string;
  count: number;
  maxPages: number;
  filter?: string;
  /** Extra progress text (`filtered`), shown with the page counter. */
  progressLabel?: string;
}

/** The accounting shared by both walks. */
class Ledger {
  readonly seen = new Map<string, number>();
  readonly out: WalkOutcome;
  private pendingShort: { returned: number; exchangeId: string } | undefined;

  constructor(kind: WalkOutcome['kind'], opts: WalkOptions) {
    this.out = {
      kind, label: opts.label, requested: opts.count, pages: 0, pageExchanges: [], distinct: 0, stoppedBy: 'end', totals: [],
      duplicates: 0, duplicateExamples: [], nonIntegers: [], nonIntegerPages: 0, itemsMismatch: [], itemsMismatchPages: 0,
      shortPages: [], maxReturned: 0,
    };
    if (opts.filter !== undefined) this.out.filter = opts.filter;
  }

  /** Paging numbers and sizes of a page (before its ids are added). */
  account(page: ListPage): void {
    const o = this.out;
    o.pages++;
    o.pageExchanges.push(page.exchangeId);
    o.firstPage ??= page;
    if (page.nonIntegers.length) {
      o.nonIntegerPages++;
      if (o.nonIntegers.length < EXAMPLES) o.nonIntegers.push({ message: page.nonIntegers.join(', '), exchangeId: page.exchangeId });
    }
    if (page.itemsPerPage !== undefined && page.itemsPerPage !== page.returned) {
      o.itemsMismatchPages++;
      if (o.itemsMismatch.length < EXAMPLES) o.itemsMismatch.push({ itemsPerPage: page.itemsPerPage, returned: page.returned, exchangeId: page.exchangeId });
    }
    if (page.totalResults !== undefined && !o.totals.some((t) => t.value === page.totalResults)) {
      o.totals.push({ value: page.totalResults, exchangeId: page.exchangeId });
    }
    if (page.returned > o.maxReturned) {
      o.maxReturned = page.returned;
      o.maxReturnedExchange = page.exchangeId;
    }
    // A short page is a cap only when a later page proves more resources exist.
    if (page.returned > 0 && this.pendingShort && o.shortPages.length < EXAMPLES) o.shortPages.push(this.pendingShort);
    this.pendingShort = page.returned > 0 && page.returned < o.requested ? { returned: page.returned, exchangeId: page.exchangeId } : undefined;
  }

  addIds(page: ListPage): void {
    const o = this.out;
    const pageNo = o.pages - 1;
    for (const id of page.ids) {
      const first = this.seen.get(id);
      if (first === undefined) {
        this.seen.set(id, pageNo);
        continue;
      }
      o.duplicates++;
      if (o.duplicateExamples.length < EXAMPLES) o.duplicateExamples.push({ id, first: o.pageExchanges[first] as string, again: page.exchangeId });
    }
    o.distinct = this.seen.size;
  }

  /** One page of the walk; undefined (the walk stops) when the answer is not a ListResponse. */
  async fetch(ctx: ProbeContext, position: Record<string, string | number>, cursor: boolean): Promise<ListPage | undefined> {
    const query: Record<string, string | number> = { ...position, count: this.out.requested };
    if (this.out.filter !== undefined) query['filter'] = this.out.filter;
    const page = readListPage(await ctx.send({ method: 'GET', path: '/Users', query }), { cursor });
    if (!page.isList) {
      this.fail(page);
      return undefined;
    }
    this.account(page);
    return page;
  }

  /** The page repeats the previous one exactly: the walk cannot move on. */
  stalled(previous: ListPage | undefined, page: ListPage): boolean {
    if (!previous || !sameIds(previous.ids, page.ids)) return false;
    this.out.stoppedBy = 'notAdvancing';
    this.out.notAdvancing = { previous: previous.exchangeId, repeated: page.exchangeId };
    return true;
  }

  fail(page: ListPage): void {
    this.out.stoppedBy = 'error';
    this.out.error = { exchangeId: page.exchangeId, afterPages: this.out.pages, ...(page.status !== undefined ? { status: page.status } : {}) };
    this.out.pageExchanges.push(page.exchangeId);
  }
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((id, i) => id === b[i]);
}

function progress(ctx: ProbeContext, opts: WalkOptions, o: WalkOutcome, total: number | undefined): void {
  ctx.progress(`${opts.progressLabel ?? 'walking'}: page ${o.pages}, ${o.distinct} resources`, o.distinct, total);
}

/** startIndex=1, then startIndex + the number of resources the last page returned, as a syncing client does. */
export async function walkByIndex(ctx: ProbeContext, opts: WalkOptions): Promise<WalkOutcome> {
  const ledger = new Ledger('index', opts);
  const o = ledger.out;
  let start = 1;
  let previous: ListPage | undefined;
  for (;;) {
    const page = await ledger.fetch(ctx, { startIndex: start }, false);
    if (!page || ledger.stalled(previous, page)) break;
    ledger.addIds(page);
    progress(ctx, opts, o, page.totalResults);
    if (page.returned === 0) {
      o.stoppedBy = 'empty';
      break;
    }
    start += page.returned;
    if (page.totalResults !== undefined && start > page.totalResults) {
      o.stoppedBy = 'end';
      break;
    }
    if (o.pages >= opts.maxPages) {
      o.stoppedBy = 'maxPages';
      break;
    }
    previous = page;
  }
  return o;
}

/** An empty cursor first, then each page's nextCursor, until a page has none. */
export async function walkByCursor(ctx: ProbeContext, opts: WalkOptions): Promise<WalkOutcome> {
  const ledger = new Ledger('cursor', opts);
  const o = ledger.out;
  const issued = new Map<string, string>();
  let cursor = '';
  let previous: ListPage | undefined;
  for (;;) {
    const page = await ledger.fetch(ctx, { cursor }, true);
    if (!page) break;
    if (page.returned === 0) {
      if (previous) o.cursorOnLastPage = { last: previous.exchangeId, empty: page.exchangeId };
      o.stoppedBy = 'empty';
      break;
    }
    if (ledger.stalled(previous, page)) break;
    ledger.addIds(page);
    progress(ctx, opts, o, page.totalResults);
    const next = page.nextCursor;
    if (next === undefined) {
      o.stoppedBy = 'end';
      break;
    }
    o.firstNextCursor ??= { cursor: next, exchangeId: page.exchangeId, at: ctx.now() };
    const first = issued.get(next);
    if (first !== undefined || next === cursor) {
      o.stoppedBy = 'loop';
      o.loop = { cursor: next, first: first ?? (previous?.exchangeId ?? page.exchangeId), again: page.exchangeId };
      break;
    }
    issued.set(next, page.exchangeId);
    if (o.pages >= opts.maxPages) {
      o.stoppedBy = 'maxPages';
      break;
    }
    cursor = next;
    previous = page;
  }
  return o;
}

/** Whether the walk saw the whole collection (it ended by itself, not by a limit or a fault). */
export function walkComplete(o: WalkOutcome): boolean {
  return o.stoppedBy === 'end' || o.stoppedBy === 'empty';
}

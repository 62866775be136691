// The single-request paging checks around the walk: count=0, where startIndex starts counting, the largest page
// the server hands out, and what a page past the end looks like.
import type { ProbeContext } from './context';
import type { FindingBook } from './findingBook';
import { readListPage, type ListPage } from './listPage';
import type { WalkOutcome } from './pageWalk';

/** The largest page asked for when looking for a page-size cap above the walk's page size. */
export const LARGE_PAGE = 1000;

async function list(ctx: ProbeContext, query: Record<string, string | number>): Promise<ListPage> {
  return readListPage(await ctx.send({ method: 'GET', path: '/Users', query }));
}

const answered = (p: ListPage): string => (p.isList ? `${p.returned} resources` : `${p.status ?? 'no response'}`);

/**
 * Why an answer says nothing about the parameter asked about: a 429 or a 5xx still there after the engine's
 * retries, or no answer at all. Such a check is inconclusive, not failed (a rate-limited probe once reported
 * START_INDEX_NOT_ONE_BASED because startIndex=0 met the limit).
 */
function unavailable(p: ListPage): string | undefined {
  if (p.isList) return undefined;
  if (p.status === undefined) return 'inconclusive: no response';
  if (p.status === 429 || p.status >= 500) return `inconclusive: answered ${p.status} (${p.status === 429 ? 'rate limited' : 'server error'}) after retries`;
  return undefined;
}

/** Records the check as skipped when its one request was not really answered; true when it was so. */
function skippedUnanswered(ctx: ProbeContext, name: string, p: ListPage): boolean {
  const why = unavailable(p);
  if (why) ctx.check(name, 'skipped', why, { evidence: [p.exchangeId] });
  return why !== undefined;
}

/** RFC 7644 §3.4.2.4: count=0 returns no resources, only totalResults. */
export async function checkCountZero(ctx: ProbeContext, book: FindingBook): Promise<void> {
  const p = await list(ctx, { count: 0 });
  if (skippedUnanswered(ctx, 'count=0 returns only totalResults', p)) return;
  const codes: string[] = [];
  if (!p.isList) {
    codes.push(book.report('COUNT_ZERO_NOT_RESPECTED', `count=0 answered ${p.status ?? 'no response'} instead of 200 with only totalResults: a client cannot size the directory this way.`, [p.exchangeId]).code);
  } else if (p.returned > 0) {
    codes.push(book.report('COUNT_ZERO_NOT_RESPECTED', `count=0 returned ${p.returned} resources instead of none (RFC 7644 §3.4.2.4: only totalResults).`, [p.exchangeId]).code);
  }
  book.check('count=0 returns only totalResults', codes, codes.length ? `count=0 answered ${answered(p)}` : `totalResults ${p.totalResults ?? '(none)'}, no resources`, [p.exchangeId]);
}

/**
 * Where startIndex starts: startIndex=0 must read as 1 (RFC 7644: values below 1 are 1). A server that reads it
 * as an offset returns, at startIndex=0, one resource before what startIndex=1 returns.
 */
export async function checkStartIndexBase(ctx: ProbeContext, book: FindingBook, first: ListPage): Promise<0 | 1 | undefined> {
  const name = 'startIndex is 1-based';
  if (first.ids.length < 2) {
    ctx.check(name, 'skipped', 'fewer than two resources to compare');
    return undefined;
  }
  const zero = await list(ctx, { startIndex: 0, count: 3 });
  if (skippedUnanswered(ctx, name, zero)) return undefined;
  const one = first.ids.slice(0, 3);
  if (!zero.isList) {
    const f = book.report('START_INDEX_NOT_ONE_BASED', `startIndex=0 answered ${zero.status ?? 'no response'}; RFC 7644 §3.4.2.4 says a startIndex below 1 is read as 1.`, [zero.exchangeId], { severity: 'warning' });
    book.check(name, [f.code], f.message, [zero.exchangeId]);
    return undefined;
  }
  if (zero.ids.slice(0, one.length).every((id, i) => id === one[i])) {
    book.check(name, [], 'startIndex=0 and startIndex=1 return the same first resources', [first.exchangeId, zero.exchangeId]);
    return 1;
  }
  if (zero.ids[1] !== undefined && zero.ids[1] === one[0]) {
    const f = book.report('START_INDEX_NOT_ONE_BASED', `startIndex is read as a 0-based offset: startIndex=0 returns resource ${zero.ids[0]} before the first resource of startIndex=1, so a walk from startIndex=1 never sees it.`, [first.exchangeId, zero.exchangeId], { field: ['pagination', 'startIndexBase'] });
    book.check(name, [f.code], f.message, [first.exchangeId, zero.exchangeId]);
    return 0;
  }
  ctx.check(name, 'skipped', 'inconclusive: startIndex=0 and startIndex=1 return unrelated resources (no stable order?)', { evidence: [first.exchangeId, zero.exchangeId] });
  return undefined;
}

/**
 * Asks for a large page to find a cap above the walk's page size. A cap is reported only when more resources
 * are known to exist than the page returned.
 */
export async function checkLargePage(ctx: ProbeContext, knownDistinct: number, size: number, stalled: boolean): Promise<ListPage & { capped: boolean }> {
  const p = await list(ctx, { startIndex: 1, count: size });
  // More exist: the walk read more, or (when it could not advance, so read nothing more) the page's totalResults.
  const more = p.returned < knownDistinct || (stalled && p.totalResults !== undefined && p.returned < p.totalResults);
  return { ...p, capped: p.isList && p.returned > 0 && p.returned < size && more };
}

/** A page past the end: 200 with no resources, so a client that stops on an empty page stops. */
export async function checkPastEnd(ctx: ProbeContext, book: FindingBook, walk: WalkOutcome, pageSize: number): Promise<void> {
  const name = 'a page past the end is empty';
  // A page's length beyond the end, so overlapping pages (PAGE_DUPLICATES) do not reach back into the collection.
  const total = Math.max(walk.distinct, ...walk.totals.map((t) => t.value));
  const start = total + pageSize + 1;
  const p = await list(ctx, { startIndex: start, count: pageSize });
  if (skippedUnanswered(ctx, name, p)) return;
  if (p.isList && p.returned === 0) {
    book.check(name, [], `startIndex=${start} returned no resources`, [p.exchangeId]);
    return;
  }
  const f = book.report('PAGE_PAST_END_NOT_EMPTY', `startIndex=${start}, past the ${total} resources, answered ${answered(p)} instead of 200 with no resources.`, [p.exchangeId]);
  book.check(name, [f.code], f.message, [p.exchangeId]);
}

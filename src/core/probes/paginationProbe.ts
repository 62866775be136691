// pagination: walks the Users collection as a syncing client does (by startIndex, with and without a filter,
// and by cursor where the server offers it) and checks every page: integer paging numbers, stable totals,
// itemsPerPage, pages that advance, duplicates and gaps, the page-size cap, count=0, where startIndex starts,
// and a page past the end. Compares what it saw with ServiceProviderConfig's claims. Read-only.
import type { ProbeContext } from './context';
import { checkCursorErrors } from './cursorChecks';
import { FindingBook } from './findingBook';
import { readListPage, type ListPage } from './listPage';
import { checkCountZero, checkLargePage, checkPastEnd, checkStartIndexBase, LARGE_PAGE } from './paginationChecks';
import { walkByCursor, walkByIndex, walkComplete, type WalkOutcome } from './pageWalk';
import type { Json, Probe } from './types';
import { reportWalk, walkCheck } from './walkFindings';

/** The filter of the filtered walk: one attribute every user has, an operator every server takes. */
export const WALK_FILTER = 'active eq true';
/** The filtered walk checks paging under a filter; it need not read the whole directory again. */
const FILTERED_WALK_PAGES = 50;

interface Observed {
  cap?: { size: number; exchangeId: string };
  /** Index pages exceeded the advertised filter.maxResults or pagination.maxPageSize. */
  maxClaimContradicted?: boolean;
  startIndexBase?: 0 | 1;
  cursor?: WalkOutcome;
  main?: WalkOutcome;
  consistent?: boolean;
}

async function indexWalks(ctx: ProbeContext, book: FindingBook, seen: Observed): Promise<void> {
  const { pageSize, maxPages } = ctx.options;
  const main = await walkByIndex(ctx, { label: 'the walk by startIndex', count: pageSize, maxPages, progressLabel: 'walking by startIndex' });
  seen.main = main;
  const report = reportWalk(book, main);
  if (walkComplete(main) && report.consistentTotals !== undefined) seen.consistent = report.consistentTotals;
  const first = main.pageExchanges[0];
  const short = main.shortPages[0];
  if (short) seen.cap = { size: Math.max(...main.shortPages.map((p) => p.returned)), exchangeId: short.exchangeId };

  if (seen.cap) {
    const f = book.report('PAGE_SIZE_CAPPED', `Asked for ${pageSize} per page, the server returned ${seen.cap.size} although more resources exist.`, [seen.cap.exchangeId],
      ctx.app.pagination?.maxPageSize === seen.cap.size ? { severity: 'info' } : {});
    report.codes.push(f.code);
  } else if (main.distinct > pageSize || main.stoppedBy === 'notAdvancing') {
    const large = await checkLargePage(ctx, main.distinct, Math.max(LARGE_PAGE, pageSize), main.stoppedBy === 'notAdvancing');
    if (large.capped) {
      seen.cap = { size: large.returned, exchangeId: large.exchangeId };
      book.report('PAGE_SIZE_CAPPED', `Asked for ${Math.max(LARGE_PAGE, pageSize)} per page, the server returned ${large.returned} although the walk read ${main.distinct}.`, [large.exchangeId],
        ctx.app.pagination?.maxPageSize === large.returned ? { severity: 'info' } : {});
    }
    if (large.isList && large.returned > main.maxReturned) {
      main.maxReturned = large.returned;
      main.maxReturnedExchange = large.exchangeId;
    }
    book.check('page-size cap', large.capped ? ['PAGE_SIZE_CAPPED'] : [], large.isList ? `count=${Math.max(LARGE_PAGE, pageSize)} returned ${large.returned}` : `count=${Math.max(LARGE_PAGE, pageSize)} answered ${large.status ?? 'no response'}`, [large.exchangeId]);
  }
  walkCheck(book, main, 'walk by startIndex reads every resource once', report);

  await checkCountZero(ctx, book);
  const firstPage = main.firstPage;
  if (main.stoppedBy === 'notAdvancing') {
    ctx.check('startIndex is 1-based', 'skipped', 'startIndex has no effect here (PAGE_NOT_ADVANCING)', first ? { evidence: [first] } : {});
    ctx.check('a page past the end is empty', 'skipped', 'startIndex has no effect here (PAGE_NOT_ADVANCING)');
  } else {
    if (firstPage) seen.startIndexBase = await checkStartIndexBase(ctx, book, firstPage);
    if (walkComplete(main)) await checkPastEnd(ctx, book, main, pageSize);
    else ctx.check('a page past the end is empty', 'skipped', `the walk did not reach the end (${main.stoppedBy})`);
  }

  const filtered = await walkByIndex(ctx, {
    label: 'the filtered walk', filter: WALK_FILTER, count: pageSize, maxPages: Math.min(maxPages, FILTERED_WALK_PAGES), progressLabel: 'walking with a filter',
  });
  if (filtered.error && filtered.error.afterPages === 0) {
    ctx.check(`walk with filter ${WALK_FILTER}`, 'skipped', `the server does not take the filter (it answered ${filtered.error.status ?? 'no response'})`, { evidence: [filtered.error.exchangeId] });
  } else {
    walkCheck(book, filtered, `walk with filter ${WALK_FILTER}`, reportWalk(book, filtered));
  }
}

async function cursorWalk(ctx: ProbeContext, book: FindingBook, seen: Observed, plain: ListPage): Promise<void> {
  const claims = ctx.claims?.pagination;
  const { pageSize, maxPages } = ctx.options;
  let offered = claims?.cursor === true || plain.nextCursor !== undefined;
  let probeExchange: string | undefined;
  if (!offered) {
    // Servers may page by cursor without saying so (no discovery, or an old ServiceProviderConfig): ask once.
    const asked = readListPage(await ctx.send({ method: 'GET', path: '/Users', query: { cursor: '', count: pageSize } }), { cursor: true });
    probeExchange = asked.exchangeId;
    offered = asked.nextCursor !== undefined;
  }
  if (!offered) {
    ctx.check('walk by cursor', 'skipped', 'the server offers no cursor pagination (no pagination.cursor claim, no nextCursor)', probeExchange ? { evidence: [probeExchange] } : {});
    ctx.field(['pagination', 'cursor'], false, probeExchange ? { evidence: [probeExchange] } : {});
    return;
  }
  const walk = await walkByCursor(ctx, { label: 'the walk by cursor', count: pageSize, maxPages, progressLabel: 'walking by cursor' });
  seen.cursor = walk;
  const report = reportWalk(book, walk);
  if (seen.consistent === undefined && walkComplete(walk) && report.consistentTotals !== undefined) seen.consistent = report.consistentTotals;
  // Index pages over the same advertised maximum already proved the claim wrong (DISCOVERY_CLAIM_CONTRADICTED).
  if (claims?.maxPageSize !== undefined && walk.maxReturned > claims.maxPageSize && !seen.maxClaimContradicted) {
    const f = book.report('CURSOR_PAGE_OVER_MAX', `A cursor page held ${walk.maxReturned} resources; ServiceProviderConfig advertises pagination.maxPageSize ${claims.maxPageSize}.`,
      [ctx.claims?.evidence, walk.maxReturnedExchange].filter((x): x is string => x !== undefined));
    report.codes.push(f.code);
  }
  walkCheck(book, walk, 'walk by cursor reads every resource once', report);
  const works = walk.pages > 0 && walk.stoppedBy !== 'error';
  ctx.field(['pagination', 'cursor'], works, { evidence: walk.pageExchanges.slice(0, 1) });
  if (!works && claims?.cursor === true && ctx.claims) {
    book.report('DISCOVERY_CLAIM_CONTRADICTED', `ServiceProviderConfig claims cursor pagination, but the first cursor page answered ${walk.error?.status ?? 'no response'}.`,
      [ctx.claims.evidence, ...walk.pageExchanges.slice(0, 1)], { merge: true });
  }
  if (works) await checkCursorErrors(ctx, book, walk, pageSize, claims?.cursorTimeout);
}

/** ServiceProviderConfig's paging claims against what the index walk saw. */
function compareClaims(ctx: ProbeContext, book: FindingBook, seen: Observed, plain: ListPage): void {
  const claims = ctx.claims;
  if (!claims) return;
  const contradict = (message: string, evidence: (string | undefined)[]): void => {
    book.report('DISCOVERY_CLAIM_CONTRADICTED', message, [claims.evidence, ...evidence.filter((x): x is string => x !== undefined)], { merge: true });
  };
  const main = seen.main;
  const maxResults = claims.filter?.maxResults;
  if (main && maxResults !== undefined && main.maxReturned > maxResults) {
    contradict(`ServiceProviderConfig says filter.maxResults ${maxResults}, but a page held ${main.maxReturned} resources.`, [main.maxReturnedExchange]);
    seen.maxClaimContradicted = true;
  }
  const p = claims.pagination;
  if (main && p?.maxPageSize !== undefined && main.maxReturned > p.maxPageSize) {
    contradict(`ServiceProviderConfig says pagination.maxPageSize ${p.maxPageSize}, but a page held ${main.maxReturned} resources.`, [main.maxReturnedExchange]);
    seen.maxClaimContradicted = true;
  }
  if (p?.defaultPageSize !== undefined && plain.totalResults !== undefined && plain.totalResults > plain.returned && plain.returned !== p.defaultPageSize && plain.nextCursor === undefined) {
    contradict(`ServiceProviderConfig says pagination.defaultPageSize ${p.defaultPageSize}, but a list without count returned ${plain.returned}.`, [plain.exchangeId]);
  }
}

export const paginationProbe: Probe = {
  name: 'pagination',
  title: 'Walking the Users collection page by page',
  writes: 'never',
  needs: ['discovery'],
  async run(ctx) {
    const book = new FindingBook(ctx);
    const plain = readListPage(await ctx.send({ method: 'GET', path: '/Users' }));
    if (!plain.isList) ctx.skip(`GET /Users answered ${plain.status ?? 'no response'}, not a ListResponse: there is nothing to page through`);
    const seen: Observed = {};
    const cursorOnly = ctx.claims?.pagination?.index === false || (plain.nextCursor !== undefined && ctx.claims?.pagination?.index !== true);
    if (cursorOnly) {
      ctx.check('walk by startIndex reads every resource once', 'skipped', 'the server pages by cursor only (a list without cursor already carries nextCursor)', { evidence: [plain.exchangeId] });
    } else {
      await indexWalks(ctx, book, seen);
    }
    compareClaims(ctx, book, seen, plain);
    await cursorWalk(ctx, book, seen, plain);

    // What a client needs to know, as registry fields (drift and --promote) and figures.
    const evidenceOf = (id: string | undefined): { evidence?: string[] } => (id ? { evidence: [id] } : {});
    if (seen.cap) ctx.field(['pagination', 'maxPageSize'], seen.cap.size, evidenceOf(seen.cap.exchangeId));
    if (plain.totalResults !== undefined && plain.totalResults > plain.returned && plain.nextCursor === undefined) {
      ctx.field(['pagination', 'defaultPageSize'], plain.returned, evidenceOf(plain.exchangeId));
    }
    if (seen.startIndexBase !== undefined) ctx.field(['pagination', 'startIndexBase'], seen.startIndexBase, evidenceOf(seen.main?.pageExchanges[0]));
    if (seen.consistent !== undefined) ctx.field(['pagination', 'totalResultsConsistent'], seen.consistent, evidenceOf((seen.main ?? seen.cursor)?.pageExchanges[0]));

    const walk = seen.main ?? seen.cursor;
    const figures: Record<string, Json> = {
      totalResults: plain.totalResults ?? null,
      pagesWalked: walk?.pages ?? 0,
      distinctResources: walk?.distinct ?? 0,
      duplicates: walk?.duplicates ?? 0,
      missing: walk && walk.totals.length ? Math.max(0, Math.min(...walk.totals.map((t) => t.value)) - walk.distinct) : 0,
      totalsSeen: (walk?.totals ?? []).slice(0, 10).map((t) => t.value),
      maxPageSize: seen.cap?.size ?? null,
      defaultPageSize: plain.totalResults !== undefined && plain.totalResults > plain.returned ? plain.returned : null,
      startIndexBase: seen.startIndexBase ?? null,
      cursor: seen.cursor !== undefined,
      cursorPages: seen.cursor?.pages ?? 0,
    };
    for (const [k, v] of Object.entries(figures)) ctx.observe(k, v);
    const parts = [`${walk?.distinct ?? 0} users in ${walk?.pages ?? 0} pages`];
    parts.push(seen.cap ? `max ${seen.cap.size}/page` : 'no page cap seen');
    if (seen.cursor) parts.push('cursor paging');
    if (seen.startIndexBase === 0) parts.push('0-based startIndex');
    ctx.summary(parts.join(' · '));
  },
};

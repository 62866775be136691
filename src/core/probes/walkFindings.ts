// Turns a page walk into findings and one check. Each problem is reported once per probe: a later walk (with a
// filter, by cursor) that shows the same problem adds its check, not a second finding.
import type { AnyProbeCode } from './codes';
import { inconclusive } from './errorAnswers';
import type { FindingBook } from './findingBook';
import { walkComplete, type WalkOutcome } from './pageWalk';

export interface WalkReport {
  codes: string[];
  /** Distinct resources the walk is missing against the smallest totalResults (complete walks only). */
  missing: number;
  /** totalResults agreed on every page and with what the walk found (complete walks only). */
  consistentTotals?: boolean;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function reportWalk(book: FindingBook, o: WalkOutcome): WalkReport {
  const report: WalkReport = { codes: [], missing: 0 };
  const add = (code: AnyProbeCode, message: string, evidence: string[]): void => {
    report.codes.push(code);
    book.report(code, sentence(message), evidence);
  };
  const where = o.filter !== undefined ? ` (filter ${o.filter})` : '';

  if (o.notAdvancing) {
    add('PAGE_NOT_ADVANCING', `In ${o.label}${where}, page ${o.pages} returned exactly the resources of page ${o.pages - 1}: ${o.kind === 'index' ? 'startIndex has no effect' : 'the cursor does not move'}, so a client can never read past the first ${o.distinct} resources.`, [o.notAdvancing.previous, o.notAdvancing.repeated]);
  }
  if (o.duplicates > 0) {
    const ex = o.duplicateExamples[0];
    add('PAGE_DUPLICATES', `${o.label}${where} returned ${plural(o.duplicates, 'resource')} on more than one page (e.g. id ${ex?.id}).`,
      o.duplicateExamples.flatMap((d) => [d.first, d.again]));
  }
  if (o.nonIntegerPages > 0) {
    add('PAGING_NUMBERS_NOT_INTEGERS', `${plural(o.nonIntegerPages, 'page')} of ${o.label}${where} carried paging numbers that are not JSON integers: ${o.nonIntegers[0]?.message}.`,
      o.nonIntegers.map((x) => x.exchangeId));
  }
  if (o.itemsMismatchPages > 0) {
    const ex = o.itemsMismatch[0];
    add('ITEMS_PER_PAGE_MISMATCH', `${plural(o.itemsMismatchPages, 'page')} of ${o.label}${where} said itemsPerPage ${ex?.itemsPerPage} but held ${ex?.returned} resources.`,
      o.itemsMismatch.map((x) => x.exchangeId));
  }
  if (o.totals.length > 1) {
    add('TOTAL_RESULTS_INCONSISTENT', `totalResults changed during ${o.label}${where}: ${o.totals.slice(0, 6).map((t) => t.value).join(', ')}${o.totals.length > 6 ? ', ...' : ''}.`,
      o.totals.slice(0, EVIDENCE).map((t) => t.exchangeId));
  }
  if (o.loop) {
    add('CURSOR_LOOP', `${o.label}${where} was handed the nextCursor "${shorten(o.loop.cursor)}" a second time: following cursors would never end.`, [o.loop.first, o.loop.again]);
  }
  if (o.cursorOnLastPage) {
    add('CURSOR_ON_LAST_PAGE', `The last page of ${o.label}${where} still carried nextCursor; following it returned an empty page.`, [o.cursorOnLastPage.last, o.cursorOnLastPage.empty]);
  }
  if (o.error && !unanswered(o)) {
    add('PAGE_MISSING', `${o.label}${where} broke off after ${plural(o.error.afterPages, 'page')}: the next page answered ${o.error.status ?? 'no response'}, so the resources after it cannot be read.`, [...o.pageExchanges.slice(-2)]);
  }

  if (walkComplete(o) && o.totals.length > 0) {
    const min = Math.min(...o.totals.map((t) => t.value));
    const max = Math.max(...o.totals.map((t) => t.value));
    const first = o.pageExchanges[0] as string;
    const last = o.pageExchanges[o.pageExchanges.length - 1] as string;
    if (o.distinct < min) {
      report.missing = min - o.distinct;
      add('PAGE_MISSING', `${o.label}${where} read ${o.distinct} distinct resources in ${plural(o.pages, 'page')}, but the server counts ${min}: ${report.missing} never appeared (or the directory shrank during the walk).`, [first, last]);
    } else if (o.distinct > max) {
      add('TOTAL_RESULTS_INCONSISTENT', `${o.label}${where} read ${o.distinct} distinct resources, more than the totalResults of ${max} the server claimed.`, [first, last]);
    }
    report.consistentTotals = o.totals.length === 1 && o.distinct <= max;
  }
  return report;
}

const EVIDENCE = 6;

/** A page still throttled or unavailable after the engine's retries, or never answered, says nothing about paging. */
export function unanswered(o: WalkOutcome): boolean {
  return o.error !== undefined && inconclusive(o.error);
}

function shorten(cursor: string): string {
  return cursor.length > 24 ? `${cursor.slice(0, 24)}...` : cursor;
}

/** One check (a JUnit test case) for a walk, failing with the codes it showed. */
export function walkCheck(book: FindingBook, o: WalkOutcome, name: string, report: WalkReport): void {
  const stop = {
    end: 'ended on the last page', empty: 'ended on an empty page', maxPages: `stopped at the ${o.pages}-page limit`,
    notAdvancing: 'stopped: pages did not advance', error: 'broke off on an error', loop: 'stopped: a cursor repeated',
  }[o.stoppedBy];
  const text = `${plural(o.pages, 'page')} of ${o.requested}, ${o.distinct} distinct resources, ${stop}`;
  if (unanswered(o) && report.codes.length === 0) {
    book.skip(name, `inconclusive: ${text} (${o.error?.status ?? 'no response'} even after retries)`, [o.error?.exchangeId]);
    return;
  }
  book.check(name, report.codes, report.codes.length ? `${text}: ${[...new Set(report.codes)].join(', ')}` : text,
    [o.pageExchanges[0], o.pageExchanges[o.pageExchanges.length - 1]]);
}

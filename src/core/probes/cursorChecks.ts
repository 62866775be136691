// Cursor pagination (RFC 9865) beyond the walk: the 400 scimTypes invalidCursor, invalidCount and
// expiredCursor, the last against the cursorTimeout the server advertises.
import type { SendResult } from '../http';
import type { ProbeContext } from './context';
import type { FindingBook } from './findingBook';
import type { WalkOutcome } from './pageWalk';

/** Made of unreserved characters only (RFC 3986), so the server reads it as a cursor it never issued. */
const UNKNOWN_CURSOR = 'scimwbUnknownCursor0';

function scimTypeOf(r: SendResult): string | undefined {
  const t = (r.json as { scimType?: unknown } | undefined)?.scimType;
  return typeof t === 'string' ? t : undefined;
}

function describe(r: SendResult): string {
  if (r.status === undefined) return 'no response';
  const t = scimTypeOf(r);
  return `${r.status}${t ? ` ${t}` : r.status >= 400 ? ' without a scimType' : ''}`;
}

/** Checks one cursor error; `lenient` accepts a 2xx (the request is one a server may reasonably serve). */
function judge(book: FindingBook, name: string, r: SendResult, expected: string, what: string, lenient = false): void {
  if (r.status === 400 && scimTypeOf(r) === expected) {
    book.check(name, [], `400 ${expected}`, [r.exchange.id]);
    return;
  }
  if (lenient && r.ok) {
    book.check(name, [], `${describe(r)}: served rather than refused`, [r.exchange.id]);
    return;
  }
  const f = book.report('CURSOR_ERROR_WRONG_SCIMTYPE', `${what} answered ${describe(r)} instead of 400 ${expected} (RFC 9865).`, [r.exchange.id], { merge: true });
  book.check(name, [f.code], `${what} answered ${describe(r)} instead of 400 ${expected}`, [r.exchange.id]);
}

export async function checkCursorErrors(ctx: ProbeContext, book: FindingBook, walk: WalkOutcome, count: number, cursorTimeout: number | undefined): Promise<void> {
  const unknown = await ctx.send({ method: 'GET', path: '/Users', query: { cursor: UNKNOWN_CURSOR, count } });
  judge(book, 'an unknown cursor is 400 invalidCursor', unknown, 'invalidCursor', `A cursor the server never issued (${UNKNOWN_CURSOR})`);
  // RFC 9865 asks for a positive count with a cursor; a server that reads -1 as RFC 7644's 0 is not wrong.
  const badCount = await ctx.send({ method: 'GET', path: '/Users', query: { cursor: '', count: -1 } });
  judge(book, 'an invalid count is 400 invalidCount', badCount, 'invalidCount', 'count=-1 with a cursor', true);

  const name = 'an expired cursor is 400 expiredCursor';
  const issued = walk.firstNextCursor;
  if (!issued) {
    ctx.check(name, 'skipped', 'the walk was handed no nextCursor to let expire');
    return;
  }
  if (cursorTimeout === undefined) {
    ctx.check(name, 'skipped', 'ServiceProviderConfig advertises no pagination.cursorTimeout');
    return;
  }
  const waitMs = Math.max(0, issued.at + cursorTimeout * 1000 + 1000 - ctx.now());
  if (cursorTimeout * 1000 + 1000 > ctx.options.maxCursorWaitMs) {
    ctx.check(name, 'skipped', `cursorTimeout is ${cursorTimeout} s, longer than the ${Math.round(ctx.options.maxCursorWaitMs / 1000)} s this run waits`);
    return;
  }
  ctx.progress(`waiting ${Math.ceil(waitMs / 1000)} s for a cursor to expire (cursorTimeout ${cursorTimeout} s)`);
  await ctx.wait(waitMs);
  const expired = await ctx.send({ method: 'GET', path: '/Users', query: { cursor: issued.cursor, count } });
  if (expired.ok) {
    book.check(name, [], `the cursor still worked ${cursorTimeout + 1} s after it was issued (longer than cursorTimeout)`, [issued.exchangeId, expired.exchange.id]);
    return;
  }
  judge(book, name, expired, 'expiredCursor', `A cursor used ${cursorTimeout + 1} s after it was issued (cursorTimeout ${cursorTimeout} s)`);
}

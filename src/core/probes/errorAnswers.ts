// What the errors probe shares between its read-only and writing checks: the error answers it met (for the
// body-shape check) and the not-found check every method goes through.
import type { SendResult } from '../http';
import type { ProbeContext } from './context';
import type { FindingBook } from './findingBook';

/** Still throttled or unavailable (429, 502, 503, 504) after the engine's retries, or no answer at all. */
export const UNAVAILABLE = new Set([429, 502, 503, 504]);

/** An answer that proves nothing either way about what a check asks. */
export const inconclusive = (r: { status?: number }): boolean => r.status === undefined || UNAVAILABLE.has(r.status);

export function answerOf(r: SendResult): string {
  if (r.status === undefined) return r.exchange.error?.kind ?? 'no response';
  const t = (r.json as { scimType?: unknown } | undefined)?.scimType;
  return `${r.status}${typeof t === 'string' ? ` ${t}` : ''}`;
}

/** Every error answer the probe met, for the body-shape check at the end. */
export class ErrorAnswers {
  readonly list: SendResult[] = [];
  note(r: SendResult): SendResult {
    if (r.status !== undefined && r.status >= 400) this.list.push(r);
    return r;
  }
}

export async function checkNotFound(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers, method: string, path: string, body?: unknown, sent?: SendResult): Promise<void> {
  const r = sent ?? answers.note(await ctx.send({ method, path, ...(body !== undefined ? { body } : {}) }));
  const name = `${method} of an unknown id is 404`;
  if (r.status === 404) {
    book.check(name, [], '404', [r.exchange.id]);
    return;
  }
  if (inconclusive(r)) {
    book.skip(name, `inconclusive: ${answerOf(r)}`, [r.exchange.id]);
    return;
  }
  const f = book.report('NOT_FOUND_WRONG_STATUS', `${method} of an unknown id answered ${answerOf(r)} instead of 404${r.ok ? ': the client cannot tell that the resource does not exist' : ''}.`, [r.exchange.id], { merge: true });
  book.check(name, [f.code], `answered ${answerOf(r)}`, [r.exchange.id]);
}

// errors: how the application answers what goes wrong. Read-only checks always run (an unknown id, missing and
// wrong credentials, an endpoint it does not support); checks that send writes (duplicates, a user without
// userName, invalid JSON, an unknown PATCH op, PUT/PATCH/DELETE of an unknown id) run only with allowWrites and
// touch only the probe's own users. Every error body is read by the inspector, as `explain` reads it.
import { randomUUID } from 'node:crypto';
import type { SendResult } from '../http';
import { explainResult } from '../inspect';
import type { ProbeContext } from './context';
import { answerOf, checkNotFound, ErrorAnswers, inconclusive } from './errorAnswers';
import { checkWrites } from './errorWrites';
import { FindingBook } from './findingBook';
import type { Probe } from './types';

/** Inspector deviations that mean "this error body is not an RFC 7644 Error message". */
const NOT_SCIM = new Set(['ERROR_BODY_NOT_SCIM', 'ERROR_BODY_NOT_JSON', 'ERROR_BODY_EMPTY', 'SCHEMAS_MISSING', 'ERROR_STATUS_MISSING', 'ERROR_STATUS_NOT_STRING', 'ERROR_STATUS_MISMATCH']);

async function checkCredentials(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers): Promise<void> {
  for (const credentials of ['omit', 'invalid'] as const) {
    const name = credentials === 'omit' ? 'a request without credentials is 401' : 'a wrong credential is 401';
    if (!ctx.app.auth || ctx.app.auth.type === 'none') {
      ctx.check(name, 'skipped', 'the application is registered without auth');
      continue;
    }
    const r = answers.note(await ctx.send({ method: 'GET', path: '/Users', query: { count: 1 } }, { credentials }));
    if (r.status === 401) {
      book.check(name, [], '401', [r.exchange.id]);
      continue;
    }
    if (inconclusive(r)) {
      book.skip(name, `inconclusive: ${answerOf(r)}`, [r.exchange.id]);
      continue;
    }
    const what = credentials === 'omit' ? 'A request without credentials' : 'A request with a wrong credential';
    const f = book.report('UNAUTHORIZED_WRONG_STATUS', r.ok
      ? `${what} was served (${r.status}): the application does not check credentials on GET /Users.`
      : `${what} answered ${answerOf(r)} instead of 401.`, [r.exchange.id], { merge: true, ...(r.ok ? { severity: 'error' as const } : {}) });
    book.check(name, [f.code], `answered ${answerOf(r)}`, [r.exchange.id]);
  }
}

/** RFC 7644 §3.12: a feature the server does not support answers 501. /Me is optional, so it is the probe. */
async function checkUnsupported(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers): Promise<void> {
  const name = 'an unsupported endpoint (/Me) is 501';
  const r = answers.note(await ctx.send({ method: 'GET', path: '/Me' }, { maxRetries: 2 }));
  if (r.status === 501 || r.ok) {
    book.check(name, [], r.ok ? `/Me is supported (${r.status})` : '501', [r.exchange.id]);
    return;
  }
  if (inconclusive(r) || r.status === 401 || r.status === 403) {
    book.skip(name, `inconclusive: /Me answered ${answerOf(r)}`, [r.exchange.id]);
    return;
  }
  const f = book.report('UNSUPPORTED_ENDPOINT_WRONG_STATUS', `GET /Me, which this server does not support, answered ${answerOf(r)} instead of 501 Not Implemented: a client cannot tell "not supported" from "not found".`, [r.exchange.id]);
  book.check(name, [f.code], f.message, [r.exchange.id]);
}

function checkBodies(book: FindingBook, answers: ErrorAnswers): void {
  const name = 'error bodies are SCIM Error messages';
  const bad: { r: SendResult; why: string }[] = [];
  // A gateway's 502 or a 429 on the way is not the application's own error shape.
  const judged = answers.list.filter((x) => !inconclusive(x));
  for (const r of judged) {
    const explanation = explainResult(r);
    const deviation = explanation?.deviations.find((d) => NOT_SCIM.has(d.code));
    if (deviation) bad.push({ r, why: `${r.exchange.request.method} answered ${r.status}: ${deviation.message}` });
  }
  if (bad.length === 0) {
    book.check(name, [], `${judged.length} error answers, each an RFC 7644 Error`, judged.slice(0, 3).map((r) => r.exchange.id));
    return;
  }
  const f = book.report('ERROR_BODY_NOT_SCIM', `${bad.length} of ${judged.length} error answers are not RFC 7644 Error messages; e.g. ${bad[0]?.why}`, bad.slice(0, 6).map((b) => b.r.exchange.id));
  book.check(name, [f.code], f.message, f.evidence);
}

export const errorsProbe: Probe = {
  name: 'errors',
  title: 'Checking error answers',
  writes: 'some',
  async run(ctx) {
    const book = new FindingBook(ctx);
    const answers = new ErrorAnswers();
    const unknown = `/Users/${randomUUID()}`;
    await checkNotFound(ctx, book, answers, 'GET', unknown);
    await checkCredentials(ctx, book, answers);
    await checkUnsupported(ctx, book, answers);
    const wrote = await checkWrites(ctx, book, answers, unknown);
    checkBodies(book, answers);
    ctx.observe('errorAnswers', answers.list.length);
    ctx.observe('statuses', [...new Set(answers.list.map((r) => r.status ?? 0))].sort((a, b) => a - b));
    ctx.summary(`${answers.list.length} error answers${wrote ? '' : ' · writing checks skipped'}`);
  },
};

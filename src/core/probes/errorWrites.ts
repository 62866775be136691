// The errors probe's writing checks, each behind ctx.mayWrite: a duplicate userName (exact and case-variant),
// a user without userName, a body that is not JSON, an unknown PATCH op on the probe's own user, and
// PUT/PATCH/DELETE of an id that does not exist. Every request that could create something is journalled.
import type { SendResult } from '../http';
import { explainResult } from '../inspect';
import { URN } from '../scim/types';
import type { CreatedResource, ProbeContext } from './context';
import { answerOf, checkNotFound, inconclusive, type ErrorAnswers } from './errorAnswers';
import type { FindingBook } from './findingBook';

/** The label part of a probe name in another case (the prefix keeps its case: cleanup only touches the prefix). */
function caseVariantOf(ctx: ProbeContext, name: string): string {
  return ctx.namePrefix + name.slice(ctx.namePrefix.length).toUpperCase();
}

async function checkDuplicates(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers, first: CreatedResource): Promise<void> {
  const name = 'a duplicate userName is 409 uniqueness';
  const dup = await ctx.createUser(first.name);
  answers.note(dup.result);
  const r = dup.result;
  let exactAccepted = false;
  if (inconclusive(r)) {
    book.skip(name, `inconclusive: ${answerOf(r)}`, [r.exchange.id]);
  } else if (r.ok) {
    exactAccepted = true;
    const f = book.report('UNIQUENESS_NOT_ENFORCED', `Creating a second user named "${first.name}" succeeded (${r.status}): the server keeps duplicate userNames.`, [first.result.exchange.id, r.exchange.id]);
    book.check(name, [f.code], f.message, f.evidence);
  } else if (r.status === 409) {
    // The inspector's verdict, so `explain` and the probe agree (a text body is ERROR_BODY_NOT_SCIM instead).
    const explanation = explainResult(r);
    if (explanation?.deviations.some((d) => d.code === 'ERROR_SCIMTYPE_MISSING')) {
      const f = book.report('ERROR_SCIMTYPE_MISSING', 'A duplicate userName answered 409 without scimType "uniqueness" (RFC 7644 §3.3): clients cannot tell a duplicate from other conflicts.', [r.exchange.id], { merge: true });
      book.check(name, [f.code], f.message, [r.exchange.id]);
    } else {
      book.check(name, [], `409${explanation?.scimType ? ` ${explanation.scimType}` : ''}`, [r.exchange.id]);
    }
  } else {
    const f = book.report('UNIQUENESS_WRONG_STATUS', `A duplicate userName was refused with ${answerOf(r)} instead of 409 uniqueness.`, [r.exchange.id], ctx.idpProfile === 'okta' ? { severity: 'error' } : {});
    book.check(name, [f.code], f.message, [r.exchange.id]);
  }
  if (dup.id !== undefined) await ctx.deleteCreated(dup);

  const variantName = 'a case-variant userName is 409 uniqueness';
  const variant = caseVariantOf(ctx, first.name);
  if (exactAccepted || variant === first.name) {
    ctx.check(variantName, 'skipped', exactAccepted ? 'exact duplicates are accepted already (UNIQUENESS_NOT_ENFORCED)' : 'the name has no letters to change');
    return;
  }
  const other = await ctx.createUser(variant);
  answers.note(other.result);
  if (inconclusive(other.result)) book.skip(variantName, `inconclusive: ${answerOf(other.result)}`, [other.result.exchange.id]);
  else if (other.result.ok) {
    const f = book.report('UNIQUENESS_CASE_VARIANT_ACCEPTED', `Creating "${variant}" succeeded although "${first.name}" exists: userName is caseExact=false, so these are the same userName (RFC 7643 §4.1.1).`, [first.result.exchange.id, other.result.exchange.id]);
    book.check(variantName, [f.code], f.message, f.evidence);
  } else {
    book.check(variantName, [], answerOf(other.result), [other.result.exchange.id]);
  }
  if (other.id !== undefined) await ctx.deleteCreated(other);
}

/** A create that should be refused: 4xx passes, 2xx is the finding; what it created is deleted at once. */
async function refusedCreate(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers, name: string, created: CreatedResource, onAccepted: (r: SendResult) => string[]): Promise<void> {
  const r = answers.note(created.result);
  if (inconclusive(r)) book.skip(name, `inconclusive: ${answerOf(r)}`, [r.exchange.id]);
  else if (r.status !== undefined && r.status >= 400 && r.status < 500) book.check(name, [], answerOf(r), [r.exchange.id]);
  else book.check(name, onAccepted(r), `answered ${answerOf(r)}`, [r.exchange.id]);
  if (created.id !== undefined) await ctx.deleteCreated(created);
}

/** Runs the writing checks; false when writes are not allowed (each check then says so). */
export async function checkWrites(ctx: ProbeContext, book: FindingBook, answers: ErrorAnswers, unknownPath: string): Promise<boolean> {
  const names = [
    'a 201 Created carries Location', 'a duplicate userName is 409 uniqueness', 'a case-variant userName is 409 uniqueness',
    'a user without userName is refused', 'a body that is not JSON is 400', 'an unknown PATCH op is 400',
    'PUT of an unknown id is 404', 'PATCH of an unknown id is 404', 'DELETE of an unknown id is 404',
  ];
  if (!ctx.allowWrites) {
    for (const n of names) ctx.mayWrite(n);
    return false;
  }
  const first = await ctx.createUser(ctx.newName('err'));
  if (first.id === undefined) {
    for (const n of names.slice(0, 3)) book.skip(n, `the probe could not create its test user (${answerOf(first.result)})`, [first.result.exchange.id]);
  } else {
    const location = first.result.exchange.response?.headers['location'];
    if (first.result.status === 201 && !location) {
      const f = book.report('CREATE_NO_LOCATION', `POST /Users answered 201 Created without a Location header (RFC 7644 §3.3); clients must read the id from the body.`, [first.result.exchange.id]);
      book.check(names[0] as string, [f.code], f.message, [first.result.exchange.id]);
    } else {
      book.check(names[0] as string, [], location ? `Location: ${location}` : `answered ${first.result.status} (not 201)`, [first.result.exchange.id]);
    }
    await checkDuplicates(ctx, book, answers, first);
  }

  const noUserName = ctx.newName('nousername');
  const body = { schemas: [URN.user], externalId: noUserName, displayName: noUserName, name: { givenName: 'Probe', familyName: noUserName }, active: true };
  await refusedCreate(ctx, book, answers, 'a user without userName is refused', await ctx.sendCreating('Users', noUserName, { method: 'POST', path: '/Users', body }), (r) =>
    [book.report('REQUIRED_ATTRIBUTE_NOT_ENFORCED', `A user without userName (required, RFC 7643 §4.1) was created (${r.status}).`, [r.exchange.id]).code]);

  const broken = ctx.newName('badjson');
  const text = `{"schemas": ["${URN.user}"], "userName": "${broken}",`;
  await refusedCreate(ctx, book, answers, 'a body that is not JSON is 400', await ctx.sendCreating('Users', broken, { method: 'POST', path: '/Users', body: text }), (r) =>
    [book.report('INVALID_JSON_WRONG_STATUS', `A POST whose body is not valid JSON answered ${answerOf(r)} instead of 400${r.ok ? ': the server may have stored something' : ''}.`, [r.exchange.id]).code]);

  const patchName = 'an unknown PATCH op is 400';
  if (first.id === undefined || !ctx.isOwn('Users', first.id)) {
    book.skip(patchName, 'no test user of this run to patch', [first.result.exchange.id]);
  } else {
    const r = answers.note(await ctx.send({ method: 'PATCH', path: `/Users/${encodeURIComponent(first.id)}`, body: { schemas: [URN.patchOp], Operations: [{ op: 'invalid', path: 'displayName', value: 'x' }] } }));
    if (inconclusive(r)) book.skip(patchName, `inconclusive: ${answerOf(r)}`, [r.exchange.id]);
    else if (r.ok) book.check(patchName, [book.report('PATCH_INVALID_OP_ACCEPTED', `A PATCH with the op "invalid" answered ${r.status}: the server does not reject operations it does not know.`, [r.exchange.id]).code], `answered ${answerOf(r)}`, [r.exchange.id]);
    else book.check(patchName, [], answerOf(r), [r.exchange.id]);
  }
  if (first.id !== undefined) await ctx.deleteCreated(first);

  // PUT may create at an unknown id on servers that upsert: journalled like a create.
  const putName = ctx.newName('put');
  const put = await ctx.sendCreating('Users', putName, { method: 'PUT', path: unknownPath, body: { schemas: [URN.user], userName: putName, active: true } });
  await checkNotFound(ctx, book, answers, 'PUT', unknownPath, undefined, answers.note(put.result));
  if (put.id !== undefined) await ctx.deleteCreated(put);
  await checkNotFound(ctx, book, answers, 'PATCH', unknownPath, { schemas: [URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] });
  await checkNotFound(ctx, book, answers, 'DELETE', unknownPath);
  return true;
}

// lifecycle: replays the requests an IdP sends while it provisions a user, in the style of the registry's
// `probe.idpProfile` (see idpProfiles.ts for the documented forms), and reports where the application would break
// that IdP. rfc: filter, create, read, PATCH update, deactivate, group push, DELETE. entra: the same with
// capitalised ops and string booleans, its e-mail value path and (with its compliance flag) a path-less replace
// with dotted keys, groups read with excludedAttributes=members. okta: lookup with startIndex=1&count=100, GET
// then PUT updates, path-less deactivation and group rename, no DELETE.
import type { CreatedResource, ProbeContext } from './context';
import { PATCH_FEATURES, eqFilter, idpStyle, withFeatures, type PatchOperation } from './idpProfiles';
import { LifecycleRun, userBody } from './lifecycleSteps';
import { outcome, readOwn, refused, resourcesOf } from './ownResources';
import type { Probe } from './types';

/** Entra's update: a capitalised Replace, its e-mail value path, then (compliance flag) a path-less dotted replace. */
async function entraUpdates(run: LifecycleRun, user: CreatedResource): Promise<void> {
  const familyName = 'Updated';
  const rfcOp: PatchOperation = { op: 'replace', path: 'name.familyName', value: familyName };
  const asEntra = await run.patchUpdate(user, withFeatures([rfcOp], ['capitalisedOps']), 'name.familyName', familyName);
  let capitalsWork = asEntra.applied;
  if (asEntra.applied) {
    run.pass('update (capitalised "Replace")', `answered ${asEntra.sent.status}; the change reads back`, asEntra.evidence);
  } else {
    const rfc = await run.patchUpdate(user, [rfcOp], 'name.familyName', familyName);
    const evidence = [...asEntra.evidence, ...rfc.evidence];
    if (!rfc.applied) {
      run.fail('update (capitalised "Replace")', 'LIFECYCLE_STEP_FAILED', `A PATCH of name.familyName failed in Entra's form (${outcome(asEntra.sent)}) and in the RFC form (${outcome(rfc.sent)}).`, evidence);
      return;
    }
    const kind = refused(asEntra.sent) ? 'rejected' : 'ignored';
    run.fail('update (capitalised "Replace")', PATCH_FEATURES.capitalisedOps[kind],
      `Entra updates with "op": "Replace"; the server ${kind === 'rejected' ? `answered ${outcome(asEntra.sent)}` : `answered ${asEntra.sent.status} but name.familyName did not change`}, while the same update with "op": "replace" took effect.`,
      evidence, 'error');
    capitalsWork = false;
  }

  const email = `updated-${user.name}@example.com`;
  const emailOp: PatchOperation = { op: 'replace', path: 'emails[type eq "work"].value', value: email };
  const emailAsEntra = await run.patchUpdate(user, withFeatures([emailOp], capitalsWork ? ['capitalisedOps'] : []), emailOp.path as string, email);
  if (emailAsEntra.applied) {
    run.pass('update e-mail (emails[type eq "work"].value)', `answered ${emailAsEntra.sent.status}; the change reads back`, emailAsEntra.evidence);
  } else if (refused(emailAsEntra.sent)) {
    run.fail('update e-mail (emails[type eq "work"].value)', 'PATCH_FILTERED_PATH_REJECTED', `Entra changes e-mail addresses with the path emails[type eq "work"].value; the server answered ${outcome(emailAsEntra.sent)}.`, emailAsEntra.evidence, 'error');
  } else {
    run.fail('update e-mail (emails[type eq "work"].value)', 'LIFECYCLE_STEP_FAILED', `Entra's e-mail update (path emails[type eq "work"].value) answered ${outcome(emailAsEntra.sent)} but the work e-mail did not change.`, emailAsEntra.evidence);
  }

  const given = 'Dotted';
  const dotted = await run.patchUpdate(user, [{ op: 'replace', value: { 'name.givenName': given, displayName: `Probe ${given}` } }], 'name.givenName', given);
  if (dotted.applied) {
    run.pass('update (path-less replace with dotted keys)', `answered ${dotted.sent.status}; name.givenName reads back`, dotted.evidence);
  } else {
    run.fail('update (path-less replace with dotted keys)', 'PATCH_PATHLESS_REJECTED', `With its SCIM compliance flag, Entra sends a path-less replace whose value has dotted keys ("name.givenName"); the server ${dotted.sent.ok ? `answered ${dotted.sent.status} but name.givenName did not change` : `answered ${outcome(dotted.sent)}`}.`, dotted.evidence);
  }
}

async function rfcUpdate(run: LifecycleRun, user: CreatedResource): Promise<void> {
  const familyName = 'Updated';
  const r = await run.patchUpdate(user, [{ op: 'replace', path: 'name.familyName', value: familyName }], 'name.familyName', familyName);
  if (r.applied) {
    run.pass('update (PATCH replace)', `answered ${r.sent.status}; the change reads back`, r.evidence);
    return;
  }
  if (run.ctx.claims?.patch === false) {
    run.ctx.check('update (PATCH replace)', 'skipped', `answered ${outcome(r.sent)}, as ServiceProviderConfig says PATCH is not supported; updating with PUT instead`, { evidence: r.evidence });
    await run.putUpdate('update (PUT)', user, familyName);
    return;
  }
  run.fail('update (PATCH replace)', 'LIFECYCLE_STEP_FAILED', `A PATCH replace of name.familyName ${r.sent.ok ? `answered ${r.sent.status} but did not take effect` : `answered ${outcome(r.sent)}`}.`, r.evidence);
}

async function deleteUser(run: LifecycleRun, user: CreatedResource): Promise<void> {
  const before = await readOwn(run.ctx, user);
  if (before.status === 404) {
    run.ctx.forget(user);
    run.ctx.check('delete the user', 'skipped', 'deactivation already removed the user', { evidence: [before.exchange.id] });
    return;
  }
  const del = await run.ctx.deleteCreated(user);
  if (!del) return;
  const after = await run.ctx.send({ method: 'GET', path: `/Users/${encodeURIComponent(user.id as string)}` });
  const evidence = [del.exchange.id, after.exchange.id];
  if (del.ok && after.status === 404) run.pass('delete the user', `DELETE answered ${del.status}; GET answers 404`, evidence);
  else run.fail('delete the user', 'LIFECYCLE_STEP_FAILED', `DELETE answered ${outcome(del)} and a GET afterwards ${outcome(after)}: the IdP cannot remove users.`, evidence);
}

async function replay(ctx: ProbeContext, run: LifecycleRun): Promise<void> {
  const style = run.style;
  const userName = ctx.newName('lifecycle');
  ctx.progress('looking the user up', 0, 6);
  await run.lookup('look up the user', style.userLookup(userName), 'user');
  const user = await run.create('create the user', 'Users', userBody(style, userName));
  if (!user) return;
  ctx.progress('reading it back', 1, 6);
  await run.read('read the user', user);
  ctx.progress('updating it', 2, 6);
  if (style.profile === 'entra') await entraUpdates(run, user);
  else if (style.profile === 'okta') await run.putUpdate('update (GET, then PUT)', user, 'Updated');
  else await rfcUpdate(run, user);
  ctx.progress('pushing a group', 3, 6);
  await run.groupPush(user);
  ctx.progress('deactivating', 4, 6);
  await run.deactivate(user);
  if (style.profile === 'rfc') {
    ctx.progress('deleting', 5, 6);
    await deleteUser(run, user);
  } else {
    await findDeactivated(run, user, userName);
  }
}

/** Entra and Okta leave deactivated users in place: the IdP's own lookup must still find it, or it creates a duplicate. */
async function findDeactivated(run: LifecycleRun, user: CreatedResource, userName: string): Promise<void> {
  const { ctx, style } = run;
  const step = 'find the deactivated user';
  const found = await ctx.send(style.userLookup(userName));
  const read = await readOwn(ctx, user);
  const evidence = [found.exchange.id, read.exchange.id];
  if (read.status === 404) {
    ctx.forget(user);
    run.fail(step, 'DEACTIVATED_USER_NOT_READABLE', `After ${style.name}'s deactivation the user reads 404: the application deleted it, and ${style.name} expects it to stay readable.`, evidence);
    return;
  }
  if (found.ok && resourcesOf(found).some((r) => r['id'] === user.id)) {
    run.pass(step, 'still found by the IdP\'s lookup', evidence);
    return;
  }
  // Okta pages its lookup from startIndex=1: a server that reads startIndex as an offset skips the only match.
  const plain = style.profile === 'okta' ? await ctx.send({ method: 'GET', path: '/Users', query: { filter: eqFilter('userName', userName) } }) : undefined;
  if (plain?.ok && resourcesOf(plain).some((r) => r['id'] === user.id)) {
    run.fail(step, 'START_INDEX_NOT_ONE_BASED', `Okta's lookup (${eqFilter('userName', userName)} with startIndex=1&count=100) answered ${outcome(found)} without the user, while the same filter without startIndex finds it: startIndex is read 0-based, so Okta would create a duplicate.`, [...evidence, plain.exchange.id]);
    return;
  }
  run.fail(step, 'LIFECYCLE_STEP_FAILED', `After deactivation ${style.name}'s lookup (${eqFilter('userName', userName)}) answered ${outcome(found)} without the user: the IdP would create a duplicate on re-assignment.`, [...evidence, ...(plain ? [plain.exchange.id] : [])]);
}

export const lifecycleProbe: Probe = {
  name: 'lifecycle',
  title: 'Replaying an IdP\'s provisioning sequence',
  writes: 'always',
  needs: ['discovery'],
  async run(ctx) {
    const style = idpStyle(ctx.idpProfile);
    const run = new LifecycleRun(ctx, style);
    await replay(ctx, run);
    ctx.observe('idpProfile', style.profile);
    ctx.observe('stepsFailed', run.failures);
    ctx.summary(run.failures === 0 ? `${style.name}: every step works` : `${style.name}: ${run.failures} step${run.failures === 1 ? '' : 's'} would break`);
  },
};

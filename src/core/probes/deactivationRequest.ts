// Sends a deactivation the way the chosen IdP does, and when the server refuses it (or answers 2xx and changes
// nothing) finds out which of the IdP's departures from the RFC form is to blame, by sending each on its own.
// It then deactivates the RFC way, so the deactivation probe can still measure the contract.
import type { SendResult } from '../http';
import type { CreatedResource, ProbeContext } from './context';
import {
  PATCH_FEATURES, RFC_DEACTIVATE, RFC_REACTIVATE, featureSeverity, patchBody, withFeatures, type IdpStyle, type PatchFeature,
} from './idpProfiles';
import { attr, bodyOf, outcome, patchOwn, putOwn, readOwn, refused } from './ownResources';

export interface DeactivationSent {
  /** When the request that deactivated the user was sent (epoch ms of the run's clock). */
  sentAt: number;
  /** Which form did it: the IdP's own, the IdP's with only one departure from the RFC form, the RFC PATCH, or a PUT. */
  via: 'profile' | 'partial' | 'rfc' | 'put';
  /** The exchanges that sent it (and diagnosed the IdP's form). */
  evidence: string[];
  /** Codes reported while diagnosing. */
  codes: string[];
}

/** After a deactivation request: gone (404) or `active: false` means it took effect. */
export function deactivatedIn(read: SendResult): boolean {
  return read.status === 404 || (read.ok && attr(bodyOf(read), 'active') === false);
}

export interface DiagnoseOptions {
  /** Codes another probe of this run already reported: the check names them instead of repeating them. */
  alreadyReported?: ReadonlySet<string>;
}

/**
 * Deactivates `user` in `style`'s form. Returns undefined when the server refused every form (a check and a
 * finding say so).
 */
export async function deactivateAsIdp(ctx: ProbeContext, user: CreatedResource, style: IdpStyle, opts: DiagnoseOptions = {}): Promise<DeactivationSent | undefined> {
  const features = style.deactivationFeatures;
  const codes: string[] = [];
  const report = (feature: PatchFeature, kind: 'rejected' | 'ignored', message: string, evidence: string[]): void => {
    const code = PATCH_FEATURES[feature][kind];
    codes.push(code);
    if (opts.alreadyReported?.has(code)) return;
    const severity = featureSeverity(style, feature);
    ctx.finding(code, message, evidence, severity ? { severity } : {});
  };
  const send = (fs: readonly PatchFeature[]): Promise<SendResult> => patchOwn(ctx, user, patchBody(...withFeatures(RFC_DEACTIVATE, fs)));

  if (features.length === 0) return rfcDeactivation(ctx, user, [], codes);

  const t0 = ctx.now();
  const asIdp = await send(features);
  const first = await readOwn(ctx, user);
  const evidence = [asIdp.exchange.id, first.exchange.id];
  if (asIdp.ok && deactivatedIn(first)) {
    ctx.check(`deactivate as ${style.name}`, 'pass', `${style.name}'s deactivation answered ${asIdp.status} and took effect`, { evidence });
    return { sentAt: t0, via: 'profile', evidence, codes };
  }

  if (refused(asIdp)) {
    // Each departure alone: a refused one is to blame. An accepted one may already deactivate (or delete) the
    // user; then the remaining departures can only be blamed by elimination, and no RFC request is needed.
    let took: { at: number; gone: boolean } | undefined;
    const accepted: PatchFeature[] = [];
    if (features.length === 1) {
      const f = features[0] as PatchFeature;
      report(f, 'rejected', `${style.name} deactivates with ${PATCH_FEATURES[f].label}; the server answered ${outcome(asIdp)}.`, [asIdp.exchange.id]);
    } else {
      for (const f of features) {
        if (took?.gone) break;
        const at = ctx.now();
        const alone = await send([f]);
        evidence.push(alone.exchange.id);
        if (refused(alone)) {
          report(f, 'rejected', `${style.name} deactivates with ${PATCH_FEATURES[f].label}; the server answered ${outcome(asIdp)}, and ${outcome(alone)} when only that departs from the RFC form.`, [asIdp.exchange.id, alone.exchange.id]);
          continue;
        }
        accepted.push(f);
        const read = await readOwn(ctx, user);
        evidence.push(read.exchange.id);
        if (alone.ok && deactivatedIn(read)) took ??= { at, gone: read.status === 404 };
      }
      const untested = features.filter((f) => !accepted.includes(f) && !codes.includes(PATCH_FEATURES[f].rejected));
      const blamed = codes.length > 0;
      for (const f of blamed ? [] : untested.length ? untested : [features[0] as PatchFeature]) {
        report(f, 'rejected', `${style.name}'s deactivation was answered ${outcome(asIdp)}; ${accepted.length ? `with only ${accepted.map((a) => PATCH_FEATURES[a].label).join(' and ')} departing from the RFC form it was accepted, so ${PATCH_FEATURES[f].label} is to blame` : 'each departure from the RFC form alone is accepted'}.`, [asIdp.exchange.id, ...evidence.slice(2)]);
      }
    }
    ctx.check(`deactivate as ${style.name}`, 'fail', `answered ${outcome(asIdp)}; ${took ? 'a form with one departure from the RFC form took effect' : 'deactivating the RFC way instead to measure the contract'}`, { codes, evidence });
    if (took) return { sentAt: took.at, via: 'partial', evidence, codes };
    return rfcDeactivation(ctx, user, evidence, codes);
  }

  // 2xx (or a server failure) without effect: either the form was dropped, or the contract is delayed or
  // locked-only. The RFC form tells them apart: if it takes effect at once, the IdP's form did nothing.
  const rfc = await send([]);
  const tRfc = ctx.now();
  const second = await readOwn(ctx, user);
  evidence.push(rfc.exchange.id, second.exchange.id);
  if (!(rfc.ok && deactivatedIn(second))) {
    ctx.check(`deactivate as ${style.name}`, asIdp.ok ? 'pass' : 'warn', asIdp.ok
      ? `answered ${asIdp.status}; the user still reads active, and so it does after the RFC form too: the observation decides`
      : `answered ${outcome(asIdp)}; deactivated the RFC way instead`, { evidence });
    if (!asIdp.ok && !rfc.ok) return putDeactivation(ctx, user, evidence, codes);
    return { sentAt: asIdp.ok ? t0 : tRfc, via: asIdp.ok ? 'profile' : 'rfc', evidence, codes };
  }
  if (!asIdp.ok) {
    ctx.check(`deactivate as ${style.name}`, 'warn', `answered ${outcome(asIdp)}; deactivated the RFC way instead`, { evidence });
    return { sentAt: tRfc, via: 'rfc', evidence, codes };
  }
  if (features.length === 1) {
    const f = features[0] as PatchFeature;
    report(f, 'ignored', `${style.name} deactivates with ${PATCH_FEATURES[f].label}: the server answered ${asIdp.status} but the user stayed active, while the RFC form took effect at once.`, [asIdp.exchange.id, first.exchange.id, rfc.exchange.id, second.exchange.id]);
  } else {
    // Reactivate, then try each departure alone; each one that deactivates is undone before the next.
    for (const f of features) {
      const back = await patchOwn(ctx, user, patchBody(...RFC_REACTIVATE));
      evidence.push(back.exchange.id);
      const alone = await send([f]);
      const read = await readOwn(ctx, user);
      evidence.push(alone.exchange.id, read.exchange.id);
      if (refused(alone)) {
        report(f, 'rejected', `${style.name} deactivates with ${PATCH_FEATURES[f].label}; with only that departing from the RFC form the server answered ${outcome(alone)}.`, [asIdp.exchange.id, alone.exchange.id]);
      } else if (alone.ok && !deactivatedIn(read)) {
        report(f, 'ignored', `${style.name} deactivates with ${PATCH_FEATURES[f].label}: with only that departing from the RFC form the server answered ${alone.status} but the user stayed active (the RFC form takes effect at once).`, [asIdp.exchange.id, first.exchange.id, alone.exchange.id, read.exchange.id]);
      }
    }
  }
  ctx.check(`deactivate as ${style.name}`, 'fail', `answered ${asIdp.status} but changed nothing; deactivated the RFC way instead`, { codes, evidence });
  const again = await send([]);
  evidence.push(again.exchange.id);
  return { sentAt: ctx.now(), via: 'rfc', evidence, codes };
}

async function rfcDeactivation(ctx: ProbeContext, user: CreatedResource, evidence: string[], codes: string[]): Promise<DeactivationSent | undefined> {
  const t = ctx.now();
  const r = await patchOwn(ctx, user, patchBody(...RFC_DEACTIVATE));
  evidence.push(r.exchange.id);
  if (r.ok) {
    ctx.check('deactivate (RFC PATCH)', 'pass', `PATCH replace active=false answered ${r.status}`, { evidence: [r.exchange.id] });
    return { sentAt: t, via: 'rfc', evidence, codes };
  }
  ctx.check('deactivate (RFC PATCH)', 'warn', `answered ${outcome(r)}; trying PUT with active=false`, { evidence: [r.exchange.id] });
  return putDeactivation(ctx, user, evidence, codes);
}

/** Some applications take no PATCH at all (Okta's wizard-built ones deactivate with PUT). */
async function putDeactivation(ctx: ProbeContext, user: CreatedResource, evidence: string[], codes: string[]): Promise<DeactivationSent | undefined> {
  const current = await readOwn(ctx, user);
  evidence.push(current.exchange.id);
  const body = bodyOf(current);
  if (current.ok && body) {
    const t = ctx.now();
    const { meta: _meta, ...rest } = body;
    const put = await putOwn(ctx, user, { ...rest, active: false });
    evidence.push(put.exchange.id);
    if (put.ok) {
      ctx.check('deactivate (PUT)', 'pass', `PUT with active=false answered ${put.status}`, { evidence: [put.exchange.id] });
      return { sentAt: t, via: 'put', evidence, codes };
    }
  }
  const f = ctx.finding('LIFECYCLE_STEP_FAILED', 'The server refused to deactivate the test user with PATCH (RFC form) and with PUT active=false: an IdP cannot offboard users here.', evidence);
  ctx.check('deactivate (PUT)', 'fail', f.message, { codes: [f.code], evidence });
  return undefined;
}

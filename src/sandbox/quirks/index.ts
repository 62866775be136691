// The quirk layer: express middleware around the RFC core. `outer` quirks run before authentication and shape
// every response (errors, 401s, Location) or refuse requests early (rate limit, faults); `inner` quirks run on
// authenticated requests and rewrite them (and their responses) before and after the core.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { stringBooleanQuirk } from './booleans';
import { cursorQuirk } from './cursor';
import { deactivationQuirk } from './deactivation';
import { discoveryQuirk } from './discovery';
import { errorShapeQuirk } from './errors';
import { faultQuirk } from './faults';
import { filterQuirk } from './filters';
import { groupQuirks } from './groups';
import { locationQuirk } from './location';
import { pagingQuirk } from './paging';
import { patchOpsQuirk } from './patchOps';
import { rateLimitQuirk } from './rateLimit';
import { unauthorizedQuirk } from './unauthorized';
import { unknownIdQuirk } from './unknownId';
import { unsupportedQuirk } from './unsupported';
import { userWriteQuirk } from './userWrites';

function present(list: (RequestHandler | undefined)[]): RequestHandler[] {
  return list.filter((h): h is RequestHandler => h !== undefined);
}

export function outerQuirks(app: AppRuntime): RequestHandler[] {
  return present([errorShapeQuirk(app.quirks), unauthorizedQuirk(app), locationQuirk(app.quirks), rateLimitQuirk(app), faultQuirk(app)]);
}

export function innerQuirks(app: AppRuntime): RequestHandler[] {
  return present([
    discoveryQuirk(app),
    unsupportedQuirk(app),
    unknownIdQuirk(app),
    filterQuirk(app),
    pagingQuirk(app),
    cursorQuirk(app),
    userWriteQuirk(app),
    stringBooleanQuirk(app),
    patchOpsQuirk(app),
    ...groupQuirks(app),
    deactivationQuirk(app),
  ]);
}

export * from './types';

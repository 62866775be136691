// PUT, PATCH and DELETE on an id that does not exist: RFC 7644 §3.12 answers 404; some services answer 400, and
// some answer 200 as if something had happened. GET of an unknown id stays 404.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { resourceTarget } from './requestUtil';

export function unknownIdQuirk(app: AppRuntime): RequestHandler | undefined {
  const status = app.quirks.unknownIdWriteStatus;
  if (status === 404) return undefined;
  return (req, res, next) => {
    if (!['PUT', 'PATCH', 'DELETE'].includes(req.method)) return next();
    const target = resourceTarget(req);
    if (!target?.id || (target.collection === 'Users' ? app.users : app.groups).get(target.id)) return next();
    if (status === 400) return sendError(res, 400, 'invalidValue', `Invalid ${target.collection === 'Users' ? 'user' : 'group'} id ${target.id}`);
    res.status(200).send();
  };
}

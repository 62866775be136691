// PATCH quirks: capitalised ops ("Replace", Entra's default) applied, rejected, or answered as a success while
// nothing changes; path-less add/replace rejected; value-filtered paths (`emails[type eq "work"].value`)
// rejected, as GitHub does.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { patchOperations } from './requestUtil';

export function patchOpsQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.capitalisedPatchOps === 'accept' && q.pathlessPatch === 'accept' && q.filteredPatchPaths === 'accept') return undefined;
  return (req, res, next) => {
    let ops = patchOperations(req);
    if (!ops) return next();
    if (q.capitalisedPatchOps !== 'accept') {
      const capitalised = ops.filter((o) => typeof o.op === 'string' && o.op !== o.op.toLowerCase());
      if (capitalised.length > 0 && q.capitalisedPatchOps === 'reject') {
        const op = String(capitalised[0]?.op);
        return sendError(res, 400, 'invalidSyntax', `Invalid operation '${op}'; expected one of add, remove, replace`);
      }
      if (capitalised.length > 0) {
        ops = ops.filter((o) => !capitalised.includes(o));
        if (ops.length === 0) {
          // Nothing left to apply: answer like a successful PATCH by returning the unchanged resource.
          req.method = 'GET';
          req.body = undefined;
          return next();
        }
        (req.body as { Operations: unknown[] }).Operations = ops;
      }
    }
    for (const o of ops) {
      const op = typeof o.op === 'string' ? o.op.toLowerCase() : '';
      if (q.pathlessPatch === 'reject' && op !== 'remove' && (o.path === undefined || o.path === '')) {
        return sendError(res, 400, 'invalidPath', `A '${op}' operation needs a path`);
      }
      if (q.filteredPatchPaths === 'reject' && typeof o.path === 'string' && o.path.includes('[')) {
        return sendError(res, 400, 'invalidPath', `Filtered paths are not supported: ${o.path}`);
      }
    }
    next();
  };
}

// PATCH quirks: capitalised ops ("Replace", Entra's default) applied, rejected, or answered as a success while
// nothing changes; unknown ops skipped instead of rejected; path-less add/replace rejected; value-filtered paths
// (`emails[type eq "work"].value`) rejected, as GitHub does.
import type { Request, RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { patchOperations, type PatchOperation } from './requestUtil';

const KNOWN_OPS = /^(add|remove|replace)$/i;

/** Drops the operations `drop` selects; when none is left the request reads the resource, which answers the way
 *  a successful PATCH does: 200 with the unchanged resource. Returns the operations kept, or undefined. */
export function dropOperations(req: Request, ops: PatchOperation[], drop: (o: PatchOperation) => boolean): PatchOperation[] | undefined {
  const kept = ops.filter((o) => !drop(o));
  if (kept.length === ops.length) return ops;
  if (kept.length === 0) {
    req.method = 'GET';
    req.body = undefined;
    return undefined;
  }
  (req.body as { Operations: unknown[] }).Operations = kept;
  return kept;
}

export function patchOpsQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.capitalisedPatchOps === 'accept' && q.invalidPatchOps === 'reject' && q.pathlessPatch === 'accept' && q.filteredPatchPaths === 'accept') return undefined;
  return (req, res, next) => {
    let ops = patchOperations(req);
    if (!ops) return next();
    if (q.invalidPatchOps === 'ignore') {
      ops = dropOperations(req, ops, (o) => typeof o.op !== 'string' || !KNOWN_OPS.test(o.op));
      if (!ops) return next();
    }
    if (q.capitalisedPatchOps !== 'accept') {
      const capitalised = ops.filter((o) => typeof o.op === 'string' && o.op !== o.op.toLowerCase());
      if (capitalised.length > 0 && q.capitalisedPatchOps === 'reject') {
        const op = String(capitalised[0]?.op);
        return sendError(res, 400, 'invalidSyntax', `Invalid operation '${op}'; expected one of add, remove, replace`);
      }
      ops = dropOperations(req, ops, (o) => capitalised.includes(o));
      if (!ops) return next();
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

// Filter quirks: a restricted operator set (400 invalidFilter for the rest), filters on unsupported attributes
// dropped silently, what a malformed filter gets (the RFC's 400, a 200 with nothing, a 200 with everything, or a
// 500), and a 404 for a filter that matches nothing. (Case-sensitive comparison lives in the engine's lookup.)
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { LIST_URN, isListBody, onResponse, sendError } from '../http';
import { attributesUsed, compileFilter, operatorsUsed } from '../filterEngine';
import { isListRequest, readQuery, writeQuery } from './requestUtil';

export function filterQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.filterOperators === 'all' && q.filterAttributes === 'all' && q.malformedFilter === 'invalidFilter' && q.noMatchStatus === 200) return undefined;
  const allowed = q.filterOperators === 'all' ? undefined : new Set<string>(q.filterOperators);
  const attributes = q.filterAttributes === 'all' ? undefined : new Set(q.filterAttributes.map((a) => a.toLowerCase()));
  return (req, res, next) => {
    if (!isListRequest(req)) return next();
    const params = readQuery(req);
    const text = params.get('filter');
    if (text === null) return next();
    const compiled = compileFilter(text);
    if (!compiled.ok) {
      switch (q.malformedFilter) {
        case 'invalidFilter':
          return next();
        case 'emptyList':
          res.status(200).json({ schemas: [LIST_URN], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
          return;
        case 'fullList':
          params.delete('filter');
          writeQuery(req, params);
          return next();
        case 'serverError':
          return sendError(res, 500, undefined, 'Internal server error');
      }
    }
    if (allowed) {
      const unsupported = [...operatorsUsed(compiled.ast)].filter((op) => !allowed.has(op));
      if (unsupported.length > 0) {
        return sendError(res, 400, 'invalidFilter',
          `Unsupported filter operator${unsupported.length > 1 ? 's' : ''} ${unsupported.map((o) => `'${o}'`).join(', ')}; supported: ${[...allowed].join(', ')}`);
      }
    }
    if (attributes && [...attributesUsed(compiled.ast)].some((a) => !attributes.has(a))) {
      // The whole filter goes: a server that cannot filter on an attribute and says nothing.
      params.delete('filter');
      writeQuery(req, params);
      return next();
    }
    if (q.noMatchStatus === 404) {
      onResponse(res, (out) => {
        if (out.status !== 200 || !isListBody(out.body) || Number(out.body['totalResults']) !== 0) return;
        return { status: 404, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'No resources match the filter' } };
      });
    }
    next();
  };
}

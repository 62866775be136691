// Filter quirks: a restricted operator set (400 invalidFilter for the rest), and what a malformed filter gets:
// the RFC's 400, a 200 with nothing, a 200 with everything (the filter dropped), or a 500.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { LIST_URN, sendError } from '../http';
import { compileFilter, operatorsUsed } from '../filterEngine';
import { isListRequest, readQuery, writeQuery } from './requestUtil';

export function filterQuirk(app: AppRuntime): RequestHandler | undefined {
  const q = app.quirks;
  if (q.filterOperators === 'all' && q.malformedFilter === 'invalidFilter') return undefined;
  const allowed = q.filterOperators === 'all' ? undefined : new Set<string>(q.filterOperators);
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
    next();
  };
}

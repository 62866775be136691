// explainResponse: one explanation of what a server answered, for the CLI, the runner, hovers and probes.
import type { SendResult } from '../http/types';
import { headerValue, retryAfterSeconds, type HeaderBag } from '../http/retryAfter';
import type { Application } from '../registry/model';
import { prop, shapeOfBody } from './bodyShape';
import { categoryOfStatus, DUPLICATE_WORDING, isRetryable, meaningOf, refineByWording, scimTypeInfo } from './category';
import { deviationsOf } from './deviations';
import { registryMatches, type RegistryMatch } from './registryMatch';
import type { Category, Explanation } from './types';

export interface ExplainOptions {
  /** Clock for HTTP-date Retry-After values (tests). */
  now?: number;
}

const RETRY_BODY_FIELDS = ['retryAfter', 'retry_after', 'retryAfterSeconds', 'Retry-After'];

/**
 * Explains a response. `headers` undefined means "not known" (a body pasted on its own): header-based checks
 * such as RETRY_AFTER_MISSING are then skipped. `body` is the text as received, or an already parsed value.
 */
export function explainResponse(
  status: number | null | undefined,
  headers: HeaderBag | undefined,
  body: unknown,
  application?: Application,
  options: ExplainOptions = {},
): Explanation {
  const shape = shapeOfBody(body, headerValue(headers, 'content-type'));
  let httpStatus = status ?? null;
  if (httpStatus === null) {
    const fromBody = Number(shape.bodyStatus);
    if (Number.isInteger(fromBody) && fromBody >= 100 && fromBody <= 599) httpStatus = fromBody;
    else if (shape.textStatus !== undefined) httpStatus = shape.textStatus;
  }
  const rawScimType = shape.error ? prop(shape.error, 'scimType') : undefined;
  const scimType = typeof rawScimType === 'string' && rawScimType.trim() !== '' ? rawScimType.trim() : null;
  const detail = shape.detail ?? null;
  const info = scimTypeInfo(scimType);

  let category: Category;
  if (info && (httpStatus === null || info.statuses.includes(httpStatus) || httpStatus === 400)) category = info.category;
  else if (httpStatus !== null) category = categoryOfStatus(httpStatus);
  else category = 'unknown';
  const wording = detail ?? shape.text ?? null;
  const duplicateAsInvalidValue = category === 'invalidValue' && wording !== null && DUPLICATE_WORDING.test(wording);
  if (httpStatus === null || httpStatus >= 400) category = refineByWording(category, wording, httpStatus !== null);

  const now = options.now ?? Date.now();
  let retryAfter = retryAfterSeconds(headers, httpStatus ?? undefined, now) ?? null;
  if (retryAfter === null && shape.error) retryAfter = bodyRetryAfter(shape.error, shape.vendorFields);

  const deviations = deviationsOf(shape, httpStatus, scimType, headers);
  const matches = registryMatches(application, { status: httpStatus, scimType, text: wording, codes: deviations.map((d) => d.code), category });
  return {
    status: httpStatus,
    bodyKind: shape.bodyKind,
    bodySource: shape.bodySource,
    category,
    scimType,
    detail,
    meaning: meaningOf(category, { duplicateAsInvalidValue, status: httpStatus }),
    retryable: registryRetry(application, matches) ?? isRetryable(httpStatus, category),
    retryAfterSeconds: retryAfter,
    deviations,
    vendorFields: shape.vendorFields,
    registryMatches: matches,
  };
}

/** A response the engine returned (the whole body, not the transcript's possibly shortened copy). */
export function explainResult(result: SendResult, application?: Application, options?: ExplainOptions): Explanation | null {
  const res = result.exchange.response;
  if (!res) return null;
  return explainResponse(res.status, res.headers, result.text, application, options);
}

function bodyRetryAfter(error: Record<string, unknown>, vendorFields: Record<string, unknown>): number | null {
  for (const f of RETRY_BODY_FIELDS) {
    const v = prop(error, f) ?? prop(vendorFields, f);
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : undefined;
    if (n !== undefined && n >= 0) return n;
  }
  return null;
}

/** The registry's own verdict on retrying this error: `retry` of the most specific matching `errors` entry. */
function registryRetry(app: Application | undefined, matches: readonly RegistryMatch[]): boolean | undefined {
  for (const m of matches) {
    const retry = m.kind === 'error' ? app?.errors?.[m.index]?.retry : undefined;
    if (typeof retry === 'boolean') return retry;
  }
  return undefined;
}

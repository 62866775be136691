// One word for what an error is: from `scimType` when present and consistent with the status, else from the
// HTTP status, else from the wording of the detail (vendors report duplicates as 400 invalidValue, rate limits
// as 403). Each category comes with what it means and what to do.
import type { Category } from './types';

/** RFC 7644 Table 9 (and the cursor-pagination additions): category and the statuses each scimType belongs to. */
export const SCIM_TYPE_INFO: Readonly<Record<string, { name: string; category: Category; statuses: readonly number[] }>> = Object.fromEntries(
  ([
    ['invalidFilter', 'invalidFilter', [400]],
    ['tooMany', 'tooMany', [400]],
    ['uniqueness', 'uniqueness', [409]],
    ['mutability', 'mutability', [400]],
    ['invalidSyntax', 'invalidSyntax', [400]],
    ['invalidPath', 'invalidPath', [400]],
    ['noTarget', 'noTarget', [400]],
    ['invalidValue', 'invalidValue', [400]],
    ['invalidVers', 'invalidVersion', [400]],
    ['sensitive', 'sensitive', [403, 400]],
    ['invalidCursor', 'invalidCursor', [400]],
    ['expiredCursor', 'expiredCursor', [400]],
    ['invalidCount', 'invalidCount', [400]],
  ] as const).map(([name, category, statuses]) => [name.toLowerCase(), { name, category, statuses }]),
);

export function scimTypeInfo(scimType: string | null): (typeof SCIM_TYPE_INFO)[string] | undefined {
  return scimType === null ? undefined : SCIM_TYPE_INFO[scimType.trim().toLowerCase()];
}

export function categoryOfStatus(status: number): Category {
  if (status === 400) return 'badRequest';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 405 || status === 501) return 'methodNotAllowed';
  if (status === 408) return 'unavailable';
  if (status === 409) return 'conflict';
  if (status === 412) return 'preconditionFailed';
  if (status === 413) return 'payloadTooLarge';
  if (status === 429) return 'rateLimited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'serverError';
  if (status >= 400) return 'badRequest';
  return 'unknown';
}

export const DUPLICATE_WORDING = /already exist|already in use|already taken|already been taken|already registered|duplicate|not unique|must be unique|uniqueness|conflicts? with an? existing/i;
const RATE_WORDING = /rate.?limit|too many requests|throttl|quota exceeded/i;
const NOT_FOUND_WORDING = /not found|does not exist|doesn't exist|no such|unknown (user|group|resource)/i;
const AUTH_WORDING = /unauthori[sz]ed|invalid[_ ]token|expired token|token (is )?(invalid|expired)|authenticat|invalid_client|credentials/i;
const FILTER_WORDING = /(invalid|unsupported|malformed|bad|unparsable)\s+filter|filter\s+(is\s+)?(invalid|not supported|unsupported|malformed)|(cannot|unable to|could not) parse (the )?filter/i;

/** Categories a vendor's wording may sharpen: the status alone says little. */
const REFINABLE = new Set<Category>(['badRequest', 'invalidValue', 'conflict', 'unknown', 'forbidden']);

export function refineByWording(category: Category, text: string | null, statusKnown: boolean): Category {
  if (!text || !REFINABLE.has(category)) return category;
  if (category !== 'forbidden' && DUPLICATE_WORDING.test(text)) return 'uniqueness';
  if (RATE_WORDING.test(text)) return 'rateLimited';
  if (category === 'forbidden') return category;
  if (!statusKnown && NOT_FOUND_WORDING.test(text)) return 'notFound';
  if (!statusKnown && AUTH_WORDING.test(text)) return 'unauthorized';
  if ((category === 'badRequest' || category === 'unknown') && FILTER_WORDING.test(text)) return 'invalidFilter';
  return category;
}

export function isRetryable(status: number | null, category: Category): boolean {
  if (status !== null) {
    if (status === 429 || status === 408 || status === 502 || status === 503 || status === 504) return true;
    if (status === 501 || status === 505) return false;
    if (status >= 500) return true;
    return category === 'rateLimited';
  }
  return category === 'rateLimited' || category === 'unavailable' || category === 'serverError';
}

const MEANINGS: Record<Category, string> = {
  uniqueness: 'A resource with the same unique value (usually userName, sometimes externalId or an email) already exists. Look it up with a filter (userName eq "...") and update or reactivate it instead of creating it again.',
  notFound: 'The resource (or endpoint) does not exist here: a wrong id, a user already deleted (some services delete on deactivation), or a path the service does not serve. Look the resource up by filter before acting on it.',
  invalidFilter: 'The filter was rejected: a syntax error, or an operator or attribute this service does not support. Check the expression (scim-workbench filter) and the operators the application accepts.',
  invalidSyntax: 'The request body could not be parsed or does not follow the schema. Check the JSON and the `schemas` URNs.',
  invalidValue: 'A value is missing, has the wrong type, or is not allowed for this attribute. Check required attributes, types (booleans, not "True") and the application\'s allowed values.',
  invalidPath: 'A PATCH path is malformed or names something this service cannot address (some reject value filters such as emails[type eq "work"]). Use a simpler path or replace the whole attribute.',
  invalidVersion: 'The SCIM protocol version in the request is not supported.',
  mutability: 'The request changes an attribute that cannot be changed (readOnly or immutable, such as id or userName on some services). Leave it out of the update.',
  noTarget: 'The PATCH path matched nothing to operate on (for example a member or email that is not there).',
  tooMany: 'The filter or request would return or touch more resources than the service processes at once. Narrow the filter or page through smaller sets.',
  sensitive: 'The request put sensitive information in the URL (for example a filter on a secret attribute). Use POST /.search with the filter in the body.',
  invalidCursor: 'The pagination cursor is not valid here. Restart the walk from the first page without a cursor.',
  expiredCursor: 'The pagination cursor has expired. Restart the walk from the first page, and fetch pages faster than the cursor timeout.',
  invalidCount: 'The requested page size is not accepted (for example above maxPageSize). Ask for fewer resources per page.',
  unauthorized: 'The credentials were missing, wrong or expired. Check the secret (and, for OAuth, that a new token can be obtained); the request itself may be fine.',
  forbidden: 'The credentials are valid but not allowed to do this (scope, role or licence). Check the token\'s permissions in the application.',
  rateLimited: 'The service is throttling this client. Wait as long as Retry-After says (or back off), then send the same request again; keep to the application\'s rate limit.',
  serverError: 'The service failed while handling the request. Retrying may work; if it keeps failing for the same request, the request may trigger a bug there (report it with the exchange).',
  unavailable: 'The service (or a gateway in front of it) is unavailable or timed out. Retry later with backoff; nothing on the request needs to change.',
  preconditionFailed: 'The resource changed since it was read (its ETag no longer matches If-Match). Read it again, reapply the change, and send with the new version.',
  conflict: 'The request conflicts with the resource\'s current state; most often a duplicate of an existing resource, which a 409 should say with scimType "uniqueness".',
  methodNotAllowed: 'This operation or endpoint is not supported by the service (SCIM uses 501 for unsupported features such as Bulk or /Me). Use another way to do it.',
  payloadTooLarge: 'The request body is larger than the service accepts (for Bulk, its maxPayloadSize or maxOperations). Send smaller requests.',
  badRequest: 'The service rejected the request as invalid without saying precisely why. Check the body and query against the application\'s documented limits.',
  unknown: 'Not an error the inspector can place: no status, scimType or recognisable wording.',
};

export function meaningOf(category: Category, notes: { duplicateAsInvalidValue?: boolean; status: number | null }): string {
  if (category === 'uniqueness' && notes.duplicateAsInvalidValue) {
    return `This is a duplicate: the service reports an existing resource as ${notes.status ?? 'an error'} invalidValue instead of 409 uniqueness. ${MEANINGS.uniqueness.slice(MEANINGS.uniqueness.indexOf('Look'))}`;
  }
  if (notes.status !== null && notes.status < 400 && category === 'unknown') return 'Not an error: the status is a success or a redirect.';
  return MEANINGS[category];
}

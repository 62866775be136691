// Every finding code SCIM Workbench reports (or will report, for probes still being written), so a registry's
// knownIssues.codes can be checked, completed and hovered. Codes are stable: add, never rename.

import { PAYLOAD_CODES } from '../scim/payloadCodes';
import { INSPECT_CODES, INSPECT_CODE_ALIASES } from '../inspect/codes';
import { closest } from '../suggest';

export type FindingSource = 'registry' | 'payload' | 'filter' | 'inspect' | 'probe';

export interface FindingCodeInfo {
  code: string;
  source: FindingSource;
  meaning: string;
}

const registry: [string, string][] = [
  ['REGISTRY_JSON_SYNTAX', 'The registry file is not valid JSON with comments.'],
  ['REGISTRY_SCHEMA', 'A value does not match the registry schema (type, enum, required field, unknown field).'],
  ['REGISTRY_DUPLICATE_ID', 'Two applications share an id.'],
  ['REGISTRY_DUPLICATE_KEY', 'A key appears twice in the same object.'],
  ['REGISTRY_BASEURL_SCHEME', 'baseUrl is not an absolute http(s) URL.'],
  ['REGISTRY_BASEURL_RESOURCE_SUFFIX', 'baseUrl ends with a resource path such as /Users; the runner appends those itself.'],
  ['REGISTRY_BASEURL_TRAILING_SLASH', 'baseUrl ends with a slash.'],
  ['REGISTRY_FILTER_SYNTAX', 'A filters[].expression does not parse as an RFC 7644 filter.'],
  ['REGISTRY_UNKNOWN_FINDING_CODE', 'knownIssues[].codes names a finding code SCIM Workbench does not know.'],
  ['REGISTRY_EXTENSION_NOT_URN', 'A schemaExtensions entry is not a URN.'],
  ['REGISTRY_DELAYED_WITHOUT_DELAY', 'deactivation.contract is delayed but delaySeconds is missing or 0.'],
  ['REGISTRY_WRITES_ON_PRODUCTION', 'probe.allowWrites is true for an application that looks like production.'],
  ['REGISTRY_LITERAL_SECRET', 'A value looks like a real secret; the registry may only hold secret names.'],
  ['REGISTRY_SECRET_NAME_INVALID', 'A secret name is empty or contains characters other than letters, digits, ".", "_" and "-".'],
  ['REGISTRY_SECRET_NAME_COLLISION', 'Two different secret names map to the same SCIM_SECRET_... environment variable.'],
  ['REGISTRY_ERROR_MATCH_INVALID', 'An errors[].match written as /regex/flags is not a valid regular expression.'],
];

// The error inspector owns its codes; the probes report the same faults with the same codes.
const inspect: [string, string][] = Object.entries(INSPECT_CODES);

// The payload rules own their codes and meanings; listing them here again would drift.
const payload: [string, string][] = Object.entries(PAYLOAD_CODES);

const filter: [string, string][] = [
  ['FILTER_SYNTAX', 'A filter expression does not parse.'],
  ['FILTER_UNKNOWN_ATTRIBUTE', 'A filter names an attribute the schema does not define.'],
  ['FILTER_OPERATOR_TYPE_MISMATCH', 'An operator is applied to an attribute type it does not support (e.g. gt on a boolean).'],
  ['FILTER_CASE_EXACT', 'A comparison on a caseExact attribute may not match as the author expects.'],
  ['FILTER_VALUE_TYPE_MISMATCH', 'A comparison value has the wrong type for the attribute.'],
  ['FILTER_OPERATOR_UNSUPPORTED', 'An operator the target application is known not to support.'],
];

const probe: [string, string][] = [
  ['PAGE_SIZE_CAPPED', 'The server returns fewer items than count asked for although more exist (silent page-size cap).'],
  ['START_INDEX_IGNORED', 'startIndex has no effect: every page starts at the first resource.'],
  ['START_INDEX_ZERO_BASED', 'startIndex is treated as 0-based, shifting every page by one.'],
  ['TOTAL_RESULTS_DRIFT', 'totalResults changes between pages or differs from the number of resources returned overall.'],
  ['ITEMS_PER_PAGE_WRONG', 'itemsPerPage reports the requested count instead of the number returned.'],
  ['DUPLICATES_ACROSS_PAGES', 'The same resource appears on more than one page.'],
  ['PAGES_DO_NOT_ADVANCE', 'Consecutive pages return the same resources.'],
  ['COUNT_ZERO_IGNORED', 'count=0 returns resources instead of only totalResults.'],
  ['FILTER_OPERATOR_REJECTED', 'The server rejects a filter operator it should support or claims to support.'],
  ['FILTER_NO_MATCH_NOT_200', 'A filter with no match answers something other than 200 with zero results (e.g. 404).'],
  ['MALFORMED_FILTER_500', 'A malformed filter causes a 5xx instead of 400 invalidFilter.'],
  ['CASE_SENSITIVE_USERNAME', 'userName eq matches case-sensitively although userName is caseExact=false.'],
  ['CAPITALISED_OP_IGNORED', 'A capitalised PATCH op ("Replace") answers 2xx but changes nothing.'],
  ['CAPITALISED_OP_REJECTED', 'A capitalised PATCH op ("Replace") is rejected.'],
  ['STRING_BOOLEAN_REJECTED', 'A boolean sent as a string ("False") is rejected.'],
  ['PATHLESS_PATCH_REJECTED', 'A path-less PATCH replace with an object value is rejected.'],
  ['CONFLICT_WITHOUT_SCIMTYPE', `Earlier name of ${INSPECT_CODE_ALIASES['CONFLICT_WITHOUT_SCIMTYPE']}: a uniqueness conflict answers 409 without scimType "uniqueness".`],
  ['ERROR_STATUS_NUMERIC', `Earlier name of ${INSPECT_CODE_ALIASES['ERROR_STATUS_NUMERIC']}: Error bodies carry "status" as a number instead of a string.`],
  ['ERROR_NOT_JSON', `Earlier name of ${INSPECT_CODE_ALIASES['ERROR_NOT_JSON']}: error responses are not JSON (empty, text/plain or HTML).`],
  ['DISCOVERY_MISSING', '/ServiceProviderConfig, /ResourceTypes or /Schemas is missing.'],
  ['UNSUPPORTED_NOT_501', 'An unsupported feature answers something other than 501.'],
  ['RATE_LIMITED', 'The server answered 429 during the run.'],
  ['TRANSIENT_5XX', 'A 5xx succeeded when retried.'],
  ['DEACTIVATION_DELAYED', 'After active=false the user kept access (or stayed active) for a while.'],
  ['DEACTIVATION_LOCK_ONLY', 'Deactivation locks the account but leaves it otherwise unchanged.'],
  ['DEACTIVATION_DELETES', 'Deactivation deletes the user: a later GET returns 404.'],
  ['LOCATION_MISSING', 'A 201 Created response has no Location header.'],
  ['ETAG_UNSUPPORTED', 'ETags are missing or If-Match is ignored although ServiceProviderConfig claims support.'],
];

function tag(source: FindingSource, list: [string, string][]): FindingCodeInfo[] {
  return list.map(([code, meaning]) => ({ code, source, meaning }));
}

export const findingCodeInfo: readonly FindingCodeInfo[] = [
  ...tag('registry', registry),
  ...tag('payload', payload),
  ...tag('filter', filter),
  ...tag('inspect', inspect),
  ...tag('probe', probe),
];

export const knownFindingCodes: readonly string[] = findingCodeInfo.map((i) => i.code);

const byCode = new Map(findingCodeInfo.map((i) => [i.code, i]));

export function findingCode(code: string): FindingCodeInfo | undefined {
  return byCode.get(code);
}

/** The closest known code for a typo, or undefined when nothing is close enough to be a plausible intent. */
export function suggestFindingCode(code: string): string | undefined {
  const upper = code.toUpperCase().replace(/[\s-]+/g, '_');
  if (byCode.has(upper)) return upper;
  return closest(upper, knownFindingCodes, Math.max(2, Math.floor(upper.length / 4)));
}

// Every code a probe reports, with its default severity, what it means and what to do about it. The README's
// probe-code table is checked against this list. Codes are stable: add, never rename; earlier names stay as
// aliases (PROBE_CODE_ALIASES) so registries that name them keep working.
import type { FindingSeverity } from './types';

export interface ProbeCodeInfo {
  severity: FindingSeverity;
  meaning: string;
  fix: string;
}

export const PROBE_CODES = {
  PAGE_SIZE_CAPPED: { severity: 'warning', meaning: 'The server returns fewer resources than `count` asked for although more exist (silent page-size cap).', fix: 'Record `pagination.maxPageSize`; page with a count at or below it and keep requesting until `startIndex` passes `totalResults`.' },
  TOTAL_RESULTS_INCONSISTENT: { severity: 'warning', meaning: '`totalResults` changes between pages of one walk, or differs from the number of distinct resources the walk returned.', fix: 'Do not stop paging on `totalResults` alone; stop on an empty or short page. Set `pagination.totalResultsConsistent: false`.' },
  PAGE_NOT_ADVANCING: { severity: 'error', meaning: 'A later page returns the same resources as the previous one (startIndex has no effect, or the walk is stuck).', fix: 'The application cannot be paged with startIndex: ask the vendor, or use filters to fetch resources in smaller sets.' },
  PAGE_DUPLICATES: { severity: 'error', meaning: 'The same resource appears on more than one page of one walk.', fix: 'De-duplicate by id when reading; report it to the vendor (overlapping pages usually mean an off-by-one or an unstable sort).' },
  PAGE_MISSING: { severity: 'error', meaning: 'Resources the server counts in `totalResults` never appear in the walk (gaps between pages).', fix: 'Do not trust a full sync from this application; page with a smaller count and compare, and report it to the vendor.' },
  ITEMS_PER_PAGE_MISMATCH: { severity: 'warning', meaning: '`itemsPerPage` differs from the number of `Resources` on the page (often it echoes the requested count).', fix: 'Count `Resources` instead of reading `itemsPerPage`.' },
  START_INDEX_NOT_ONE_BASED: { severity: 'error', meaning: '`startIndex` is read as 0-based (startIndex=1 skips the first resource), or startIndex < 1 is not treated as 1.', fix: 'Record `pagination.startIndexBase: 0` and start walks at 0 for this application; report it (RFC 7644 §3.4.2.4 is 1-based).' },
  COUNT_ZERO_NOT_RESPECTED: { severity: 'warning', meaning: '`count=0` returns resources instead of only `totalResults`.', fix: 'Do not use count=0 to size the directory; read `totalResults` from a count=1 page instead.' },
  PAGING_NUMBERS_NOT_INTEGERS: { severity: 'error', meaning: '`totalResults`, `itemsPerPage` or `startIndex` in a ListResponse is not a JSON integer (a string, a fraction, or missing).', fix: 'IdPs such as Okta require integers; the vendor must fix it. Until then, parse leniently.' },
  PAGE_PAST_END_NOT_EMPTY: { severity: 'warning', meaning: 'A page asked for past the end (startIndex beyond totalResults) returns resources or an error instead of 200 with no resources.', fix: 'Stop walks when startIndex passes totalResults, not only on an empty page; report it.' },
  CURSOR_LOOP: { severity: 'error', meaning: 'A cursor walk returned a `nextCursor` already seen, so following cursors would never end.', fix: 'Stop cursor walks when a cursor repeats; page with startIndex if the server offers it; report it to the vendor.' },
  CURSOR_ON_LAST_PAGE: { severity: 'warning', meaning: 'The last page of a cursor walk still carries `nextCursor` (it leads to an empty page).', fix: 'Stop on an empty page as well as on a missing `nextCursor`.' },
  CURSOR_ERROR_WRONG_SCIMTYPE: { severity: 'warning', meaning: 'An invalid or expired cursor, or an invalid count, is not answered with 400 and scimType `invalidCursor`, `expiredCursor` or `invalidCount`.', fix: 'Treat any 4xx on a cursor request as "start the walk again"; report the scimType to the vendor.' },
  CURSOR_PAGE_OVER_MAX: { severity: 'warning', meaning: 'A cursor page holds more resources than the `maxPageSize` the server advertises.', fix: 'Size buffers for what the server sends, not what it advertises; report the mismatch.' },
  FILTER_OPERATOR_UNSUPPORTED: { severity: 'warning', meaning: 'The server rejects a filter operator; an error when the IdP profile\'s lookups depend on it (`eq`, and for Microsoft Entra `and` too). Operators that are accepted but return wrong resources are FILTER_RESULTS_WRONG.', fix: 'Record the operators that work in the registry `filters` list; build IdP lookups with the supported ones only.' },
  FILTER_CASE_SENSITIVE: { severity: 'warning', meaning: '`userName eq` matches case-sensitively although userName is caseExact=false (RFC 7643 §4.1.1).', fix: 'Send userName exactly as stored; expect duplicates when an IdP changes the case of a userName.' },
  FILTER_INVALID_ACCEPTED: { severity: 'error', meaning: 'A malformed filter is answered with 200 (an empty list or every resource) instead of 400 invalidFilter.', fix: 'An IdP that gets "no match" for a typo creates a duplicate: validate filters before sending; report it.' },
  FILTER_ERROR_WRONG_STATUS: { severity: 'warning', meaning: 'A malformed or unsupported filter gets an error other than 400 with scimType invalidFilter (a 500, a 404, no scimType).', fix: 'Treat the status as a client error for this application; report it (RFC 7644 §3.4.2.2).' },
  FILTER_RESULTS_WRONG: { severity: 'error', meaning: 'A filter the server accepts returns resources that do not match it, or misses resources that do.', fix: 'Do not rely on this filter for lookups; verify results client-side.' },
  EMPTY_FILTER_NOT_200: { severity: 'error', meaning: 'A filter that matches nothing answers something other than 200 with `totalResults: 0` (e.g. 404).', fix: 'Microsoft Entra and Okta expect 200 with zero results; the vendor must fix it.' },
  UNIQUENESS_NOT_ENFORCED: { severity: 'error', meaning: 'Creating a user with an existing userName succeeds: the server keeps duplicates.', fix: 'Look users up before creating them; report it (RFC 7644 §3.3 says 409 uniqueness).' },
  UNIQUENESS_WRONG_STATUS: { severity: 'warning', meaning: 'A duplicate userName is refused, but not with 409 (e.g. 400 invalidValue "already exists").', fix: 'Treat that answer as "already exists" for this application (record it in the registry `errors` list); report it (RFC 7644 §3.3 says 409 uniqueness).' },
  UNIQUENESS_CASE_VARIANT_ACCEPTED: { severity: 'warning', meaning: 'Creating a user whose userName differs from an existing one only in case succeeds (userName is caseExact=false).', fix: 'Normalise userName case in the IdP mapping.' },
  NOT_FOUND_WRONG_STATUS: { severity: 'warning', meaning: 'GET, PATCH, PUT or DELETE of an unknown id answers something other than 404.', fix: 'Treat that status as "not found" for this application; report it.' },
  UNAUTHORIZED_WRONG_STATUS: { severity: 'warning', meaning: 'A request without a token or with a wrong one answers something other than 401 (403, 400, 200...).', fix: 'Map that status to "credentials rejected" for this application; report it.' },
  INVALID_JSON_WRONG_STATUS: { severity: 'warning', meaning: 'A body that is not valid JSON gets something other than 400 (a 500, or a 2xx).', fix: 'Report it; a 2xx means the server may store garbage.' },
  PATCH_INVALID_OP_ACCEPTED: { severity: 'warning', meaning: 'A PATCH with an op other than add, remove or replace answers 2xx.', fix: 'Do not rely on PATCH errors from this application; read the resource back after changes.' },
  REQUIRED_ATTRIBUTE_NOT_ENFORCED: { severity: 'warning', meaning: 'Creating a user without userName (required by RFC 7643) succeeds.', fix: 'Validate required attributes in the IdP mapping; report it.' },
  CREATE_NO_LOCATION: { severity: 'warning', meaning: 'A 201 Created response has no Location header (RFC 7644 §3.3).', fix: 'Read the new id from the body (`id`, `meta.location`).' },
  RATE_LIMITED: { severity: 'info', meaning: 'The server answered 429 during the run (the engine waited and retried).', fix: 'Record `rateLimit.requestsPerSecond`/`requestsPerMinute` so clients pace themselves.' },
  SERVER_ERROR_TRANSIENT: { severity: 'warning', meaning: 'A 5xx (or a gateway error) that succeeded when the engine retried it.', fix: 'Retry idempotent requests with backoff for this application; count how often it happens.' },
  DISCOVERY_ENDPOINT_MISSING: { severity: 'warning', meaning: '/ServiceProviderConfig, /ResourceTypes or /Schemas is missing or unusable.', fix: 'Record the application\'s capabilities by hand in the registry (`endpoints`, `schemaExtensions`).' },
  DISCOVERY_CLAIM_CONTRADICTED: { severity: 'warning', meaning: 'ServiceProviderConfig claims something the server does not do (filter, sort, patch, etag, bulk, maxResults, pagination).', fix: 'Trust the probes\' observations over the claims; report the wrong claim.' },
  UNSUPPORTED_ENDPOINT_WRONG_STATUS: { severity: 'warning', meaning: 'An endpoint or feature the server does not support answers something other than 501 (RFC 7644 §3.12), e.g. 404.', fix: 'Treat that status as "not supported" for this application.' },
  DEACTIVATION_CONTRACT: { severity: 'info', meaning: 'What deactivation means here: immediate, delayed (with the measured delay), locked-only or deleted, with the timestamps as evidence.', fix: 'Record it in `deactivation.contract` (and `delaySeconds`) so reviews and offboarding checklists use the real behaviour.' },
  DEACTIVATED_USER_NOT_READABLE: { severity: 'warning', meaning: 'After deactivation the user can no longer be read (404): the application deleted it. Microsoft Entra expects it to stay readable.', fix: 'Expect a new identity on re-provisioning; keep the transcript as evidence of the deletion.' },
  PATCH_STRING_BOOLEAN_REJECTED: { severity: 'info', meaning: 'A boolean sent as a string (`"active": "False"`, as Microsoft Entra sends by default) is rejected. RFC-correct, but it breaks Entra provisioning.', fix: 'For Entra, turn on its SCIM compliance flag (or a feature flag that sends real booleans); else ask the vendor to accept them.' },
  PATCH_CAPITALISED_OP_REJECTED: { severity: 'info', meaning: 'A capitalised PATCH op (`"Replace"`, as Microsoft Entra sends by default) is rejected.', fix: 'For Entra, turn on its SCIM compliance flag; else ask the vendor to compare ops case-insensitively.' },
  PATCH_CAPITALISED_OP_IGNORED: { severity: 'error', meaning: 'A capitalised PATCH op (`"Replace"`) answers 2xx but changes nothing: updates from Entra are silently lost.', fix: 'Turn on Entra\'s SCIM compliance flag for this application; report it (a silent no-op is worse than a 400).' },
  PATCH_PATHLESS_REJECTED: { severity: 'warning', meaning: 'A path-less PATCH replace with an object value (Okta\'s and Entra\'s form) is rejected.', fix: 'Configure the IdP to send path-based operations (or PUT) for this application.' },
  GROUP_MEMBERS_NOT_REFLECTED: { severity: 'error', meaning: 'After a membership change the group (or the user\'s `groups`) does not show it.', fix: 'Do not rely on reading memberships back; report it.' },
  GROUP_PATCH_IGNORED: { severity: 'error', meaning: 'A group membership PATCH answers 2xx but the membership does not change.', fix: 'Find a PATCH form the application applies (RFC form, member value arrays, PUT) and configure the IdP to use it.' },
  GROUP_DUPLICATE_MEMBER: { severity: 'warning', meaning: 'Adding a member twice lists it twice (adds are not idempotent).', fix: 'Avoid re-adding members; de-duplicate when reading.' },
  REGISTRY_FILTER_FAILS: { severity: 'error', meaning: 'A filter from the registry\'s `filters` list fails against the server (an error, or results that do not match).', fix: 'Mark it `fails` (write-back does) and change the IdP lookup that uses it.' },
  GROUP_MAPPING_UNRESOLVED: { severity: 'warning', meaning: 'A `groupMapping` rule names a group that does not exist, or an attribute the server\'s schema does not define: the rule can never fire.', fix: 'Correct the group name or attribute in the registry, or create the group.' },
  BULK_CLAIM_CONTRADICTED: { severity: 'warning', meaning: 'ServiceProviderConfig claims Bulk (or its limits) but the server does not do it: /Bulk fails, or maxOperations/maxPayloadSize are not enforced.', fix: 'Do not use Bulk with this application, or stay well inside the limits.' },
  BULK_BULKID_UNRESOLVED: { severity: 'error', meaning: 'A BulkRequest operation that refers to another one by `bulkId:` is not resolved (the reference is stored literally or fails).', fix: 'Send dependent operations in separate requests.' },
  REGISTRY_DRIFT: { severity: 'warning', meaning: 'An observation contradicts a field the registry declares (which field, declared vs observed, and when).', fix: 'Correct the declared field (`--promote`, or the quick fix in VS Code), or record why it differs in `knownIssues`.' },
} as const satisfies Record<string, ProbeCodeInfo>;

export type ProbeCode = keyof typeof PROBE_CODES;

/** Codes the inspector owns (same fault, same code); probes report them with these severities. */
export const SHARED_PROBE_CODES = {
  ERROR_SCIMTYPE_MISSING: { severity: 'warning', meaning: 'A uniqueness conflict answers 409 without scimType "uniqueness".', fix: 'Treat any 409 on create as "already exists" for this application.' },
  ERROR_BODY_NOT_SCIM: { severity: 'warning', meaning: 'Error responses are not RFC 7644 Error bodies (SCIM 1.1 `Errors`, a vendor envelope, plain text, HTML, empty).', fix: 'Record the shape in the registry `errors` list (with `match`) so the runner explains it.' },
  RETRY_AFTER_MISSING: { severity: 'warning', meaning: 'A 429 (or 503) came without a Retry-After header.', fix: 'Record `rateLimit.retryAfter: "absent"` and back off exponentially.' },
} as const satisfies Record<string, ProbeCodeInfo>;

/** Names reserved before the probes existed, and the code that now reports the same thing. */
export const PROBE_CODE_ALIASES: Readonly<Record<string, ProbeCode>> = {
  START_INDEX_IGNORED: 'PAGE_NOT_ADVANCING',
  START_INDEX_ZERO_BASED: 'START_INDEX_NOT_ONE_BASED',
  TOTAL_RESULTS_DRIFT: 'TOTAL_RESULTS_INCONSISTENT',
  ITEMS_PER_PAGE_WRONG: 'ITEMS_PER_PAGE_MISMATCH',
  DUPLICATES_ACROSS_PAGES: 'PAGE_DUPLICATES',
  PAGES_DO_NOT_ADVANCE: 'PAGE_NOT_ADVANCING',
  COUNT_ZERO_IGNORED: 'COUNT_ZERO_NOT_RESPECTED',
  FILTER_OPERATOR_REJECTED: 'FILTER_OPERATOR_UNSUPPORTED',
  FILTER_NO_MATCH_NOT_200: 'EMPTY_FILTER_NOT_200',
  MALFORMED_FILTER_500: 'FILTER_ERROR_WRONG_STATUS',
  CASE_SENSITIVE_USERNAME: 'FILTER_CASE_SENSITIVE',
  CAPITALISED_OP_IGNORED: 'PATCH_CAPITALISED_OP_IGNORED',
  CAPITALISED_OP_REJECTED: 'PATCH_CAPITALISED_OP_REJECTED',
  STRING_BOOLEAN_REJECTED: 'PATCH_STRING_BOOLEAN_REJECTED',
  PATHLESS_PATCH_REJECTED: 'PATCH_PATHLESS_REJECTED',
  DISCOVERY_MISSING: 'DISCOVERY_ENDPOINT_MISSING',
  UNSUPPORTED_NOT_501: 'UNSUPPORTED_ENDPOINT_WRONG_STATUS',
  TRANSIENT_5XX: 'SERVER_ERROR_TRANSIENT',
  DEACTIVATION_DELAYED: 'DEACTIVATION_CONTRACT',
  DEACTIVATION_LOCK_ONLY: 'DEACTIVATION_CONTRACT',
  DEACTIVATION_DELETES: 'DEACTIVATION_CONTRACT',
  LOCATION_MISSING: 'CREATE_NO_LOCATION',
  ETAG_UNSUPPORTED: 'DISCOVERY_CLAIM_CONTRADICTED',
};

export type AnyProbeCode = ProbeCode | keyof typeof SHARED_PROBE_CODES;

export function probeCodeInfo(code: string): ProbeCodeInfo | undefined {
  return (PROBE_CODES as Record<string, ProbeCodeInfo>)[code] ?? (SHARED_PROBE_CODES as Record<string, ProbeCodeInfo>)[code];
}

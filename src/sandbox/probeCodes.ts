// The probes' finding codes (issue 12), as the sandbox's presets promise them. The probes themselves live in
// src/core/probes; this list only lets the sandbox check, in its own tests, that every code it names exists and
// that its presets between them provoke every code a server can provoke.
export const PROBE_FINDING_CODES = [
  'PAGE_SIZE_CAPPED', 'TOTAL_RESULTS_INCONSISTENT', 'PAGE_NOT_ADVANCING', 'PAGE_DUPLICATES', 'PAGE_MISSING',
  'ITEMS_PER_PAGE_MISMATCH', 'START_INDEX_NOT_ONE_BASED', 'COUNT_ZERO_NOT_RESPECTED', 'PAGING_NUMBERS_NOT_INTEGERS',
  'CURSOR_LOOP', 'CURSOR_ON_LAST_PAGE', 'CURSOR_ERROR_WRONG_SCIMTYPE', 'FILTER_OPERATOR_UNSUPPORTED',
  'FILTER_CASE_SENSITIVE', 'FILTER_INVALID_ACCEPTED', 'FILTER_ERROR_WRONG_STATUS', 'FILTER_RESULTS_WRONG',
  'EMPTY_FILTER_NOT_200', 'UNIQUENESS_NOT_ENFORCED', 'UNIQUENESS_CASE_VARIANT_ACCEPTED', 'ERROR_SCIMTYPE_MISSING',
  'ERROR_BODY_NOT_SCIM', 'NOT_FOUND_WRONG_STATUS', 'UNAUTHORIZED_WRONG_STATUS', 'INVALID_JSON_WRONG_STATUS',
  'PATCH_INVALID_OP_ACCEPTED', 'REQUIRED_ATTRIBUTE_NOT_ENFORCED', 'CREATE_NO_LOCATION', 'RATE_LIMITED',
  'RETRY_AFTER_MISSING', 'SERVER_ERROR_TRANSIENT', 'DISCOVERY_ENDPOINT_MISSING', 'DISCOVERY_CLAIM_CONTRADICTED',
  'UNSUPPORTED_ENDPOINT_WRONG_STATUS', 'DEACTIVATION_CONTRACT', 'DEACTIVATED_USER_NOT_READABLE',
  'PATCH_STRING_BOOLEAN_REJECTED', 'PATCH_CAPITALISED_OP_REJECTED', 'PATCH_PATHLESS_REJECTED',
  'GROUP_MEMBERS_NOT_REFLECTED', 'GROUP_PATCH_IGNORED', 'GROUP_DUPLICATE_MEMBER', 'REGISTRY_FILTER_FAILS',
  'GROUP_MAPPING_UNRESOLVED', 'BULK_CLAIM_CONTRADICTED', 'BULK_BULKID_UNRESOLVED', 'REGISTRY_DRIFT',
] as const;

export type ProbeFindingCode = (typeof PROBE_FINDING_CODES)[number];

/**
 * Codes that compare the server with the registry entry rather than with the RFC, so no switch provokes them
 * alone: a preset produces them only with a registry entry that declares something the server contradicts.
 */
export const REGISTRY_DEPENDENT_CODES: Readonly<Record<string, string>> = {
  REGISTRY_FILTER_FAILS: 'needs a registry `filters` entry the server cannot run (e.g. `userName co "a"` against aws-like, which accepts eq and and only)',
  GROUP_MAPPING_UNRESOLVED: 'needs a `groupMapping` rule naming a group the server does not have (the seeded groups are named like "Platform 1")',
  REGISTRY_DRIFT: 'needs a declared field the observation contradicts (e.g. `pagination.maxPageSize: 100` against aws-like, which caps at 50)',
};

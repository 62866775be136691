// Finding codes of the error inspector, with the one-line meaning the README table shows. Codes the payload rules
// already own (ERROR_STATUS_NOT_STRING, ERROR_SCIMTYPE_UNKNOWN, ERROR_SCIMTYPE_MISSING, SCHEMAS_MISSING) are
// reused, not repeated here; the probes reuse these (ERROR_BODY_NOT_SCIM, RETRY_AFTER_MISSING) for the same faults.
export const INSPECT_CODES = {
  ERROR_STATUS_MISSING: 'An Error body without `status` (RFC 7644 §3.12 requires it, as a string).',
  ERROR_STATUS_MISMATCH: 'The Error body\'s `status` differs from the HTTP status of the response.',
  ERROR_SCIMTYPE_STATUS_MISMATCH: 'A `scimType` sent with a status it does not belong to (e.g. `uniqueness` on a 400: RFC 7644 pairs it with 409).',
  ERROR_BODY_NOT_JSON: 'An error answered with a body that is not JSON (HTML from a gateway, plain text, broken JSON).',
  ERROR_BODY_NOT_SCIM: 'An error answered with JSON that is not a SCIM Error: SCIM 1.1 `Errors`, a vendor envelope, a SCIM Error wrapped in another object or encoded in a string.',
  ERROR_BODY_EMPTY: 'An error answered with an empty body: nothing says what went wrong.',
  RETRY_AFTER_MISSING: 'A 429 or 503 without a `Retry-After` header: clients can only guess how long to wait.',
} as const;

export type InspectCode = keyof typeof INSPECT_CODES;

/** Earlier names of the same faults (reserved for the probes), still accepted in `knownIssues[].codes`. */
export const INSPECT_CODE_ALIASES: Readonly<Record<string, string>> = {
  CONFLICT_WITHOUT_SCIMTYPE: 'ERROR_SCIMTYPE_MISSING',
  ERROR_STATUS_NUMERIC: 'ERROR_STATUS_NOT_STRING',
  ERROR_NOT_JSON: 'ERROR_BODY_NOT_JSON',
};

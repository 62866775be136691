// Named quirk profiles. Each models publicly documented (or widely reported) vendor behaviour; `modelled` says
// what the preset stands for, where it takes liberties, and which probe findings (issue 12) it must produce.
// `findings` is that list as data, for the probes' table test.
import type { ProbeFindingCode } from './probeCodes';
import { resolveQuirks, type QuirkConfig, type QuirkOverrides } from './quirks/types';

export type IdpProfile = 'rfc' | 'entra' | 'okta';

export interface Preset {
  name: string;
  summary: string;
  /** The public behaviour the preset reproduces, its simplifications, and the findings it must produce. */
  modelled: string;
  quirks: QuirkOverrides;
  /** The IdP profile the probes run with when they check this preset (`probe.idpProfile`). */
  idpProfile: IdpProfile;
  /**
   * Exactly the finding codes a full probe run (all probes, writes allowed, idpProfile above, a registry entry
   * that declares nothing the server contradicts, no client-side rate limit) must produce: no more, no fewer.
   */
  findings: readonly ProbeFindingCode[];
}

function preset(p: Omit<Preset, 'modelled'> & { model: string }): Preset {
  const { model, ...rest } = p;
  return { ...rest, modelled: `${model} Probe findings (idpProfile ${p.idpProfile}): ${p.findings.join(', ')}.` };
}

const PRESETS: readonly Preset[] = [
  preset({
    name: 'strict',
    summary: 'RFC 7643/7644-correct service provider.',
    model: 'The RFC itself: 1-based paging, all filter operators, 409 uniqueness, string error status, ETags, Bulk ' +
      'with enforced limits and bulkId references, idempotent member adds, users\' groups maintained, discovery.',
    quirks: {},
    idpProfile: 'rfc',
    findings: ['DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'entra-compatible',
    summary: 'An application tuned for Microsoft Entra ID provisioning.',
    model: 'Accepts what Entra sends by default: capitalised PATCH ops ("Replace"), booleans as strings ("False", ' +
      'coerced), path-less replace with dotted keys, enterprise URN paths, member removal by `members[value eq "…"]`; ' +
      'answers a no-match filter with 200 and zero results; deactivation keeps the user readable with active=false.',
    quirks: { capitalisedPatchOps: 'accept', stringBooleans: 'coerce', deactivation: 'immediate' },
    idpProfile: 'entra',
    findings: ['DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'aws-like',
    summary: 'Modelled on AWS IAM Identity Center as a SCIM target.',
    model: 'At most 50 results per list, startIndex ignored, only eq and and in filters, no Bulk (501), at most one ' +
      'email and phone number, at most 100 group members per request.',
    quirks: {
      maxPageSize: 50, defaultPageSize: 50, startIndex: 'ignored', filterOperators: ['eq', 'and'], bulk: false,
      singleValuedEmails: true, groupMemberLimit: 100,
    },
    idpProfile: 'rfc',
    findings: ['PAGE_SIZE_CAPPED', 'PAGE_NOT_ADVANCING', 'FILTER_OPERATOR_UNSUPPORTED', 'DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'slack-like',
    summary: 'Modelled on Slack\'s SCIM API.',
    model: 'count capped at 1000 with a default of 10; a per-minute rate limit (Slack documents its tiers per ' +
      'minute) answered with 429 and Retry-After. The sandbox allows 600 per minute with a burst of 20, so a burst ' +
      'shows the 429 at once and a probe run still finishes quickly.',
    quirks: { maxPageSize: 1000, defaultPageSize: 10, rateLimit: { requestsPerMinute: 600, burst: 20, retryAfter: true } },
    idpProfile: 'rfc',
    findings: ['RATE_LIMITED', 'DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'github-like',
    summary: 'Modelled on GitHub Enterprise SCIM.',
    model: 'PATCH active=false removes the user (its SCIM identity is deleted; a later GET is 404); PATCH paths with ' +
      'value filters are rejected (400 invalidPath), the RFC member removal `members[value eq "…"]` included.',
    quirks: { deactivation: 'deleted', filteredPatchPaths: 'reject' },
    idpProfile: 'rfc',
    findings: ['DEACTIVATED_USER_NOT_READABLE', 'GROUP_MEMBERS_NOT_REFLECTED', 'DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'drifting',
    summary: 'Lists, references and claims that cannot be trusted.',
    model: 'Field failures from public issue trackers: totalResults changes from page to page, pages after the ' +
      'first repeat the previous page\'s last items, itemsPerPage echoes the requested count, paging numbers are ' +
      'strings; cursors loop (the second page hands back its own cursor) and an expired cursor answers ' +
      'invalidCursor (cursorTimeout 5 s); ServiceProviderConfig advertises a page maximum of 50 but pages of up to ' +
      '1000 come back; filters on anything but userName are dropped silently, and a malformed filter returns ' +
      'everything; Bulk leaves bulkId references unresolved; adding an existing group member lists it twice.',
    quirks: {
      totalResultsDrift: 3, pageOverlap: 2, itemsPerPage: 'requested', pagingNumbers: 'strings',
      cursorPagination: 'on', cursorLoop: true, cursorErrors: 'expiredAsInvalid', cursorTimeoutSeconds: 5,
      advertisedMaxPageSize: 50, filterAttributes: ['userName'], malformedFilter: 'fullList',
      bulkIdReferences: 'unresolved', duplicateMembers: 'duplicated',
    },
    idpProfile: 'rfc',
    findings: [
      'TOTAL_RESULTS_INCONSISTENT', 'PAGE_DUPLICATES', 'ITEMS_PER_PAGE_MISMATCH', 'PAGING_NUMBERS_NOT_INTEGERS',
      'CURSOR_LOOP', 'CURSOR_ERROR_WRONG_SCIMTYPE', 'DISCOVERY_CLAIM_CONTRADICTED', 'FILTER_RESULTS_WRONG',
      'FILTER_INVALID_ACCEPTED', 'BULK_BULKID_UNRESOLVED', 'GROUP_DUPLICATE_MEMBER', 'DEACTIVATION_CONTRACT',
    ],
  }),
  preset({
    name: 'minimal',
    summary: 'A bare-bones SCIM endpoint with sparse errors.',
    model: 'No discovery endpoints (404); startIndex read as a 0-based offset and count=0 ignored; filters with eq ' +
      'only, case-sensitive, a malformed filter answers 500 and a no-match filter 404; case-sensitive userName ' +
      'uniqueness (a case-variant duplicate is created), a user without userName is created; capitalised and unknown ' +
      'PATCH ops silently skipped; errors with a numeric status and no schemas, 409 without scimType, invalid JSON ' +
      '500, writes to an unknown id 400, unsupported endpoints 404, 201 without Location; groups never show their ' +
      'members and users carry no groups.',
    quirks: {
      discovery: false, startIndex: 'zeroBased', countZero: 'ignored', filterOperators: ['eq'],
      filterCaseSensitive: true, malformedFilter: 'serverError', noMatchStatus: 404, userNameCaseSensitive: true,
      requiredAttributes: 'ignored', capitalisedPatchOps: 'ignore', invalidPatchOps: 'ignore', errorStatus: 'number',
      errorFormat: 'sparse', conflictScimType: false, invalidJsonStatus: 500, unknownIdWriteStatus: 400, bulk: false,
      unsupportedStatus: 404, createdLocation: false, groupMembers: 'never', userGroups: 'omitted',
    },
    idpProfile: 'entra',
    findings: [
      'DISCOVERY_ENDPOINT_MISSING', 'START_INDEX_NOT_ONE_BASED', 'PAGE_MISSING', 'COUNT_ZERO_NOT_RESPECTED',
      'FILTER_OPERATOR_UNSUPPORTED', 'FILTER_CASE_SENSITIVE', 'FILTER_ERROR_WRONG_STATUS', 'EMPTY_FILTER_NOT_200',
      'UNIQUENESS_CASE_VARIANT_ACCEPTED', 'REQUIRED_ATTRIBUTE_NOT_ENFORCED', 'PATCH_CAPITALISED_OP_IGNORED',
      'PATCH_STRING_BOOLEAN_REJECTED', 'PATCH_INVALID_OP_ACCEPTED', 'ERROR_BODY_NOT_SCIM', 'ERROR_SCIMTYPE_MISSING',
      'INVALID_JSON_WRONG_STATUS', 'NOT_FOUND_WRONG_STATUS', 'UNSUPPORTED_ENDPOINT_WRONG_STATUS', 'CREATE_NO_LOCATION',
      'GROUP_MEMBERS_NOT_REFLECTED', 'DEACTIVATION_CONTRACT',
    ],
  }),
  preset({
    name: 'throttled',
    summary: 'A busy, cursor-paged service behind an API gateway.',
    model: 'Rate limited to 20 requests per second (burst 10) answering 429 without Retry-After; about 10% of reads ' +
      'fail with a 503 or the gateway\'s HTML 502 (deterministic for a given seed); the gateway answers a missing or ' +
      'wrong token with 403 and a JSON `{"message"}` body, requires `path` on every PATCH operation and does not ' +
      'route /Bulk (501) although the service advertises it; cursor-only paging whose last page still carries ' +
      'nextCursor; writes are queued, so duplicates are not caught, membership PATCHes are acknowledged but dropped, ' +
      'and a deactivation shows after 3 s. With Okta\'s path-less deactivation refused, the probe deactivates the ' +
      'RFC way to classify the contract (delayed).',
    quirks: {
      rateLimit: { requestsPerSecond: 20, burst: 10, retryAfter: false },
      faults: { rate: 0.1, kind: 'mixed', methods: 'reads' },
      unauthorizedStatus: 403, unauthorizedBody: 'gatewayJson', pathlessPatch: 'reject', bulk: 'advertisedOnly',
      cursorPagination: 'only', cursorOnLastPage: true, userNameUnique: false, groupPatch: 'ignored',
      deactivation: 'delayed', deactivationDelaySeconds: 3,
    },
    idpProfile: 'okta',
    findings: [
      'RATE_LIMITED', 'RETRY_AFTER_MISSING', 'SERVER_ERROR_TRANSIENT', 'UNAUTHORIZED_WRONG_STATUS',
      'ERROR_BODY_NOT_SCIM', 'PATCH_PATHLESS_REJECTED', 'BULK_CLAIM_CONTRADICTED', 'CURSOR_ON_LAST_PAGE',
      'UNIQUENESS_NOT_ENFORCED', 'GROUP_PATCH_IGNORED', 'DEACTIVATION_CONTRACT',
    ],
  }),
  preset({
    name: 'cursor',
    summary: 'RFC 9865 cursor pagination, spec-correct, beside index paging.',
    model: 'Everything strict does, plus cursor pagination: `cursor` (empty for the first page) with `count`, ' +
      'nextCursor on every page but the last, previousCursor, opaque cursors of unreserved characters, ' +
      'ServiceProviderConfig `pagination` (cursor and index true, cursorTimeout), 400 invalidCursor, expiredCursor ' +
      'and invalidCount. Cursors expire after 10 s, so a probe can check expiry in seconds (cursorTimeoutSeconds).',
    quirks: { cursorPagination: 'on', previousCursor: true, cursorTimeoutSeconds: 10 },
    idpProfile: 'rfc',
    findings: ['DEACTIVATION_CONTRACT'],
  }),
  preset({
    name: 'entra-unready',
    summary: 'An application that refuses what Microsoft Entra ID sends by default.',
    model: 'The counterpart of entra-compatible: PATCH ops are compared case-sensitively, so Entra\'s "Replace" and ' +
      '"Add" answer 400; booleans as strings ("False") are refused, as RFC 7643 asks; PATCH paths with a value ' +
      'filter are refused (400 invalidPath), Entra\'s e-mail path `emails[type eq "work"].value` (a failure reported ' +
      'in the field) and the member removal `members[value eq "…"]` included. Entra\'s SCIM compliance flag cures ' +
      'the first two, not the third.',
    quirks: { capitalisedPatchOps: 'reject', filteredPatchPaths: 'reject' },
    idpProfile: 'entra',
    findings: [
      'PATCH_CAPITALISED_OP_REJECTED', 'PATCH_STRING_BOOLEAN_REJECTED', 'PATCH_FILTERED_PATH_REJECTED',
      'GROUP_MEMBERS_NOT_REFLECTED', 'DEACTIVATION_CONTRACT',
    ],
  }),
];

export const presetNames: readonly string[] = PRESETS.map((p) => p.name);

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}

export interface PresetDescription {
  name: string;
  summary: string;
  modelled: string;
  quirks: QuirkConfig;
  idpProfile: IdpProfile;
  findings: readonly ProbeFindingCode[];
}

/** A short human description (summary, what it models, its findings), or undefined for an unknown name. */
export function describePreset(name: string): PresetDescription | undefined {
  const p = findPreset(name);
  return p && { name: p.name, summary: p.summary, modelled: p.modelled, quirks: resolveQuirks(p.quirks), idpProfile: p.idpProfile, findings: p.findings };
}

export function presetQuirks(name: string, overrides?: QuirkOverrides): QuirkConfig {
  const p = findPreset(name);
  if (!p) throw new Error(`unknown sandbox profile '${name}' (known: ${presetNames.join(', ')})`);
  return resolveQuirks(p.quirks, overrides);
}

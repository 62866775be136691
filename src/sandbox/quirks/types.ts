// The switches of the quirk layer. One flat, typed object so a sandbox config file can override any switch by
// name, and the README can document each in one table. Defaults are RFC 7644 behaviour (the `strict` preset).

export const FILTER_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'and', 'or', 'not'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** ServiceProviderConfig claims the `falseClaims` switch can turn into lies. */
export const CLAIMS = ['patch', 'filter', 'sort', 'etag'] as const;
export type Claim = (typeof CLAIMS)[number];

export interface RateLimit {
  /** Token-bucket refill rate per second (give this or requestsPerMinute). */
  requestsPerSecond?: number;
  /** Token-bucket refill rate per minute (Slack documents its tiers per minute). */
  requestsPerMinute?: number;
  /** Bucket size: how many requests may arrive at once; defaults to the per-second (or per-minute) rate. */
  burst?: number;
  /** Send a Retry-After header (seconds) with the 429. */
  retryAfter: boolean;
}

export interface Faults {
  /** Fraction of requests (0..1) that fail, chosen deterministically from the sandbox seed. */
  rate: number;
  /** `503` answers a SCIM 503 body; `html502` answers a gateway-style HTML page; `mixed` alternates. */
  kind: '503' | 'html502' | 'mixed';
  /** `all` requests, or only `reads` (GET), so writes never fail (default all). */
  methods?: 'all' | 'reads';
}

export interface QuirkConfig {
  // --- index paging ---
  /** Largest page returned whatever `count` asks (null: the core's limit). */
  maxPageSize: number | null;
  /** Page size when `count` is absent (null: the core's default). */
  defaultPageSize: number | null;
  /** `oneBased` (RFC), `ignored` (always from the first item), `zeroBased` (startIndex read as an offset). */
  startIndex: 'oneBased' | 'ignored' | 'zeroBased';
  /** `returned` (RFC: resources in this page) or `requested` (echoes the requested count). */
  itemsPerPage: 'returned' | 'requested';
  /** `honoured` (RFC: count=0 returns only totalResults) or `ignored` (count=0 returns a default page). */
  countZero: 'honoured' | 'ignored';
  /** Largest amount totalResults moves by between pages (0: exact). */
  totalResultsDrift: number;
  /** Pages after the first start this many items early, so items repeat across pages (0: none). */
  pageOverlap: number;
  /** Pages after the first start this many items late, so items are skipped (0: none). */
  pageGap: number;
  /** totalResults, itemsPerPage and startIndex as JSON `integers` (RFC) or `strings`. */
  pagingNumbers: 'integers' | 'strings';
  /** What ServiceProviderConfig advertises as filter.maxResults and pagination.maxPageSize (null: the truth). */
  advertisedMaxPageSize: number | null;
  // --- cursor paging (RFC 9865) ---
  /** `off` (RFC 7644 only), `on` (cursor and index), `only` (cursor-only: every list carries nextCursor). */
  cursorPagination: 'off' | 'on' | 'only';
  /** Seconds a cursor stays valid (advertised as pagination.cursorTimeout). */
  cursorTimeoutSeconds: number;
  /** Cursor pages carry previousCursor. */
  previousCursor: boolean;
  /** Cursor pages carry totalResults (`exact`) or leave it out (`omitted`, which RFC 9865 allows). */
  cursorTotalResults: 'exact' | 'omitted';
  /** A page requested with a cursor answers that same cursor as its nextCursor (the walk cycles). */
  cursorLoop: boolean;
  /** The last non-empty page still carries a nextCursor (it leads to an empty page). */
  cursorOnLastPage: boolean;
  /** scimTypes of cursor errors: `rfc`, `expiredAsInvalid` (expiredCursor answered invalidCursor), `invalidValue` (all three). */
  cursorErrors: 'rfc' | 'expiredAsInvalid' | 'invalidValue';
  // --- filters ---
  /** Filter operators accepted; others answer 400 invalidFilter. */
  filterOperators: 'all' | FilterOperator[];
  /** Attributes filters may name; a filter naming another is silently dropped (200 with everything). */
  filterAttributes: 'all' | string[];
  /** String comparisons in filters are case-sensitive even where caseExact is false (userName). */
  filterCaseSensitive: boolean;
  /** What a syntactically broken filter gets: RFC 400, 200 with nothing, 200 with everything, or a 500. */
  malformedFilter: 'invalidFilter' | 'emptyList' | 'fullList' | 'serverError';
  /** Status of a filter that matches nothing: RFC 200 with zero results, or 404. */
  noMatchStatus: 200 | 404;
  // --- writes ---
  /** userName must be unique (false: exact duplicates are created). */
  userNameUnique: boolean;
  /** userName uniqueness compares case (RFC: userName is caseExact=false, so it does not). */
  userNameCaseSensitive: boolean;
  /** Required attributes (userName) are `enforced` (RFC 400) or `ignored` (a user without userName is created). */
  requiredAttributes: 'enforced' | 'ignored';
  /** `"active": "False"`: RFC-correct 400, coerced to a boolean, or kept as a (truthy) string. */
  stringBooleans: 'reject' | 'coerce' | 'storeAsString';
  /** PATCH ops written `Replace`/`Add`/`Remove`: applied, 400, or answered with success but not applied. */
  capitalisedPatchOps: 'accept' | 'reject' | 'ignore';
  /** PATCH ops other than add/remove/replace: RFC 400, or skipped while the request answers 200. */
  invalidPatchOps: 'reject' | 'ignore';
  /** PATCH add/replace without `path` (value is an object). */
  pathlessPatch: 'accept' | 'reject';
  /** PATCH paths with a value filter, e.g. `emails[type eq "work"].value`. */
  filteredPatchPaths: 'accept' | 'reject';
  /** At most one email and one phone number per user (AWS IAM Identity Center); more answer 400. */
  singleValuedEmails: boolean;
  // --- errors and status codes ---
  /** Error `status` as the RFC's string or as a number. */
  errorStatus: 'string' | 'number';
  /** `scim` (RFC Error message), `sparse` (status and detail only, no schemas) or `textPlain`. */
  errorFormat: 'scim' | 'sparse' | 'textPlain';
  /** 409 carries scimType "uniqueness". */
  conflictScimType: boolean;
  /** Status for a body that is not JSON: RFC 400, or 500, or 200 (with no body). */
  invalidJsonStatus: 400 | 500 | 200;
  /** Status for PUT/PATCH/DELETE on an unknown id: RFC 404, or 400, or 200 (with no body). */
  unknownIdWriteStatus: 404 | 400 | 200;
  /** Status for a missing or wrong token: RFC 401, or 403. */
  unauthorizedStatus: 401 | 403;
  /** Body of that answer: a SCIM error, a gateway's JSON `{"message": ...}`, an HTML page, or nothing. */
  unauthorizedBody: 'scim' | 'gatewayJson' | 'html' | 'empty';
  // --- discovery and endpoints ---
  /** /ServiceProviderConfig, /ResourceTypes and /Schemas are served (false: 404). */
  discovery: boolean;
  /** ServiceProviderConfig claims that say the opposite of what the app does. */
  falseClaims: Claim[];
  /** /Bulk is served (true), answers unsupportedStatus and is not advertised (false), or is advertised yet answers 501 (`advertisedOnly`). */
  bulk: boolean | 'advertisedOnly';
  /** Bulk maxOperations (advertised, and enforced unless bulkLimits is `ignored`). */
  bulkMaxOperations: number;
  /** Bulk maxPayloadSize in bytes (advertised, and enforced unless bulkLimits is `ignored`). */
  bulkMaxPayloadSize: number;
  /** Bulk limits are `enforced` (413 tooMany) or only advertised (`ignored`). */
  bulkLimits: 'enforced' | 'ignored';
  /** `bulkId:` references are `resolved` (RFC) or stored as written (`unresolved`). */
  bulkIdReferences: 'resolved' | 'unresolved';
  /** Status for unsupported endpoints (Bulk when off, /Me): RFC 501 or 404. */
  unsupportedStatus: 501 | 404;
  // --- groups ---
  /** Membership PATCH operations are `applied`, or `ignored` (answered 200 with the unchanged group). */
  groupPatch: 'applied' | 'ignored';
  /** Group `members` are `returned` (RFC), returned even when excluded (`excludedIgnored`), or `never` returned. */
  groupMembers: 'returned' | 'excludedIgnored' | 'never';
  /** Adding a member that is already there is `idempotent` (RFC) or stores it twice (`duplicated`). */
  duplicateMembers: 'idempotent' | 'duplicated';
  /** Most members one request may add or set (AWS documents 100; null: no limit). */
  groupMemberLimit: number | null;
  /** The user's `groups` attribute is `maintained` (RFC), `omitted`, or `stale` (frozen at the user's last write). */
  userGroups: 'maintained' | 'omitted' | 'stale';
  /** PATCH `remove` with path `members[value eq "..."]` (RFC and Entra form): `accept` or `reject` (400). */
  memberRemoveByFilter: 'accept' | 'reject';
  /** PATCH `replace` of the whole `members` list (Okta's form): `accept` or `reject` (400). */
  memberReplace: 'accept' | 'reject';
  // --- traffic ---
  rateLimit: RateLimit | null;
  faults: Faults | null;
  // --- lifecycle ---
  /** What active=false does: `immediate`, `delayed` (reads show active=true for deactivationDelaySeconds),
   *  `lockedOnly` (accepted; reads keep active=true and show a lock flag), `deleted` (the user is removed). */
  deactivation: 'immediate' | 'delayed' | 'lockedOnly' | 'deleted';
  deactivationDelaySeconds: number;
  /** 201 Created carries a Location header. */
  createdLocation: boolean;
}

export type QuirkOverrides = Partial<QuirkConfig>;

export const RFC_QUIRKS: Readonly<QuirkConfig> = Object.freeze({
  maxPageSize: null,
  defaultPageSize: null,
  startIndex: 'oneBased',
  itemsPerPage: 'returned',
  countZero: 'honoured',
  totalResultsDrift: 0,
  pageOverlap: 0,
  pageGap: 0,
  pagingNumbers: 'integers',
  advertisedMaxPageSize: null,
  cursorPagination: 'off',
  cursorTimeoutSeconds: 600,
  previousCursor: false,
  cursorTotalResults: 'exact',
  cursorLoop: false,
  cursorOnLastPage: false,
  cursorErrors: 'rfc',
  filterOperators: 'all',
  filterAttributes: 'all',
  filterCaseSensitive: false,
  malformedFilter: 'invalidFilter',
  noMatchStatus: 200,
  userNameUnique: true,
  userNameCaseSensitive: false,
  requiredAttributes: 'enforced',
  stringBooleans: 'reject',
  capitalisedPatchOps: 'accept',
  invalidPatchOps: 'reject',
  pathlessPatch: 'accept',
  filteredPatchPaths: 'accept',
  singleValuedEmails: false,
  errorStatus: 'string',
  errorFormat: 'scim',
  conflictScimType: true,
  invalidJsonStatus: 400,
  unknownIdWriteStatus: 404,
  unauthorizedStatus: 401,
  unauthorizedBody: 'scim',
  discovery: true,
  falseClaims: [],
  bulk: true,
  bulkMaxOperations: 1000,
  bulkMaxPayloadSize: 1_048_576,
  bulkLimits: 'enforced',
  bulkIdReferences: 'resolved',
  unsupportedStatus: 501,
  groupPatch: 'applied',
  groupMembers: 'returned',
  duplicateMembers: 'idempotent',
  groupMemberLimit: null,
  userGroups: 'maintained',
  memberRemoveByFilter: 'accept',
  memberReplace: 'accept',
  rateLimit: null,
  faults: null,
  deactivation: 'immediate',
  deactivationDelaySeconds: 0,
  createdLocation: true,
});

export const QUIRK_NAMES = Object.keys(RFC_QUIRKS) as (keyof QuirkConfig)[];

export function resolveQuirks(...layers: (QuirkOverrides | undefined)[]): QuirkConfig {
  const out: QuirkConfig = { ...RFC_QUIRKS };
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of QUIRK_NAMES) {
      if (layer[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = layer[key];
    }
  }
  return out;
}


// The switches of the quirk layer. One flat, typed object so a sandbox config file can override any switch by
// name, and the README can document each in one table. Defaults are RFC 7644 behaviour (the `strict` preset).

export const FILTER_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr', 'and', 'or', 'not'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface RateLimit {
  /** Token-bucket refill rate. */
  requestsPerSecond: number;
  /** Bucket size: how many requests may arrive at once; defaults to requestsPerSecond. */
  burst?: number;
  /** Send a Retry-After header (seconds) with the 429. */
  retryAfter: boolean;
}

export interface Faults {
  /** Fraction of requests (0..1) that fail, chosen deterministically from the sandbox seed. */
  rate: number;
  /** `503` answers a SCIM 503 body; `html502` answers a gateway-style HTML page; `mixed` alternates. */
  kind: '503' | 'html502' | 'mixed';
}

export interface QuirkConfig {
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
  /** Filter operators accepted; others answer 400 invalidFilter. */
  filterOperators: 'all' | FilterOperator[];
  /** What a syntactically broken filter gets: RFC 400, 200 with nothing, 200 with everything, or a 500. */
  malformedFilter: 'invalidFilter' | 'emptyList' | 'fullList' | 'serverError';
  /** userName uniqueness compares case (RFC: userName is caseExact=false, so it does not). */
  userNameCaseSensitive: boolean;
  /** `"active": "False"`: RFC-correct 400, coerced to a boolean, or kept as a (truthy) string. */
  stringBooleans: 'reject' | 'coerce' | 'storeAsString';
  /** PATCH ops written `Replace`/`Add`/`Remove`: applied, 400, or answered with success but not applied. */
  capitalisedPatchOps: 'accept' | 'reject' | 'ignore';
  /** PATCH add/replace without `path` (value is an object). */
  pathlessPatch: 'accept' | 'reject';
  /** PATCH paths with a value filter, e.g. `emails[type eq "work"].value`. */
  filteredPatchPaths: 'accept' | 'reject';
  /** Error `status` as the RFC's string or as a number. */
  errorStatus: 'string' | 'number';
  /** `scim` (RFC Error message), `sparse` (status and detail only, no schemas) or `textPlain`. */
  errorFormat: 'scim' | 'sparse' | 'textPlain';
  /** 409 carries scimType "uniqueness". */
  conflictScimType: boolean;
  /** /ServiceProviderConfig, /ResourceTypes and /Schemas are served (false: 404). */
  discovery: boolean;
  /** /Bulk is served. */
  bulk: boolean;
  /** Status for unsupported endpoints (Bulk when off, /Me): RFC 501 or 404. */
  unsupportedStatus: 501 | 404;
  rateLimit: RateLimit | null;
  faults: Faults | null;
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
  filterOperators: 'all',
  malformedFilter: 'invalidFilter',
  userNameCaseSensitive: false,
  stringBooleans: 'reject',
  capitalisedPatchOps: 'accept',
  pathlessPatch: 'accept',
  filteredPatchPaths: 'accept',
  errorStatus: 'string',
  errorFormat: 'scim',
  conflictScimType: true,
  discovery: true,
  bulk: true,
  unsupportedStatus: 501,
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
